import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { affinitySupport, WorkerPool } from '@zactor/scheduler-numa';
import {
  defineScenario,
  type Implementation,
  type Role,
  type RunResult,
  type Scenario,
  type Suite,
} from '../../harness/scenario.js';
import { sourceWorkerFactory, workerModuleUrl } from '../../harness/worker-launcher.js';

/**
 * The scheduler's WorkerPool on a skewed load: every task is submitted to worker 0, so the other
 * workers only get work by stealing it. With stealing off, worker 0 runs everything. One worker
 * per cpu this process may use, pinned or not.
 */

type SkewParams = {
  readonly tasks: number;
  /** Rounds of integer mixing per task (about 1 ns each). */
  readonly iterations: number;
};

const KIND = 1;

interface PoolShape {
  readonly stealing: boolean;
  readonly pin: boolean;
}

class PoolImplementation implements Implementation<SkewParams> {
  readonly name: string;
  readonly role: Role = 'zactor';
  private readonly shape: PoolShape;
  private pool: WorkerPool | undefined;
  private workers = 0;

  constructor(name: string, shape: PoolShape) {
    this.name = name;
    this.shape = shape;
  }

  async open(): Promise<void> {
    const factory = await sourceWorkerFactory();
    this.workers = availableParallelism();
    this.pool = await WorkerPool.start({
      module: workerModuleUrl('scheduler-task'),
      workers: this.workers,
      stealing: this.shape.stealing,
      pin: this.shape.pin,
      dequeCapacity: 1 << 14,
      ...(factory !== undefined ? { workerFactory: factory } : {}),
    });
  }

  private tasksRun(): number {
    let n = 0;
    for (let i = 0; i < this.workers; i++) n += this.pool!.metrics(i).tasksRun;
    return n;
  }

  async run(p: SkewParams): Promise<RunResult> {
    const pool = this.pool!;
    const payload = new Uint8Array(4);
    new DataView(payload.buffer).setInt32(0, p.iterations, true);
    const threads = Array.from({ length: this.workers }, (_, i) => pool.worker(i));
    const before = threads.map((w) => w?.performance.eventLoopUtilization());
    const ranBefore = this.tasksRun();
    const start = performance.now();
    for (let i = 0; i < p.tasks; i++) {
      while (!pool.submitTo(0, KIND, payload)) {
        // Worker 0's deque is full: let the event loop turn while the workers catch up.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await pool.idle();
    const seconds = (performance.now() - start) / 1000;
    const utilisation = threads.map((w: Worker | undefined, i) => {
      const from = before[i];
      const busy =
        w === undefined || from === undefined
          ? 0
          : w.performance.eventLoopUtilization(from).utilization;
      return { worker: `${this.name} worker ${i}`, busy };
    });
    return { operations: this.tasksRun() - ranBefore, seconds, utilisation };
  }

  async close(): Promise<void> {
    await this.pool?.shutdown();
    this.pool = undefined;
  }
}

export const skewedTasks: Scenario = defineScenario<SkewParams>({
  suite: 'scheduler',
  name: 'skewed load, all tasks to worker 0',
  countingRule:
    "one operation = one task run (about 2 us of integer work), counted by the workers; every task is submitted to worker 0, timed from the first submit to pool.idle(); utilisation = each worker thread's event-loop utilisation during the run",
  kind: 'throughput',
  unit: 'tasks/s',
  sizes: {
    tiny: { tasks: 500, iterations: 2000 },
    quick: { tasks: 10_000, iterations: 2000 },
    full: { tasks: 10_000, iterations: 2000 },
  },
  scaleKey: 'tasks',
  operations: (p) => p.tasks,
  implementations: () => {
    const impls: Implementation<SkewParams>[] = [
      new PoolImplementation('WorkerPool, stealing, unpinned', { stealing: true, pin: false }),
      new PoolImplementation('WorkerPool, no stealing, unpinned', { stealing: false, pin: false }),
    ];
    // Pinning needs libc through koffi; where it is missing the pinned variant is not offered.
    if (affinitySupport().supported) {
      impls.unshift(
        new PoolImplementation('WorkerPool, stealing, pinned', { stealing: true, pin: true }),
      );
    }
    return impls;
  },
});

export const schedulerSuite: Suite = {
  name: 'scheduler',
  description: 'WorkerPool task throughput with and without work stealing and cpu pinning',
  scenarios: [skewedTasks],
};
