import { startTsWorker } from '@zactor/testing';
import { WorkerPool } from '../src/index.js';

const worker = new URL('./workers/bench-task-worker.ts', import.meta.url);
const KIND_WORK = 1;

/** A pool of two TypeScript bench workers, with or without stealing. */
export function startTaskPool(stealing: boolean): Promise<WorkerPool> {
  return WorkerPool.start({
    module: worker,
    workers: 2,
    stealing,
    dequeCapacity: 1 << 14,
    workerFactory: (entry, options) => startTsWorker(entry, options),
  });
}

/**
 * Submits `tasks` tasks of `iterations` each and waits until all have run. `skewed` sends all
 * of them to worker 0 (the case stealing exists for); otherwise they alternate.
 */
export async function runTaskBatch(
  pool: WorkerPool,
  tasks: number,
  iterations: number,
  skewed: boolean,
): Promise<void> {
  const payload = new Uint8Array(4);
  new DataView(payload.buffer).setInt32(0, iterations, true);
  for (let i = 0; i < tasks; i++) {
    const target = skewed ? 0 : i & 1;
    while (!pool.submitTo(target, KIND_WORK, payload)) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await pool.idle();
}
