import { parentPort, workerData } from 'node:worker_threads';
import { MpscRing } from '../../src/index.js';
import { awaitStart, stamp } from '../control.js';
import { idle } from './idle.js';

const { buffer, control, rounds, batch } = workerData as {
  buffer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  rounds: number[];
  batch: number;
};
const ring = MpscRing.attach(buffer);
const words = ring.int32;
let checksum = 0;

function onRecord(_typeId: number, _view: DataView, offset: number): void {
  checksum = (checksum + words[offset >> 2]!) | 0;
}

function consume(items: number): void {
  for (let i = 0, misses = 0; i < items; ) {
    const n = ring.drain(onRecord, Math.min(batch, items - i));
    if (n === 0) idle(++misses);
    else {
      misses = 0;
      i += n;
    }
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
