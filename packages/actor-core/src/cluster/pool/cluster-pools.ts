/**
 * The pools of a cluster, on the main thread: `spawn` spawns the pool's head actor here (its id
 * is the pool's identity, so the ref still works after it crossed to another worker inside a
 * message: tells to it there reach the head, which hands them on with their sender), makes the
 * pool's target (a balancing pool's shared queue, pool-target.ts, or a router, router-target.ts)
 * and asks every worker that gets routees to spawn them (pool-routees.ts). A restarted worker
 * gets its routees again; at shutdown what is left in a queue is dead-lettered.
 *
 * Thread contract: the main thread only.
 */
import { MpmcClaimLog, MpmcQueue } from '@zactor/ringbuffer';
import type { WorkerPool } from '@zactor/scheduler-numa';
import { ActorRef } from '../../actor-ref.js';
import { ActorError, withoutPrefix } from '../../errors.js';
import type { ControlChannel } from '../control-channel.js';
import type { ClusterNode } from '../node/cluster-node.js';
import type { PoolFront } from './pool-front.js';
import {
  poolQueueShape,
  routeesPerWorker,
  routingOf,
  type SpawnPoolOptions,
} from './pool-options.js';
import { settlePoolOrphans } from './pool-orphans.js';
import { PoolQueueWords } from './pool-record.js';
import { PoolState } from './pool-state.js';
import { PoolTarget } from './pool-target.js';
import { routeeWatch } from './routee-watch.js';
import { RouterTarget, routingLogicOf } from './router-target.js';

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
  readonly front: PoolFront;
  /**
   * A balancing pool's queue as the main thread sees it (with its slot in the claim log) and
   * the claim log (a slot per worker, the main thread's last), else null.
   */
  readonly words: PoolQueueWords | null;
  readonly claims: MpmcClaimLog | null;
  /** A balancing pool's state word (pool-state.ts), else null. */
  readonly state: PoolState | null;
  readonly depths: SharedArrayBuffer | null;
  readonly kind: string;
  readonly args: unknown;
  readonly options: SpawnPoolOptions['spawn'];
  /** Routees per worker. */
  readonly counts: readonly number[];
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
    const total = counts.reduce((a, b) => a + b, 0);
    const routing = routingOf(options);
    const queue = routing === 'balancing' ? MpmcQueue.create(poolQueueShape(options)) : null;
    const depths =
      routing === 'smallest-mailbox'
        ? new SharedArrayBuffer(2 * total * Int32Array.BYTES_PER_ELEMENT)
        : null;
    // Fails here, before any worker is asked, for an unknown kind (ActorError UNKNOWN_KIND).
    node.definitionOf(kind, options.args);
    let front: (PoolFront & { enqueue(message: M, sender: ActorRef | null): boolean }) | undefined;
    const logic =
      routing === 'balancing' || routing === 'broadcast'
        ? null
        : routingLogicOf(routing, total, depths === null ? undefined : new Int32Array(depths));
    const state = queue === null ? null : new PoolState();
    const claims = queue === null ? null : MpmcClaimLog.create(workerCount + 1);
    const words = queue === null ? null : new PoolQueueWords(queue, claims!.slot(workerCount));
    // However the head stops (this ref, a worker's ref to it, a parent), the pool stops with it.
    const head = node.system.spawn<M>({
      receive(message, ctx) {
        // A router's head also watches its routees (routee-watch.ts).
        if (!routeeWatch(message, ctx, front!)) {
          front!.enqueue(message, ctx.sender);
        }
      },
      postStop() {
        front?.requestStop();
      },
    });
    const target =
      queue === null
        ? new RouterTarget<M>(node.system, head, logic, workerCount)
        : new PoolTarget<M>({
            system: node.system,
            codec: node.codec,
            words: words!,
            state: state!,
            head,
            wake: (worker) => this.parts.pool.wake(worker),
            refOf: (id) => node.refOf(id),
          });
    front = target;
    const ref = new ActorRef<M>(target, head.id);
    target.ref = ref;
    const entry: PoolEntry = {
      front: target,
      words,
      claims,
      state,
      depths,
      kind,
      args: options.args,
      options: options.spawn,
      counts,
    };
    // Known before any worker answers: a worker restarted while the others are still being
    // asked gets its routees again (workerRestarted), which it would not if the pool were
    // registered only once all had answered.
    this.pools.push(entry);
    try {
      await Promise.all(counts.map((_, worker) => this.spawnOn(entry, worker)));
    } catch (error) {
      target.requestStop();
      this.pools.splice(this.pools.indexOf(entry), 1);
      throw error;
    }
    return ref;
  }

  /** Spawns pool `entry`'s routees on `worker` (none: nothing to do). */
  private async spawnOn(entry: PoolEntry, worker: number): Promise<void> {
    const count = entry.counts[worker] ?? 0;
    if (count === 0) return;
    const { node, pool, channel } = this.parts;
    if (!pool.isAlive(worker)) {
      throw new ActorError(
        'ActorCluster.spawnPool',
        'WORKER_DEAD',
        `worker ${worker} is not running`,
      );
    }
    let firstIndex = 0;
    for (let w = 0; w < worker; w++) firstIndex += entry.counts[w]!;
    const answer = await channel.request(worker, (req) => ({
      zactor: 'pool-spawn',
      req,
      pool: entry.front.ref.id,
      queue: entry.words === null ? null : entry.words.queue.buffer,
      state: entry.state === null ? null : entry.state.buffer,
      claims: entry.claims === null ? null : entry.claims.buffer,
      claimThread: worker,
      depths: entry.depths,
      firstIndex,
      hosts: entry.counts.flatMap((count, w) => (count > 0 ? [w] : [])),
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
    entry.front.setRoutees(
      worker,
      answer.ids.map((id) => node.refOf(id)),
    );
  }

  /**
   * Worker `worker` died (its thread has stopped; its replacement, if any, has not started):
   * what it left half done in each balancing pool's queue is finished (pool-orphans.ts), the
   * hosting workers are woken, and a stopped pool dead-letters what the skip freed. The promise
   * resolves once all of it is done.
   */
  workerDied(worker: number): Promise<void> {
    const settling: Promise<void>[] = [];
    const { node, pool: threads } = this.parts;
    for (const entry of this.pools) {
      if (entry.claims === null || entry.words === null) continue;
      const pool = entry.front.ref;
      const parts = {
        words: entry.words,
        claims: entry.claims,
        codec: node.codec,
        deadLetter: (message: unknown, senderId: number) =>
          node.system.deadLetter(
            message,
            senderId === -1 ? null : node.refOf(senderId),
            pool,
            'worker-dead',
          ),
      };
      settling.push(
        settlePoolOrphans(parts, worker).then((skipped) => {
          // Hosts may have parked in front of the cell now published: wake them (the dead
          // worker's replacement too, if it has started and got its routees meanwhile).
          if (skipped > 0) {
            entry.counts.forEach((count, host) => {
              if (count > 0) threads.wake(host);
            });
          }
          entry.front.orphansSettled?.();
        }),
      );
    }
    return Promise.all(settling).then(() => {});
  }

  /** Worker `worker` was restarted: its routees are spawned again (failures are dropped). */
  workerRestarted(worker: number): void {
    if (this.parts.isClosing()) return;
    for (const entry of this.pools) {
      if (!entry.front.stopped) this.spawnOn(entry, worker).catch(() => {});
    }
  }

  /** The cluster begins to shut down: tells to every pool are dead letters from now on. */
  close(): void {
    for (const entry of this.pools) entry.front.close();
  }

  /**
   * Dead-letters (`shutdown`) what is left in every pool's queue and heap; how many. Thread
   * contract: after every worker's system stopped (no routee takes any more).
   */
  deadLetterRest(): number {
    let count = 0;
    for (const entry of this.pools) count += entry.front.deadLetterRest();
    return count;
  }
}
