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
  /** Stops the routees and the head. */
  requestStop(): void;
  /** From now on tells are dead letters (`shutdown`). */
  close(): void;
  /** Dead-letters what is left once the workers stopped; how many. */
  deadLetterRest(): number;
}
