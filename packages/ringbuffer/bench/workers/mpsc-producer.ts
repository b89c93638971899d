import { parentPort, workerData } from 'node:worker_threads';
import { MpscRing } from '../../src/index.js';
import { awaitStart } from '../control.js';
import { idle } from './idle.js';

const { buffer, control, shares, payloadBytes } = workerData as {
  buffer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  shares: number[];
  payloadBytes: number;
};
const ring = MpscRing.attach(buffer);
const words = ring.int32;
const TYPE_ID = 1;
let value = 0;

function produce(items: number): void {
  for (let i = 0, misses = 0; i < items; ) {
    const offset = ring.tryClaim(TYPE_ID, payloadBytes);
    if (offset === -1) {
      idle(++misses);
      continue;
    }
    misses = 0;
    words[offset >> 2] = value;
    ring.commit(offset);
    value = (value + 1) | 0;
    i++;
  }
}

const signal = new Int32Array(control);
for (let round = 0; round < shares.length; round++) {
  awaitStart(signal, round);
  produce(shares[round]!);
}
parentPort?.postMessage(null);
