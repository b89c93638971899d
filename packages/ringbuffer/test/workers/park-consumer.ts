import { parentPort, workerData } from 'node:worker_threads';
import { AsyncParkWaitStrategy, SpinThenParkWaitStrategy, SpscRing } from '../../src/index.js';

const { buffer, mode } = workerData as { buffer: SharedArrayBuffer; mode: 'sync' | 'async' };
const ring = SpscRing.attach(buffer);
// Nothing else keeps this worker alive while it waits: in async mode, if the wait strategy did
// not hold a handle, the worker would exit without posting and the test would fail.
const woke =
  mode === 'sync'
    ? new SpinThenParkWaitStrategy({ spins: 0 }).waitFor(ring, 30_000)
    : await new AsyncParkWaitStrategy({ spins: 0 }).waitForAsync(ring, 30_000);
const values: number[] = [];
ring.drain((view, offset) => values.push(view.getInt32(offset, true)));
parentPort?.postMessage({ woke, values });
