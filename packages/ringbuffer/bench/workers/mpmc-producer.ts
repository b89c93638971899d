import { parentPort, workerData } from 'node:worker_threads';
import { MpmcQueue } from '../../src/index.js';
import { awaitStart } from '../control.js';
import { idle } from './idle.js';

const { buffer, control, shares } = workerData as {
  buffer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  shares: number[];
};
const queue = MpmcQueue.attach(buffer);
let value = 0;

function produce(items: number): void {
  for (let i = 0, misses = 0; i < items; ) {
    if (queue.offerInt32(value)) {
      value = (value + 1) | 0;
      i++;
      misses = 0;
    } else idle(++misses);
  }
}

const signal = new Int32Array(control);
for (let round = 0; round < shares.length; round++) {
  awaitStart(signal, round);
  produce(shares[round]!);
}
parentPort?.postMessage(null);
