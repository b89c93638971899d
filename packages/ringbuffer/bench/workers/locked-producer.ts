import { parentPort, workerData } from 'node:worker_threads';
import { awaitStart } from '../control.js';
import { LockedQueue } from '../locked-queue.js';
import { idle } from './idle.js';

const { buffer, control, shares, batch } = workerData as {
  buffer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  shares: number[];
  batch: number;
};
const queue = LockedQueue.attach(buffer);
const staging = new Int32Array(batch);
let value = 0;

function produce(items: number): void {
  for (let i = 0, misses = 0; i < items; ) {
    const want = Math.min(batch, items - i);
    let n: number;
    if (batch === 1) n = queue.push(value) ? 1 : 0;
    else {
      for (let k = 0; k < want; k++) staging[k] = (value + k) | 0;
      n = queue.pushBatch(staging, 0, want);
    }
    if (n === 0) {
      idle(++misses);
      continue;
    }
    misses = 0;
    value = (value + n) | 0;
    i += n;
  }
}

const signal = new Int32Array(control);
for (let round = 0; round < shares.length; round++) {
  awaitStart(signal, round);
  produce(shares[round]!);
}
parentPort?.postMessage(null);
