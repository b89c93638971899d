import type { AnyCell } from '../../actor-cell.js';
import type { AnyActorRef } from '../../actor-ref.js';
import { ActorError } from '../../errors.js';
import { refIdWorker } from '../../ref-id.js';
import { SysKind } from '../../system-message.js';

/** Who asks for a child on another node: crosses threads with the spawn request. */
export interface ChildParent {
  /** The parent's actor id. */
  readonly id: number;
  /** The parent's path, so the child's path reads as its place in the tree. */
  readonly path: string;
  /** Matches the child's `ChildStarted` to this request (unique per requesting node). */
  readonly token: number;
}

/** One spawn of a remote child on its way. */
export interface PendingChildSpawn {
  readonly token: number;
  readonly parent: AnyCell;
  readonly name: string | null;
  /** The node asked, or -1 until the placement's answer names it. */
  worker: number;
  resolve(ref: AnyActorRef): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The spawns of remote children a node has asked for and not yet seen start. Each ends exactly
 * once (`take`): by the child's `ChildStarted` (through the ring, in order with whatever the
 * child sends next), or by a failure answer, a timeout, the asked worker's death, or the node's
 * shutdown. A failure tells the parent (`ChildSpawnFailed`) so it stops counting the child.
 *
 * Thread contract: owned by one node, used on its thread.
 */
export class ChildSpawnTable {
  private nextToken = 1;
  private readonly open = new Map<number, PendingChildSpawn>();

  /** Registers a spawn of a child of `parent` on `worker` (-1: placement decides). */
  begin(
    parent: AnyCell,
    name: string | null,
    worker: number,
    timeoutMs: number,
  ): { spawn: PendingChildSpawn; promise: Promise<AnyActorRef> } {
    const token = this.nextToken++;
    let spawn!: PendingChildSpawn;
    const promise = new Promise<AnyActorRef>((resolve, reject) => {
      spawn = { token, parent, name, worker, resolve, reject, timer: undefined };
    });
    spawn.timer = setTimeout(() => {
      this.fail(
        token,
        new ActorError(
          'ClusterHandle.spawnChild',
          'SPAWN_TIMEOUT',
          `the child of ${parent.path} did not start within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    this.open.set(token, spawn);
    return { spawn, promise };
  }

  /** Ends the spawn of `token` and returns it, or undefined when it has ended already. */
  take(token: number): PendingChildSpawn | undefined {
    const spawn = this.open.get(token);
    if (spawn === undefined) return undefined;
    this.open.delete(token);
    clearTimeout(spawn.timer);
    return spawn;
  }

  /** The node that hosts the child is known (from the answer's id). */
  placed(token: number, id: number): void {
    const spawn = this.open.get(token);
    if (spawn !== undefined) spawn.worker = refIdWorker(id);
  }

  /** The spawn of `token` failed: the parent stops waiting for it; the caller gets `error`. */
  fail(token: number, error: Error): void {
    const spawn = this.take(token);
    if (spawn === undefined) return;
    spawn.parent.sendSystem(SysKind.ChildSpawnFailed, null, undefined, spawn);
    spawn.reject(error);
  }

  /** Worker `worker` died: its spawns fail. */
  failWorker(worker: number): void {
    for (const spawn of [...this.open.values()]) {
      if (spawn.worker !== worker) continue;
      this.fail(
        spawn.token,
        new ActorError('ClusterHandle.spawnChild', 'WORKER_DEAD', `worker ${worker} died`),
      );
    }
  }

  /** The node shuts down: every spawn fails. */
  failAll(): void {
    for (const token of [...this.open.keys()]) {
      this.fail(
        token,
        new ActorError('ClusterHandle.spawnChild', 'NOT_RUNNING', 'the node shut down'),
      );
    }
  }
}
