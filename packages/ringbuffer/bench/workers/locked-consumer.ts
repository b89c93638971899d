import { parentPort, workerData } from 'node:worker_threads';
import { awaitStart, CONSUMED, stamp } from '../control.js';
import { LOCKED_EMPTY, LockedQueue } from '../locked-queue.js';
import { idle } from './idle.js';

const { buffer, control, rounds, batch } = workerData as {
  buffer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  rounds: number[];
  batch: number;
};
const queue = LockedQueue.attach(buffer);
const signal = new Int32Array(control);
const staging = new Int32Array(batch);
/** Local values between two updates of the shared CONSUMED counter. */
const FLUSH_EVERY = 64;
let checksum = 0;

/** Takes values until all consumers together reach `target`; returns how many were mine. */
function consume(target: number): number {
  let mine = 0;
  let unflushed = 0;
  for (let misses = 0; ; ) {
    let n = 0;
    if (batch === 1) {
      const value = queue.pop();
      if (value !== LOCKED_EMPTY) {
        checksum = (checksum + value) | 0;
        n = 1;
      }
    } else {
      n = queue.popBatch(staging, batch);
      for (let k = 0; k < n; k++) checksum = (checksum + staging[k]!) | 0;
    }
    if (n > 0) {
      mine += n;
      misses = 0;
      unflushed += n;
      if (unflushed >= FLUSH_EVERY) {
        Atomics.add(signal, CONSUMED, unflushed);
        unflushed = 0;
      }
      continue;
    }
    if (unflushed !== 0) {
      Atomics.add(signal, CONSUMED, unflushed);
      unflushed = 0;
    }
    if (Atomics.load(signal, CONSUMED) >= target) return mine;
    idle(++misses);
  }
}

const ends: number[] = [];
const counts: number[] = [];
let target = 0;
for (let round = 0; round < rounds.length; round++) {
  awaitStart(signal, round);
  target += rounds[round]!;
  counts.push(consume(target));
  ends.push(stamp());
}
parentPort?.postMessage({ ends, counts, checksum });
