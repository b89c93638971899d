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
}

/** Each routee in turn. */
export class RoundRobinRouting implements RoutingLogic {
  private next = 0;

  select(_message: unknown, routees: number): number {
    const i = this.next % routees;
    this.next = i + 1;
    return i;
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
}
