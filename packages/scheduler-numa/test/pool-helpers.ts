import { startTsWorker } from '@zactor/testing';
import { WorkerPool, type WorkerPoolOptions } from '../src/index.js';
import type { PoolTestData } from './workers/pool-protocol.js';

export const poolWorker = new URL('./workers/pool-worker.ts', import.meta.url);

/** A pool of TypeScript test workers with shared `seen` marks for `ids` task ids. */
export async function startTestPool(
  ids: number,
  options: Partial<WorkerPoolOptions> = {},
): Promise<{ pool: WorkerPool; seen: Int32Array; words: Int32Array }> {
  const data: PoolTestData = {
    seen: new SharedArrayBuffer(Math.max(1, ids) * 4),
    words: new SharedArrayBuffer(64 * 4),
  };
  const pool = await WorkerPool.start({
    module: poolWorker,
    workers: 2,
    workerData: data,
    workerFactory: (entry, workerOptions) => startTsWorker(entry, workerOptions),
    ...options,
  });
  return { pool, seen: new Int32Array(data.seen), words: new Int32Array(data.words) };
}

/** Submits until accepted, letting the workers drain a full deque meanwhile. */
export async function submitAll(submit: (i: number) => boolean, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    while (!submit(i)) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** How many ids were marked 0 times and how many more than once. */
export function tally(seen: Int32Array, count = seen.length) {
  let missing = 0;
  let repeated = 0;
  for (let i = 0; i < count; i++) {
    if (seen[i] === 0) missing++;
    else if (seen[i]! > 1) repeated++;
  }
  return { missing, repeated };
}
