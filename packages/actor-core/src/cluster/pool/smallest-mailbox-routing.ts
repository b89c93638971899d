/**
 * Smallest-mailbox routing across workers: each routee's worker publishes, after every step of
 * its loop, how many messages the routee holds (its mailbox, plus one while it runs) into a
 * shared Int32Array, one word per routee; the router sends to the routee with the smallest
 * published depth plus what it sent it since that word last changed. An estimate (a message
 * still in a ring counts nowhere for a moment), but one that follows the load: a routee stuck
 * on a long message stops getting new ones once its worker reports it.
 *
 * ```
 *  depths (Int32Array over a SAB, 2 words per routee, routee r at 2r)
 *  +-------------------------+--------------------------+-----
 *  | depth of routee 0       | publications of routee 0 | ...
 *  | written by its worker   | (+1 per store of depth)  |
 *  +-------------------------+--------------------------+-----
 * ```
 *
 * Thread contract: the router's thread reads (Atomics.load); each routee's worker writes its
 * routees' words (Atomics.store), and nobody else does.
 */
import type { RoutingLogic } from './routing.js';

export class SmallestMailboxRouting implements RoutingLogic {
  private readonly depths: Int32Array;
  /** Per routee: the publication count last seen, and the messages sent since then. */
  private readonly seen: Int32Array;
  private readonly sentSince: Int32Array;
  private start = 0;

  constructor(depths: Int32Array) {
    this.depths = depths;
    this.seen = new Int32Array(depths.length >>> 1);
    this.sentSince = new Int32Array(depths.length >>> 1);
  }

  select(_message: unknown, routees: number): number {
    return this.pick(routees, null);
  }

  /** The smallest among the live routees. */
  selectLive(_message: unknown, live: readonly unknown[]): number {
    return this.pick(live.length, live);
  }

  /** The routee with the smallest estimate (skipping those `live` says stopped); -1: none. */
  private pick(routees: number, live: readonly unknown[] | null): number {
    const depths = this.depths;
    let best = -1;
    let bestDepth = Number.POSITIVE_INFINITY;
    // Ties rotate, so equal routees share the messages.
    const start = this.start;
    this.start = (start + 1) % routees;
    for (let k = 0; k < routees; k++) {
      const r = (start + k) % routees;
      if (live !== null && live[r] === null) continue;
      const published = Atomics.load(depths, 2 * r + 1);
      if (published !== this.seen[r]) {
        this.seen[r] = published;
        this.sentSince[r] = 0;
      }
      const depth = Atomics.load(depths, 2 * r) + this.sentSince[r]!;
      if (depth < bestDepth) {
        best = r;
        bestDepth = depth;
      }
    }
    if (best >= 0) this.sentSince[best]!++;
    return best;
  }
}
