/**
 * The balancing pools of a cluster, on the main thread: `spawn` allocates a pool's shared
 * queue (an MpmcQueue of envelope records, pool-record.ts), spawns its head actor here (its id
 * is the pool's identity, so the ref still works after it crossed to another worker inside a
 * message: tells to it there reach the head, which forwards them into the queue with their
 * sender) and asks every worker that gets routees to attach the queue and spawn them
 * (pool-routees.ts). A restarted worker gets its routees again; at shutdown what is left in a
 * queue is dead-lettered.
 *
 * Thread contract: the main thread only.
 */

import { MpmcQueue } from '@zactor/ringbuffer';
import type { WorkerPool } from '@zactor/scheduler-numa';
import { ActorRef, type AnyActorRef } from '../../actor-ref.js';
import { ActorError, withoutPrefix } from '../../errors.js';
import type { ControlChannel } from '../control-channel.js';
import type { ClusterNode } from '../node/cluster-node.js';
import { poolQueueShape, routeesPerWorker, type SpawnPoolOptions } from './pool-options.js';
import { PoolQueueWords } from './pool-record.js';
import { PoolTarget } from './pool-target.js';

export interface ClusterPoolsParts {
  readonly pool: WorkerPool;
  /** The main thread's node. */
  readonly node: ClusterNode;
  readonly channel: ControlChannel;
  readonly workerCount: number;
  readonly isClosing: () => boolean;
}

/** One pool as the main thread keeps it (to respawn a restarted worker's routees). */
interface PoolEntry {
  readonly target: PoolTarget<unknown>;
  readonly queue: MpmcQueue;
  readonly kind: string;
  readonly args: unknown;
  readonly options: SpawnPoolOptions['spawn'];
  /** Routees per worker. */
  readonly counts: readonly number[];
  /** Each worker's routees, as this thread sees them. */
  readonly routees: AnyActorRef[][];
}

export class ClusterPools {
  private readonly parts: ClusterPoolsParts;
  private readonly pools: PoolEntry[] = [];

  constructor(parts: ClusterPoolsParts) {
    this.parts = parts;
  }

  /** See `ActorCluster.spawnPool`. */
  async spawn<M, A>(kind: string, options: SpawnPoolOptions<A>): Promise<ActorRef<M>> {
    const { node, workerCount } = this.parts;
    if (this.parts.isClosing()) {
      throw new ActorError('ActorCluster.spawnPool', 'NOT_RUNNING', 'the cluster is shutting down');
    }
    const counts = routeesPerWorker(options.instances ?? 'per-worker', workerCount);
    const queue = MpmcQueue.create(poolQueueShape(options));
    // Fails here, before any worker is asked, for an unknown kind (ActorError UNKNOWN_KIND).
    node.definitionOf(kind, options.args);
    let target: PoolTarget<M> | undefined;
    const head = node.system.spawn<M>((message, ctx) => {
      target!.enqueue(message, ctx.sender);
    });
    target = new PoolTarget<M>({
      system: node.system,
      codec: node.codec,
      words: new PoolQueueWords(queue),
      head,
      wake: (worker) => this.parts.pool.wake(worker),
      refOf: (id) => node.refOf(id),
    });
    const ref = new ActorRef<M>(target, head.id);
    target.ref = ref;
    const entry: PoolEntry = {
      target: target as PoolTarget<unknown>,
      queue,
      kind,
      args: options.args,
      options: options.spawn,
      counts,
      routees: counts.map(() => []),
    };
    try {
      await Promise.all(counts.map((count, worker) => this.spawnOn(entry, worker, count)));
    } catch (error) {
      target.requestStop();
      throw error;
    }
    this.pools.push(entry);
    return ref;
  }

  /** Spawns pool `entry`'s routees on `worker` (none: nothing to do). */
  private async spawnOn(entry: PoolEntry, worker: number, count: number): Promise<void> {
    if (count === 0) return;
    const { node, pool, channel } = this.parts;
    if (!pool.isAlive(worker)) {
      throw new ActorError(
        'ActorCluster.spawnPool',
        'WORKER_DEAD',
        `worker ${worker} is not running`,
      );
    }
    const answer = await channel.request(worker, (req) => ({
      zactor: 'pool-spawn',
      req,
      pool: entry.target.ref.id,
      queue: entry.queue.buffer,
      kind: entry.kind,
      args: entry.args,
      count,
      options: entry.options ?? {},
    }));
    if (answer.zactor === 'failed') {
      throw new ActorError('ActorCluster.spawnPool', answer.code, withoutPrefix(answer.message));
    }
    if (answer.zactor !== 'spawned') {
      throw new ActorError('ActorCluster.spawnPool', 'PROTOCOL', 'unexpected answer');
    }
    const target = entry.target;
    const refs = answer.ids.map((id) => node.refOf(id));
    const previous = entry.routees[worker]!;
    for (const old of previous) {
      const at = target.routees.indexOf(old);
      if (at >= 0) target.routees.splice(at, 1);
    }
    entry.routees[worker] = refs;
    target.routees.push(...refs);
    if (!target.workers.includes(worker)) target.workers.push(worker);
  }

  /** Worker `worker` was restarted: its routees are spawned again (failures are dropped). */
  workerRestarted(worker: number): void {
    if (this.parts.isClosing()) return;
    for (const entry of this.pools) {
      const count = entry.counts[worker] ?? 0;
      this.spawnOn(entry, worker, count).catch(() => {});
    }
  }

  /** The cluster begins to shut down: tells to every pool are dead letters from now on. */
  close(): void {
    for (const entry of this.pools) entry.target.close();
  }

  /**
   * Dead-letters (`shutdown`) what is left in every pool's queue and heap; how many. Thread
   * contract: after every worker's system stopped (no routee takes any more).
   */
  deadLetterRest(): number {
    let count = 0;
    for (const entry of this.pools) count += entry.target.deadLetterRest();
    return count;
  }
}
