import { parentPort, workerData } from 'node:worker_threads';
import { SpscRing } from '../../src/index.js';
import { awaitStart, stamp } from '../control.js';
import { idle } from './idle.js';

const { buffer, control, rounds, consumerBatch } = workerData as {
  buffer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  rounds: number[];
  consumerBatch: number;
};
const ring = SpscRing.attach(buffer);
const words = ring.int32;
let checksum = 0;

function consume(items: number): void {
  const stride = ring.recordBytes >> 2;
  for (let i = 0, misses = 0; i < items; ) {
    // Acquire/release by hand rather than drain: no callback per record, one strided loop.
    const n = ring.tryAcquire(Math.min(consumerBatch, items - i));
    if (n === 0) {
      idle(++misses);
      continue;
    }
    misses = 0;
    let word = ring.offsetOf(ring.acquiredSequence) >> 2;
    for (let k = 0; k < n; k++, word += stride) checksum = (checksum + words[word]!) | 0;
    ring.release();
    i += n;
  }
}

const signal = new Int32Array(control);
const ends: number[] = [];
for (let round = 0; round < rounds.length; round++) {
  awaitStart(signal, round);
  consume(rounds[round]!);
  ends.push(stamp());
}
parentPort?.postMessage({ ends, counts: rounds, checksum });
