import { parentPort, workerData } from 'node:worker_threads';
import { NO_BLOCK, SharedSlabPool } from '@zactor/mempool';

/** Bench only: alloc+free pairs on a shared pool from one of several workers. */
interface Job {
  readonly buffer: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly parties: number;
  readonly pairs: number;
}

const job = workerData as Job;
const pool = SharedSlabPool.attach(job.buffer);
const control = new Int32Array(job.control);

function run(pairs: number): number {
  let failures = 0;
  for (let i = 0; i < pairs; i++) {
    const offset = pool.alloc();
    if (offset === NO_BLOCK) failures++;
    else pool.free(offset);
  }
  return failures;
}

run(50_000); // warm-up, so the loop is compiled before the start line
// Start line: word 0 counts arrivals; everyone spins until all are in, then runs at once.
Atomics.add(control, 0, 1);
while (Atomics.load(control, 0) < job.parties)
  Atomics.wait(control, 0, Atomics.load(control, 0), 1);
const start = performance.timeOrigin + performance.now();
const failures = run(job.pairs);
const end = performance.timeOrigin + performance.now();
parentPort?.postMessage({ start, end, failures });
