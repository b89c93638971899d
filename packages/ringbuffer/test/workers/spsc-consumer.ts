import { parentPort, workerData } from 'node:worker_threads';
import { SpinThenParkWaitStrategy, SpscRing } from '../../src/index.js';

const { buffer, items, timeoutMs, spins } = workerData as {
  buffer: SharedArrayBuffer;
  items: number;
  timeoutMs: number;
  spins: number;
};
const ring = SpscRing.attach(buffer);
const i32 = ring.int32;
const wait = new SpinThenParkWaitStrategy({ spins });
let expected = 0;
let errors = 0;
let firstError = '';
let parks = 0;

function check(_view: DataView, offset: number): void {
  const value = i32[offset >> 2]!;
  const check = i32[(offset >> 2) + 1]!;
  if (value !== expected || check !== ~value) {
    if (errors++ === 0) firstError = `expected ${expected}, got ${value}/${~check}`;
    expected = value;
  }
  expected++;
}

let received = 0;
while (received < items) {
  const n = ring.drain(check, 4096);
  if (n === 0) {
    ring.check(); // a correct run never records corruption: fail fast instead of idling
    parks++;
    if (!wait.waitFor(ring, timeoutMs)) throw new Error(`spsc consumer: idle for ${timeoutMs} ms`);
  }
  received += n;
}
parentPort?.postMessage({ received, errors, firstError, parks, size: ring.size });
