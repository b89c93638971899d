import type { EventLoopUtilization } from 'node:perf_hooks';
import { ActorCluster, type ActorRef } from '@zactor/actor-core';
import { WorkerPool } from '@zactor/scheduler-numa';
import { Piscina } from 'piscina';
import { BenchError } from '../../errors.js';
import { deferred } from '../../harness/deferred.js';
import {
  defineScenario,
  type Implementation,
  type Role,
  type RunResult,
  type Scenario,
  type Suite,
  type WorkerUtilisation,
} from '../../harness/scenario.js';
import {
  piscinaFilename,
  sourceWorkerFactory,
  workerModuleUrl,
} from '../../harness/worker-launcher.js';
import type { SkewDone, SkewTask } from '../../workers/skew-cluster.js';
import type { SkewTaskInput, SkewTaskOutput } from '../../workers/skew-piscina.js';
import type { SkewTaskBuffers } from '../../workers/skew-tasks.js';
import { loadBounds, MAX_UNITS, PARETO_SHAPE, taskCosts, taskTargets } from './skew-work.js';

/**
 * Balancing pools (issue 21) on a skewed load: `tasks` tasks of seeded heavy-tailed CPU cost
 * (skew-work.ts), all sent at once from the main thread, run on 2 workers by
 * - a ZActor balancing pool (`cluster.spawnPool`, one routee per worker, one shared MPMC queue
 *   in shared memory: an idle routee takes the next task);
 * - the same actor kind spawned twice with the cluster's round-robin placement (one per worker),
 *   task i sent to actor i % 2 (a static split: each worker gets its half whatever it costs);
 * - piscina (the peer), 2 threads, running the same task code.
 * Timed from the first send to the last reply; cluster/pool start-up is outside the timing.
 */

type SkewParams = {
  readonly tasks: number;
  readonly seed: number;
  /** Mixing rounds per cost unit (about 1 ns each). */
  readonly loopsPerUnit: number;
  /** 0: the static split sends task i to worker i % 2; else this % of tasks to worker 0's actor. */
  readonly hotPercent: number;
};

const WORKERS = 2;
const SECONDS = 'run time';
const P99 = 'P99 task latency';
const LOWEST = 'lowest worker utilisation';
const MAIN = 'main thread event-loop utilisation';

/** What a run saw: completion of every task, the work time per worker. */
class Tally {
  readonly sentAt: Float64Array;
  readonly latencyMs: Float64Array;
  readonly seen: Uint8Array;
  readonly busyMs = new Map<number, number>();
  count = 0;
  /** Completions of a task already completed (must stay 0). */
  twice = 0;
  private readonly done = deferred<void>();

  constructor(readonly tasks: number) {
    this.sentAt = new Float64Array(tasks);
    this.latencyMs = new Float64Array(tasks);
    this.seen = new Uint8Array(tasks);
  }

  finished(
    id: number,
    worker: number,
    ms: number,
    latencyMs = performance.now() - this.sentAt[id]!,
  ): void {
    if (this.seen[id] !== 0) {
      this.twice++;
      return;
    }
    this.seen[id] = 1;
    this.latencyMs[id] = latencyMs;
    this.busyMs.set(worker, (this.busyMs.get(worker) ?? 0) + ms);
    if (++this.count === this.tasks) this.done.resolve();
  }

  get all(): Promise<void> {
    return this.done.promise;
  }

  /**
   * The run's result from its start and end (performance.now()) and the main thread's
   * event-loop utilisation over the run (it sends, and takes every reply, on a machine whose
   * cores the workers share).
   */
  result(name: string, start: number, end: number, main: EventLoopUtilization): RunResult {
    if (this.twice !== 0) {
      throw new BenchError('balancing', 'TASK_TWICE', `${this.twice} task(s) completed twice`);
    }
    const ms = end - start;
    const sorted = Float64Array.from(this.latencyMs).sort();
    const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
    const workers = [...this.busyMs.keys()].sort((a, b) => a - b);
    while (workers.length < WORKERS) workers.push(-1 - workers.length);
    const utilisation: WorkerUtilisation[] = workers.map((w, i) => ({
      worker: `${name} worker ${i}`,
      busy: (this.busyMs.get(w) ?? 0) / ms,
    }));
    return {
      operations: this.count,
      seconds: ms / 1000,
      utilisation,
      extra: {
        [SECONDS]: ms / 1000,
        [P99]: p99,
        [LOWEST]: Math.min(...utilisation.map((u) => u.busy)) * 100,
        [MAIN]: performance.eventLoopUtilization(main).utilization * 100,
      },
    };
  }
}

/** Both ZActor variants: a 2-worker cluster of skew-cluster.ts; `targets` says where task i goes. */
abstract class ClusterSkew implements Implementation<SkewParams> {
  abstract readonly name: string;
  readonly role: Role = 'zactor';
  protected cluster: ActorCluster | undefined;

  async open(p: SkewParams): Promise<void> {
    const factory = await sourceWorkerFactory();
    this.cluster = await ActorCluster.start({
      module: workerModuleUrl('skew-cluster'),
      workers: WORKERS,
      latencySampleEvery: 0,
      // A task of MAX_UNITS at a slow moment must not be taken for a stuck worker.
      unresponsiveMs: 10_000,
      ...(factory === undefined ? {} : { workerFactory: factory }),
    });
    await this.spawn(this.cluster, { loopsPerUnit: p.loopsPerUnit });
  }

  protected abstract spawn(c: ActorCluster, args: { loopsPerUnit: number }): Promise<void>;
  /** Where task `i` goes; `worker` is the static split's choice for it. */
  protected abstract target(i: number, worker: number): ActorRef<SkewTask>;

  async run(p: SkewParams): Promise<RunResult> {
    const c = this.cluster!;
    const costs = taskCosts(p.seed, p.tasks);
    const targets = taskTargets(p.seed, p.tasks, p.hotPercent);
    const tally = new Tally(p.tasks);
    const collector = c.system.spawn<SkewDone>((d) => tally.finished(d.id, d.worker, d.ms));
    const elu = performance.eventLoopUtilization();
    const start = performance.now();
    for (let id = 0; id < p.tasks; id++) {
      tally.sentAt[id] = performance.now();
      this.target(id, targets[id]!).tell({ type: 'task', id, units: costs[id]! }, collector);
    }
    await tally.all;
    const end = performance.now();
    const result = tally.result(this.name, start, end, elu);
    c.system.stop(collector);
    return result;
  }

  async close(): Promise<void> {
    await this.cluster?.shutdown();
    this.cluster = undefined;
  }
}

class BalancingPoolSkew extends ClusterSkew {
  readonly name = 'ZActor balancing pool (shared MPMC queue)';
  private pool: ActorRef<SkewTask> | undefined;

  protected async spawn(c: ActorCluster, args: { loopsPerUnit: number }): Promise<void> {
    this.pool = await c.spawnPool<SkewTask>('skewTask', { instances: 'per-worker', args });
  }

  protected target(): ActorRef<SkewTask> {
    return this.pool!;
  }
}

class StaticSplitSkew extends ClusterSkew {
  readonly name = 'ZActor actors, round-robin placement, static split';
  private actors: ActorRef<SkewTask>[] = [];

  protected async spawn(c: ActorCluster, args: { loopsPerUnit: number }): Promise<void> {
    // No worker named: the cluster's round-robin placement puts one on each worker.
    for (let i = 0; i < WORKERS; i++)
      this.actors.push((await c.spawn('skewTask', { args })) as ActorRef<SkewTask>);
    const workers = new Set(this.actors.map((a) => a.worker));
    if (workers.size !== WORKERS) {
      throw new BenchError('balancing', 'PLACEMENT', `actors placed on ${[...workers]}`);
    }
  }

  protected target(_i: number, worker: number): ActorRef<SkewTask> {
    return this.actors.find((a) => a.worker === worker)!;
  }
}

class PiscinaSkew implements Implementation<SkewParams> {
  readonly name = 'piscina, 2 threads';
  readonly role: Role = 'peer';
  private pool: Piscina<SkewTaskInput, SkewTaskOutput> | undefined;

  async open(): Promise<void> {
    this.pool = new Piscina<SkewTaskInput, SkewTaskOutput>({
      filename: await piscinaFilename('skew-piscina'),
      minThreads: WORKERS,
      maxThreads: WORKERS,
      idleTimeout: 60_000,
    });
  }

  async run(p: SkewParams): Promise<RunResult> {
    const pool = this.pool!;
    const costs = taskCosts(p.seed, p.tasks);
    const tally = new Tally(p.tasks);
    const elu = performance.eventLoopUtilization();
    const start = performance.now();
    for (let id = 0; id < p.tasks; id++) {
      tally.sentAt[id] = performance.now();
      pool
        .run({ units: costs[id]!, loopsPerUnit: p.loopsPerUnit })
        .then((out) => tally.finished(id, out.thread, out.ms));
    }
    await tally.all;
    const end = performance.now();
    return tally.result(this.name, start, end, elu);
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}

/**
 * The per-worker-deque alternative to the shared queue: the same work as scheduler-numa tasks,
 * submitted to worker i % 2's deque (the static split) with stealing on, so an idle worker
 * steals from the busy one (Chase-Lev deques). Tasks send no reply: each writes its finish time
 * into shared memory, read after `pool.idle()`.
 */
class DequeSkew implements Implementation<SkewParams> {
  readonly name = 'scheduler-numa tasks, per-worker deques + stealing';
  readonly role: Role = 'zactor';
  private pool: WorkerPool | undefined;
  private doneAt: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private busyMs: Float64Array<ArrayBufferLike> = new Float64Array(0);

  async open(p: SkewParams): Promise<void> {
    const factory = await sourceWorkerFactory();
    const buffers: SkewTaskBuffers = {
      doneAt: new SharedArrayBuffer(p.tasks * 8),
      busyMs: new SharedArrayBuffer(WORKERS * 8),
      mix: new SharedArrayBuffer(WORKERS * 4),
    };
    this.doneAt = new Float64Array(buffers.doneAt);
    this.busyMs = new Float64Array(buffers.busyMs);
    this.pool = await WorkerPool.start({
      module: workerModuleUrl('skew-tasks'),
      workers: WORKERS,
      stealing: true,
      dequeCapacity: 1 << 14,
      workerData: buffers,
      ...(factory === undefined ? {} : { workerFactory: factory }),
    });
  }

  async run(p: SkewParams): Promise<RunResult> {
    const pool = this.pool!;
    const costs = taskCosts(p.seed, p.tasks);
    const targets = taskTargets(p.seed, p.tasks, p.hotPercent);
    const tally = new Tally(p.tasks);
    this.busyMs.fill(0);
    const payload = new Uint8Array(12);
    const view = new DataView(payload.buffer);
    view.setUint32(8, p.loopsPerUnit, true);
    const sentAt = new Float64Array(p.tasks);
    const elu = performance.eventLoopUtilization();
    const start = performance.now();
    for (let id = 0; id < p.tasks; id++) {
      view.setUint32(0, id, true);
      view.setUint32(4, costs[id]!, true);
      sentAt[id] = performance.timeOrigin + performance.now();
      while (!pool.submitTo(targets[id]!, 1, payload)) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await pool.idle();
    const end = performance.now();
    for (let id = 0; id < p.tasks; id++) {
      tally.finished(id, -1, 0, this.doneAt[id]! - sentAt[id]!);
    }
    tally.busyMs.clear();
    for (let w = 0; w < WORKERS; w++) tally.busyMs.set(w, this.busyMs[w]!);
    return tally.result(this.name, start, end, elu);
  }

  async close(): Promise<void> {
    await this.pool?.shutdown();
    this.pool = undefined;
  }
}

// Tiny runs keep the quick unit, so each worker gets work (the smoke test wants every figure > 0).
const TINY = { tasks: 200, seed: 2112, loopsPerUnit: 20_000 };
const QUICK = { tasks: 10_000, seed: 2112, loopsPerUnit: 20_000 };

/** The counting rule, with what the quick draw allows a perfect scheduler to gain. */
function rule(hotPercent: number): string {
  const costs = taskCosts(QUICK.seed, QUICK.tasks);
  const bounds = loadBounds(costs, taskTargets(QUICK.seed, QUICK.tasks, hotPercent));
  const split =
    hotPercent === 0
      ? 'the static split sends task i to the actor on worker i % 2'
      : `the static split sends each task to the actor on worker 0 with probability ${hotPercent}% (a hot partition), else to the one on worker 1`;
  return `one operation = one task completed (its reply or result received on the main thread, each id exactly once); costs are Pareto(shape ${PARETO_SHAPE}, min 1, cap ${MAX_UNITS}) units of ~loopsPerUnit ns of integer work, seeded; ${split}; the balancing pool and piscina take tasks in order, whoever is free; all tasks sent at once, timed from the first send to the last reply; latency = reply time - send time of each task; utilisation = each worker's time inside tasks / run time. On the quick draw the static split's busiest worker holds ${((bounds.staticSplit / bounds.total) * 100).toFixed(1)}% of the work: no scheduler can finish more than ${(bounds.staticSplit / bounds.balanced).toFixed(2)}x sooner than it`;
}

function skewScenario(hotPercent: number, name: string): Scenario {
  return defineScenario<SkewParams>({
    suite: 'balancing',
    name,
    countingRule: rule(hotPercent),
    kind: 'throughput',
    unit: 'tasks/s',
    sizes: {
      tiny: { ...TINY, hotPercent },
      quick: { ...QUICK, hotPercent },
      full: { ...QUICK, hotPercent },
    },
    extraMetrics: [
      { metric: SECONDS, unit: 's', better: 'lower' },
      { metric: P99, unit: 'ms', better: 'lower' },
      { metric: LOWEST, unit: '%', better: 'higher' },
      { metric: MAIN, unit: '%', better: 'lower' },
    ],
    operations: (p) => p.tasks,
    implementations: () => [
      new BalancingPoolSkew(),
      new DequeSkew(),
      new StaticSplitSkew(),
      new PiscinaSkew(),
    ],
  });
}

export const skewedTasksScenario = skewScenario(
  0,
  'skewed CPU tasks on 2 workers, static split by task index: balancing pool vs static split vs piscina',
);
export const hotPartitionScenario = skewScenario(
  80,
  "skewed CPU tasks on 2 workers, 80% for worker 0's actors: balancing pool vs static split vs piscina",
);

export const balancingSuite: Suite = {
  name: 'balancing',
  description:
    'Balancing pools across workers (issue 21): skewed CPU tasks on a ZActor balancing pool, on statically placed actors, and on piscina',
  scenarios: [skewedTasksScenario, hotPartitionScenario],
};
