import type { AnyActorRef } from '../../actor-ref.js';
import type { AnyTarget } from '../../actor-target.js';
import { ActorError } from '../../errors.js';
import type { ForeignChildren, ForeignSpawn } from '../../foreign-children.js';
import { SysKind } from '../../system-message.js';
import { RemoteCell } from '../node/remote-cell.js';
import type { PendingChildSpawn } from './child-spawn-table.js';
import { RemoteChild } from './remote-child.js';

/**
 * One parent's children on other workers, and its spawns still on their way. The parent's
 * `liveChildren` counts both (a pending spawn counts from its request until it starts or fails),
 * so a parent that stops waits for every child, however far it is.
 *
 * Thread contract: owned by the parent's cell; called from its system-message handling.
 */
export class RemoteChildren implements ForeignChildren {
  private readonly children = new Map<number, RemoteChild>();
  /** Spawn tokens on their way, with the names they reserve. */
  private readonly pending = new Map<number, string | null>();

  /** A spawn request left for another worker. */
  open(spawn: ForeignSpawn): void {
    this.pending.set(spawn.token, spawn.name);
  }

  /** The spawn came to nothing: true when it was counted (the parent has one fewer to wait for). */
  spawnFailed(spawn: ForeignSpawn): boolean {
    return this.pending.delete(spawn.token);
  }

  /**
   * A child reported that it runs. A child this parent no longer expects (its spawn timed out)
   * is stopped; one that starts while the parent stops is stopped at once (and still counted
   * until it has terminated).
   */
  started(
    parent: AnyTarget,
    from: AnyTarget,
    foreign: ForeignSpawn | null,
    running: boolean,
  ): boolean {
    // Every spawn this role is given was made by the cluster's ChildSpawnTable.
    const spawn = foreign as PendingChildSpawn | null;
    if (spawn === null || !(from instanceof RemoteCell) || !this.pending.delete(spawn.token)) {
      from.requestStop();
      return false;
    }
    const child = new RemoteChild(from, spawn.name, parent);
    this.children.set(from.ref.id, child);
    from.supervise(parent);
    if (running) spawn.resolve(from.ref);
    else {
      child.stopping = true;
      from.requestStop();
      spawn.reject(
        new ActorError(
          'ClusterHandle.spawnChild',
          'NOT_RUNNING',
          `the parent ${parent.path} stopped while its child started; the child was stopped`,
        ),
      );
    }
    return true;
  }

  /** The child of `id` failed: its record (now waiting for a directive), or undefined. */
  failed(id: number): RemoteChild | undefined {
    const child = this.children.get(id);
    if (child !== undefined) child.suspended = true;
    return child;
  }

  /** The child of `id` ended: true when it was one of these (the parent counts it down). */
  terminated(id: number): boolean {
    const child = this.children.get(id);
    if (child === undefined) return false;
    this.children.delete(id);
    child.target.unsupervise();
    return true;
  }

  /** The parent stops the child of `id` (its name is free again). */
  stopping(id: number): void {
    const child = this.children.get(id);
    if (child !== undefined) child.stopping = true;
  }

  /** Asks every child to stop (the parent is stopping). */
  stopAll(): void {
    for (const child of this.children.values()) {
      if (child.stopping) continue;
      child.stopping = true;
      child.target.requestStop();
    }
  }

  /** Children not asked to stop, for supervision. */
  running(): RemoteChild[] {
    const out: RemoteChild[] = [];
    for (const child of this.children.values()) if (!child.stopping) out.push(child);
    return out;
  }

  refs(): AnyActorRef[] {
    return this.running().map((c) => c.ref);
  }

  /** Children that failed and wait resume with their parent (after an escalation). */
  resumeSuspended(): void {
    for (const child of this.children.values()) {
      if (child.suspended && !child.stopping) child.sendSystem(SysKind.Resume, null);
    }
  }

  /** Whether `name` is taken by a running child or a spawn on its way. */
  hasName(name: string): boolean {
    for (const taken of this.pending.values()) if (taken === name) return true;
    for (const child of this.children.values()) {
      if (!child.stopping && child.name === name) return true;
    }
    return false;
  }
}
