/**
 * Spawn routing on the main thread: where an actor goes (the main node, a named worker, or the
 * placement policy's choice among live workers), the spawn request to that worker over the
 * control channel, and the spawn requests workers send the main thread (their actors'
 * `clusterOf(system).spawn`), answered with the ids.
 *
 * Thread contract: the main thread only.
 */
import {
  LeastLoadedPlacement,
  LoadAwarePlacement,
  NumaLocalPlacement,
  type Placement,
  RoundRobinPlacement,
  type WorkerPool,
} from '@zactor/scheduler-numa';
import type { ActorRef } from '../actor-ref.js';
import { ActorError, withoutPrefix } from '../errors.js';
import { thrownMessage } from '../thrown.js';
import { checkSpawnCount, type SpawnRequest, type SpawnResult } from './cluster-handle.js';
import type { ClusterSpawnOptions, PlacementPolicy } from './cluster-options.js';
import type { ControlChannel } from './control-channel.js';
import type { ClusterNode } from './node/cluster-node.js';
import type { ChildParent } from './supervision/child-spawn-table.js';

/**
 * The placement of `policy` (default `round-robin`); a `Placement` object is used as it is.
 * Throws ActorError `INVALID_OPTION` for anything else.
 */
export function placementOf(policy: PlacementPolicy | Placement | undefined): Placement {
  if (typeof policy === 'object' && policy !== null && typeof policy.place === 'function') {
    return policy;
  }
  switch (policy) {
    case undefined:
    case 'round-robin':
      return new RoundRobinPlacement();
    case 'least-loaded':
      return new LeastLoadedPlacement();
    case 'numa-local':
      return new NumaLocalPlacement();
    case 'load-aware':
      return new LoadAwarePlacement();
    default:
      throw new ActorError(
        'ActorCluster.start',
        'INVALID_OPTION',
        `placement (${String(policy)}) must be 'round-robin', 'least-loaded', 'numa-local', 'load-aware' or a Placement object`,
      );
  }
}

export interface SpawnRouterParts {
  readonly pool: WorkerPool;
  /** The main thread's node. */
  readonly node: ClusterNode;
  readonly workerCount: number;
  readonly channel: ControlChannel;
  readonly placement: Placement;
  /** Whether the cluster is shutting down (spawns are refused, answers no longer sent). */
  readonly isClosing: () => boolean;
}

export class SpawnRouter {
  private readonly parts: SpawnRouterParts;

  constructor(parts: SpawnRouterParts) {
    this.parts = parts;
  }

  /** Spawns `count` actors, or with `parent` one child of that actor of another node. */
  async spawn<M, A>(
    kind: string,
    count: number,
    options: ClusterSpawnOptions<A>,
    parent: ChildParent | undefined,
  ): Promise<ActorRef<M>[]> {
    checkSpawnCount('ActorCluster.spawn', count);
    const { pool, node, workerCount } = this.parts;
    if (this.parts.isClosing()) {
      throw new ActorError('ActorCluster.spawn', 'NOT_RUNNING', 'the cluster is shutting down');
    }
    const { args, worker: chosen, ...spawnOptions } = options;
    if (chosen === 'main') {
      const ids = node.spawnLocal(kind, args, count, spawnOptions, parent);
      return ids.map((id) => node.refOf(id) as ActorRef<M>);
    }
    const worker = chosen ?? this.parts.placement.place(pool);
    // A user's policy may answer anything: checked below like a named worker.
    if (!(Number.isInteger(worker) && worker >= 0 && worker < workerCount)) {
      throw new ActorError(
        'ActorCluster.spawn',
        'INVALID_OPTION',
        `worker (${worker}) must be 'main' or an integer from 0 to ${workerCount - 1}`,
      );
    }
    if (!pool.isAlive(worker)) {
      throw new ActorError('ActorCluster.spawn', 'WORKER_DEAD', `worker ${worker} is not running`);
    }
    const answer = await this.parts.channel.request(worker, (req) => ({
      zactor: 'spawn',
      req,
      kind,
      args,
      count,
      options: spawnOptions,
      parent,
    }));
    if (answer.zactor === 'failed') {
      throw new ActorError('ActorCluster.spawn', answer.code, withoutPrefix(answer.message));
    }
    if (answer.zactor !== 'spawned')
      throw new ActorError('ActorCluster.spawn', 'PROTOCOL', 'unexpected answer');
    return answer.ids.map((id) => node.refOf(id) as ActorRef<M>);
  }

  /** A worker's actor asked to spawn (`clusterOf(system).spawn` there): do it, answer it. */
  serve(request: SpawnRequest, respond: (result: SpawnResult) => void): void {
    const answer = (result: SpawnResult) => {
      if (!this.parts.isClosing()) respond(result);
    };
    const options = {
      ...request.options,
      args: request.args,
      ...(request.worker === undefined ? {} : { worker: request.worker }),
    };
    this.spawn(request.kind, request.count, options, request.parent).then(
      (refs) => answer({ zactor: 'spawn-result', req: request.req, ids: refs.map((r) => r.id) }),
      (error: unknown) =>
        answer({
          zactor: 'spawn-result',
          req: request.req,
          code: error instanceof ActorError ? error.code : 'SPAWN_FAILED',
          // Without the prefix: the worker's ActorError adds its own.
          message: withoutPrefix(thrownMessage(error)),
        }),
    );
  }
}
