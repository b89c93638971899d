import type { ActorTarget } from './actor-target.js';
import { DORMANT_TARGET_ID, refIdSlot, refIdWorker } from './ref-id.js';

/** Options of `ask`. */
export interface AskOptions {
  /** How long to wait for a reply before rejecting with `AskTimeoutError`. Default 5000 ms. */
  readonly timeoutMs?: number;
  /**
   * Aborting it rejects the ask at once with `ActorError` `ASK_ABORTED` (its `cause` is the
   * signal's `reason`); a reply that comes later is a dead letter. An already aborted signal
   * rejects before the message is sent.
   */
  readonly signal?: AbortSignal;
}

/**
 * A handle to an actor. `id` is the value identity, (worker, slot, generation) packed
 * into one safe integer; the object also points at the local cell so that a `tell`
 * on the same worker costs a few field reads and two queue pushes.
 *
 * A ref outlives its actor: telling a stopped actor sends the message to dead letters.
 */
export class ActorRef<M = unknown> {
  readonly id: number;
  /**
   * @internal Where `tell` goes: the actor's target; while the actor is dormant (spawned, never
   * used: no cell yet, see cell-factory.ts) a cell its system shares among dormant actors, of the
   * same class as every cell (so the `tell` below stays monomorphic), which makes the actor's
   * own cell on first use and points this field at it.
   */
  target: ActorTarget<M>;

  /** @internal Refs are made by the system; user code gets them from `spawn`. */
  constructor(target: ActorTarget<M>, id: number) {
    this.target = target;
    this.id = id;
  }

  /** @internal The actor's target; a dormant actor's cell is made here, on first use. */
  get cell(): ActorTarget<M> {
    const target = this.target;
    // A shared target (negative id) stands for many actors: the system resolves this one's.
    return target.ref.id >= 0 ? target : target.system.cells.resolve(this);
  }

  /** The actor's path in the supervision tree, e.g. `/user/orders/book-1`. */
  get path(): string {
    const target = this.target;
    // A shared target stands for many actors: the system names this one (and makes no cell).
    return target.ref.id >= 0 ? target.path : target.system.cells.pathOf(this);
  }

  /** The worker that hosts the actor. */
  get worker(): number {
    return refIdWorker(this.id);
  }

  /** The actor's slot in its worker's actor table. */
  get slot(): number {
    return refIdSlot(this.id);
  }

  /**
   * Sends a message without waiting. Returns true when the message was queued, false
   * when it went to dead letters (the actor has stopped) or was dropped by a full
   * bounded mailbox. Throws `MailboxOverflowError` only for a full mailbox whose
   * policy is `fail`, and `ActorError` for an `undefined` message.
   */
  tell(message: M, sender: AnyActorRef | null = null): boolean {
    return this.target.enqueue(message, sender, this);
  }

  /**
   * Sends a message with a temporary sender and resolves with the first reply
   * (`ctx.reply(...)` in the target). Rejects with `AskTimeoutError` after the timeout, and
   * with `ActorError` `ASK_ABORTED` when `options.signal` aborts first.
   */
  ask<R = unknown>(message: M, options?: AskOptions): Promise<R> {
    return this.cell.system.ask<M, R>(this, message, options);
  }

  /**
   * The id, so a ref reads as its number where one is expected (the serializer's `t.ref`
   * fields take the ref itself: they read its `id`).
   */
  valueOf(): number {
    return this.id;
  }

  toString(): string {
    return `ActorRef(${this.path}#${this.id})`;
  }

  /** What `console.log(ref)` and `util.inspect` show: `ActorRef(/user/x#id)`, not the cell inside. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** @internal Whether the actor behind `ref` is dormant (spawned, no cell yet: cell-factory.ts). */
export function isDormant(ref: AnyActorRef): boolean {
  return ref.target.ref.id === DORMANT_TARGET_ID;
}

/** A ref to an actor of any message type (senders, watch targets, children). */
// biome-ignore lint/suspicious/noExplicitAny: the message type of such a ref is unknown by design, and `unknown` would make `tell` accept nothing useful.
export type AnyActorRef = ActorRef<any>;
