/**
 * Role: what the main thread's pool registry (cluster-pools.ts) needs of a pool's target, the
 * object behind its ref: a balancing pool's shared queue (PoolTarget) or a router
 * (RouterTarget).
 *
 * Thread contract: the main thread only.
 */
import type { AnyActorRef } from '../../actor-ref.js';

export interface PoolFront {
  readonly ref: AnyActorRef;
  /** The routees of `worker`, spawned (again, after a restart: they replace the old ones). */
  setRoutees(worker: number, routees: readonly AnyActorRef[]): void;
  /**
   * Stops the pool once (`system.stop` of its ref, or its head's `postStop` when the head was
   * stopped another way): routees and head stop; later tells are dead letters (`stopped`).
   */
  requestStop(): void;
  /** Whether the pool was stopped (a restarted worker does not get its routees again). */
  readonly stopped: boolean;
  /** From now on tells are dead letters (`shutdown`). */
  close(): void;
  /** Dead-letters what is left once the workers stopped; how many. */
  deadLetterRest(): number;
  /**
   * A balancing pool's: what a dead worker left in the queue was settled (cells published as
   * skips may have freed records behind them); a stopped pool dead-letters those too.
   */
  orphansSettled?(): void;
  /**
   * A router's: `routee` stopped (its head's watch, routee-watch.ts); it is left out of the
   * routing until a restarted worker's routees replace it.
   */
  routeeGone?(routee: AnyActorRef): void;
}
