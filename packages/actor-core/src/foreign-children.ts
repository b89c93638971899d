import type { AnyActorRef } from './actor-ref.js';
import type { AnyTarget } from './actor-target.js';
import type { SupervisedChild } from './supervision.js';

/** A spawn of a child hosted elsewhere, still on its way (the cluster layer makes these). */
export interface ForeignSpawn {
  /** Matches the child's `ChildStarted` to the request. */
  readonly token: number;
  /** The name it reserves among its parent's children, or null. */
  readonly name: string | null;
}

/**
 * Role: one parent's children that live outside this thread (on another worker, or another
 * process), and its spawns of them still on their way. The local core only drives this role
 * from the parent's system messages; the cluster layer implements it (`RemoteChildren`) and
 * installs a factory on the system (`ActorSystem.foreignChildren`), so the core names nothing
 * of the cluster.
 *
 * Thread contract: owned by the parent's cell; every method runs on the parent's thread, from
 * its system-message handling.
 */
export interface ForeignChildren {
  /** A spawn request left for another node. */
  open(spawn: ForeignSpawn): void;
  /** The spawn came to nothing: true when it was counted (the parent has one fewer to wait for). */
  spawnFailed(spawn: ForeignSpawn): boolean;
  /** A child reported that it runs; true when the parent now counts it as a child. */
  started(
    parent: AnyTarget,
    from: AnyTarget,
    spawn: ForeignSpawn | null,
    running: boolean,
  ): boolean;
  /** The child of `id` failed: its record (now waiting for a directive), or undefined. */
  failed(id: number): SupervisedChild | undefined;
  /** The child of `id` ended: true when it was one of these. */
  terminated(id: number): boolean;
  /** The parent stops the child of `id` (its name is free again). */
  stopping(id: number): void;
  /** Asks every child to stop (the parent is stopping). */
  stopAll(): void;
  /** Children not asked to stop, for supervision. */
  running(): SupervisedChild[];
  refs(): AnyActorRef[];
  /** Children that failed and wait to resume with their parent (after an escalation). */
  resumeSuspended(): void;
  /** Whether `name` is taken by a running child or a spawn on its way. */
  hasName(name: string): boolean;
}
