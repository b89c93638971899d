import { parentPort, workerData } from 'node:worker_threads';
import { SpscRing } from '../../src/index.js';
import { awaitStart } from '../control.js';
import { idle } from './idle.js';

const { buffer, control, rounds, batch } = workerData as {
  buffer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  rounds: number[];
  batch: number;
};
const ring = SpscRing.attach(buffer);
const words = ring.int32;
let value = 0;

function produceSingles(items: number): void {
  for (let i = 0, misses = 0; i < items; ) {
    if (ring.offerInt32(value)) {
      value = (value + 1) | 0;
      i++;
      misses = 0;
    } else idle(++misses);
  }
}

function produceBatches(items: number): void {
  const stride = ring.recordBytes >> 2;
  for (let i = 0, misses = 0; i < items; ) {
    // Claims are contiguous, so the batch is one strided loop over the Int32 view.
    const n = ring.tryClaimUpTo(Math.min(batch, items - i));
    if (n === 0) {
      idle(++misses);
      continue;
    }
    misses = 0;
    let word = ring.offsetOf(ring.claimedSequence) >> 2;
    for (let k = 0; k < n; k++, word += stride) {
      words[word] = value;
      value = (value + 1) | 0;
    }
    ring.publish();
    i += n;
  }
}

const signal = new Int32Array(control);
for (let round = 0; round < rounds.length; round++) {
  awaitStart(signal, round);
  if (batch === 1) produceSingles(rounds[round]!);
  else produceBatches(rounds[round]!);
}
parentPort?.postMessage(null);
