/**
 * What the main thread does when a pool worker dies: count it, tell the main node (its actors'
 * refs there become dead) and the other workers, reject the requests it will never answer,
 * report it, and unless the cluster is closing or restarts are off, start a new worker in its
 * place and announce it.
 *
 * Thread contract: the main thread only (it handles the pool's `worker-died` events).
 */
import type { WorkerPool } from '@zactor/scheduler-numa';
import type { WorkerDiedInfo } from './cluster-events.js';
import type { ControlChannel } from './control-channel.js';
import type { ClusterNode } from './node/cluster-node.js';

export interface WorkerDeathsParts {
  readonly pool: WorkerPool;
  /** The main thread's node. */
  readonly node: ClusterNode;
  readonly channel: ControlChannel;
  /** `ActorClusterOptions.restartWorkers`, resolved. */
  readonly restartWorkers: boolean;
  /** Whether the cluster is shutting down (no restart then). */
  readonly isClosing: () => boolean;
  /** Reports the death (the cluster's `worker-died` event). */
  readonly report: (info: WorkerDiedInfo) => void;
}

export class WorkerDeaths {
  private readonly parts: WorkerDeathsParts;
  private deaths = 0;

  constructor(parts: WorkerDeathsParts) {
    this.parts = parts;
  }

  /** Workers that died since the cluster started. */
  get count(): number {
    return this.deaths;
  }

  /** Worker `worker` died with exit `code` (and `error`, when it threw). */
  async died(worker: number, code: number, error: Error | undefined): Promise<void> {
    const { pool, node, channel } = this.parts;
    this.deaths++;
    node.workerDied(worker);
    channel.failWorker(worker);
    channel.broadcast({ zactor: 'worker-died', worker }, worker);
    const restart = !this.parts.isClosing() && this.parts.restartWorkers;
    this.parts.report({ worker, code, error, restarted: restart });
    if (!restart) return;
    try {
      await pool.restart(worker);
    } catch {
      return;
    }
    channel.listen(worker);
    node.workerRestarted(worker);
    channel.broadcast({ zactor: 'worker-up', worker }, worker);
  }
}
