import type { AnyTarget } from '../../actor-target.js';
import { ActorError } from '../../errors.js';
import { SysKind } from '../../system-message.js';
import type { RemoteCell } from '../node/remote-cell.js';
import type { ChildSpawnTable } from './child-spawn-table.js';

/**
 * A remote child's `ChildStarted` reached its parent's node: the parent (`parent`, undefined
 * when it is gone) records it. A parent that is gone, a spawn asked by another parent, or a
 * child whose worker is known dead ends the spawn; the child is stopped so no orphan lives on.
 * A token this node never handed out (or one already ended, e.g. by a timeout) matches no
 * spawn: the parent's remote children then stop the child as one they do not expect.
 *
 * Thread contract: the parent's node, inside the drain of its inbox.
 */
export function childStarted(
  spawns: ChildSpawnTable,
  parent: AnyTarget | undefined,
  child: RemoteCell<unknown>,
  token: number,
): void {
  const spawn = spawns.take(token);
  if (child.dead) {
    if (spawn !== undefined) {
      spawn.parent.sendSystem(SysKind.ChildSpawnFailed, null, undefined, spawn);
      spawn.reject(
        new ActorError('ClusterHandle.spawnChild', 'WORKER_DEAD', `${child.path} is gone`),
      );
    }
    return;
  }
  if (parent === undefined || (spawn !== undefined && spawn.parent !== parent)) {
    child.requestStop();
    if (spawn !== undefined) {
      spawn.parent.sendSystem(SysKind.ChildSpawnFailed, null, undefined, spawn);
      spawn.reject(new ActorError('ClusterHandle.spawnChild', 'NOT_RUNNING', 'the parent is gone'));
    }
    return;
  }
  parent.sendSystem(SysKind.ChildStarted, child, undefined, spawn ?? null);
}
