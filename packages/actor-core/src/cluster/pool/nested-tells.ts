import type { AnyActorRef } from '../../actor-ref.js';

/** Where a tell made during a stage goes: its index and the list it belongs to. */
interface Place {
  readonly at: number;
  readonly generation: number;
}

/** A place whose tell did not stay (its codec refused the message, or it was too large). */
const NOT_KEPT: unique symbol = Symbol('not kept');

/**
 * The tells a pool's producer gets while it is staging a message (that message's codec, a
 * getter say, tells the same pool): each takes its place when the tell starts, before its own
 * codec runs, so they keep the order the tells started in; all of them go behind the staged
 * message once that one has gone where it goes (PoolTarget's `afterStage`).
 *
 * Thread contract: the producer's thread (its PoolTarget's).
 */
export class NestedTells {
  /** (message, sender) pairs; NOT_KEPT where a tell did not stay. */
  private pairs: unknown[] = [];
  /** Bumped by `drain`: a place reserved before it is gone (see `keep`). */
  private generation = 0;

  get empty(): boolean {
    return this.pairs.length === 0;
  }

  /**
   * The next place, for a tell from `sender` (a token for `keep`); `keep` puts its message there
   * once checked.
   */
  reserve(sender: AnyActorRef | null): Place {
    const at = this.pairs.length;
    this.pairs.push(NOT_KEPT, sender);
    return { at, generation: this.generation };
  }

  /**
   * Puts `message` in its place; false when the place is gone (a `drain` ran meanwhile: the
   * checked message's own codec stopped the pool), and the caller must end the tell itself.
   */
  keep(place: Place, message: unknown): boolean {
    if (place.generation !== this.generation) return false;
    this.pairs[place.at] = message;
    return true;
  }

  /**
   * Hands every kept tell to `visit`, oldest first, and forgets them all; how many. The list is
   * let go of first: `visit` may lead to more tells (a dead-letter subscriber's).
   */
  drain(visit: (message: unknown, sender: AnyActorRef | null) => void): number {
    const pairs = this.pairs;
    if (pairs.length === 0) return 0;
    this.pairs = [];
    this.generation++;
    let count = 0;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === NOT_KEPT) continue;
      visit(pairs[i], pairs[i + 1] as AnyActorRef | null);
      count++;
    }
    return count;
  }
}
