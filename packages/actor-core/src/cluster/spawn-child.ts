import { ActorCell } from '../actor-cell.js';
import type { ActorContext } from '../actor-context.js';
import type { ActorRef } from '../actor-ref.js';
import { ActorError, withoutPrefix } from '../errors.js';
import { thrownText } from '../thrown.js';
import type { ClusterSpawnOptions } from './actor-cluster.js';
import type { RemoteSpawnOptions } from './cluster-protocol.js';
import type { ClusterNode } from './node/cluster-node.js';
import type { ChildParent } from './supervision/child-spawn-table.js';

/** Sends a spawn request for one child of `parent` to the node chosen by `worker`; its ids. */
export type ChildSpawnSender = (
  kind: string,
  args: unknown,
  worker: number | 'main' | undefined,
  options: RemoteSpawnOptions,
  parent: ChildParent,
) => Promise<number[]>;

const WHERE = 'ClusterHandle.spawnChild';

/**
 * `clusterOf(ctx.system).spawnChild(ctx, kind, options)` on either kind of thread: a child on
 * this node is an ordinary `ctx.spawn`; a child elsewhere is asked for with the parent's id,
 * path and a token, counted by the parent from now on, and resolved when the child reports
 * `ChildStarted` (see child-spawn-table.ts for the ways a spawn can end).
 */
export function spawnChild<M, A>(
  node: ClusterNode,
  // biome-ignore lint/suspicious/noExplicitAny: a parent of any message type.
  ctx: ActorContext<any>,
  kind: string,
  options: ClusterSpawnOptions<A>,
  timeoutMs: number,
  send: ChildSpawnSender,
  /** The cluster (or this node) is shutting down: refuse. */
  closed: boolean,
): Promise<ActorRef<M>> {
  if (closed) {
    return Promise.reject(new ActorError(WHERE, 'NOT_RUNNING', 'the cluster is shutting down'));
  }
  const parent = ctx.self.cell;
  if (!(parent instanceof ActorCell) || parent.system !== node.system) {
    return Promise.reject(
      new ActorError(WHERE, 'INVALID_OPTION', 'the parent must be an actor of the calling thread'),
    );
  }
  if (!parent.isRunning) {
    return Promise.reject(
      new ActorError(WHERE, 'NOT_RUNNING', `cannot spawn under ${parent.path}: it is stopping`),
    );
  }
  const { args, worker, ...spawnOptions } = options;
  // `worker` is a pool index; node ids of this process start at `node.base`.
  const here =
    worker === 'main' ? node.mainNodeId === node.nodeId : worker === node.nodeId - node.base;
  try {
    if (here) return Promise.resolve(parent.spawn(node.definitionOf(kind, args), spawnOptions));
  } catch (error) {
    return Promise.reject(error);
  }
  const name = spawnOptions.name ?? null;
  if (name !== null && parent.hasChild(name)) {
    return Promise.reject(
      new ActorError(
        WHERE,
        'DUPLICATE_NAME',
        `${parent.path} already has a child named ${JSON.stringify(name)}`,
      ),
    );
  }
  const target =
    worker === 'main' ? node.mainNodeId : worker === undefined ? -1 : node.base + worker;
  const table = node.childSpawns;
  const { spawn, promise } = table.begin(parent, name, target, timeoutMs);
  parent.openRemoteSpawn(spawn);
  const request = { id: parent.ref.id, path: parent.path, token: spawn.token };
  send(kind, args, worker, spawnOptions, request).then(
    (ids) => {
      if (ids[0] !== undefined) table.placed(spawn.token, ids[0]);
    },
    (error: unknown) => {
      table.fail(
        spawn.token,
        error instanceof ActorError
          ? new ActorError(WHERE, error.code, withoutPrefix(error.message))
          : new ActorError(WHERE, 'SPAWN_FAILED', thrownText(error)),
      );
    },
  );
  return promise as Promise<ActorRef<M>>;
}
