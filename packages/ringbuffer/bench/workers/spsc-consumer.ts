import { parentPort, workerData } from 'node:worker_threads';
import { SpscRing } from '../../src/index.js';
import { awaitStart, stamp } from '../control.js';
import { idle } from './idle.js';

const { buffer, control, rounds, batch } = workerData as {
  buffer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  rounds: number[];
  batch: number;
};
const ring = SpscRing.attach(buffer);
const words = ring.int32;
let checksum = 0;

function consume(items: number): void {
  for (let i = 0, misses = 0; i < items; ) {
    // Acquire/release by hand rather than drain: no callback per record.
    const n = ring.tryAcquire(Math.min(batch, items - i));
    if (n === 0) {
      idle(++misses);
      continue;
    }
    misses = 0;
    let seq = ring.acquiredSequence;
    for (let k = 0; k < n; k++, seq = (seq + 1) | 0) {
      checksum = (checksum + words[ring.offsetOf(seq) >> 2]!) | 0;
    }
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
