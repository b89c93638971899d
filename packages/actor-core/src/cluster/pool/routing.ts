/**
 * How a pool's ref spreads messages over its routees. `balancing` (the default) shares one
 * queue in shared memory (pool-target.ts); the others pick a routee per message on the sending
 * thread and tell it directly (router-target.ts), as Akka's and Proto.Actor's routers do.
 *
 * Thread contract: a RoutingLogic belongs to the thread of its router (the main thread).
 */
/** Routing by a key of the message: equal keys go to the same routee while the pool is stable. */
export interface ConsistentHashOptions {
  /** The message's key (a partition, a user id...). */
  readonly hashKey: (message: never) => string | number;
  /** Points per routee on the hash ring. Default 64. */
  readonly virtualNodes?: number;
}

export type PoolRouting =
  | 'balancing'
  | 'round-robin'
  | 'random'
  | 'broadcast'
  | 'smallest-mailbox'
  | { readonly consistentHash: ConsistentHashOptions };

/**
 * Role: picks the routee of the next message, as an index into the pool's routees (a stable
 * order: worker by worker). Called on the tell path: returns, never throws, does not allocate.
 */
export interface RoutingLogic {
  select(message: unknown, routees: number): number;
  /**
   * The pick among the live routees only (`live[i]` null: routee `i` stopped), for a message
   * whose `select` named a stopped one; -1 when none is live. Not allocation-free everywhere:
   * only messages that met a stopped routee come here.
   */
  selectLive(message: unknown, live: readonly unknown[]): number;
}

/** Each routee in turn. */
export class RoundRobinRouting implements RoutingLogic {
  private next = 0;

  select(_message: unknown, routees: number): number {
    const i = this.next % routees;
    this.next = i + 1;
    return i;
  }

  /** The next live one in turn. */
  selectLive(message: unknown, live: readonly unknown[]): number {
    for (let k = 0; k < live.length; k++) {
      const i = this.select(message, live.length);
      if (live[i] !== null) return i;
    }
    return -1;
  }
}

/** A routee drawn uniformly (xorshift32, seeded). */
export class RandomRouting implements RoutingLogic {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0 || 1;
  }

  select(_message: unknown, routees: number): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return (x >>> 0) % routees;
  }

  /** A live one drawn uniformly (draws again; after 2n draws, the next live one after the last). */
  selectLive(message: unknown, live: readonly unknown[]): number {
    const n = live.length;
    let i = 0;
    for (let k = 0; k < 2 * n; k++) {
      i = this.select(message, n);
      if (live[i] !== null) return i;
    }
    for (let k = 1; k < n; k++) if (live[(i + k) % n] !== null) return (i + k) % n;
    return -1;
  }
}
