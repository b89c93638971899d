import { parentPort, workerData } from 'node:worker_threads';
import { MpmcQueue } from '../../src/index.js';
import { awaitStart, CONSUMED, stamp } from '../control.js';
import { idle } from './idle.js';

const { buffer, control, rounds } = workerData as {
  buffer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  rounds: number[];
};
const queue = MpmcQueue.attach(buffer);
const words = queue.int32;
const signal = new Int32Array(control);
/** Local records between two updates of the shared CONSUMED counter. */
const FLUSH_EVERY = 64;
let checksum = 0;

/** Takes records until all consumers together reach `target`; returns how many were mine. */
function consume(target: number): number {
  let mine = 0;
  let unflushed = 0;
  for (let misses = 0; ; ) {
    const offset = queue.tryAcquire();
    if (offset !== -1) {
      checksum = (checksum + words[offset >> 2]!) | 0;
      queue.release(offset);
      mine++;
      misses = 0;
      if (++unflushed === FLUSH_EVERY) {
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
