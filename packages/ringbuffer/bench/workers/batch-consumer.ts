import { parentPort, workerData } from 'node:worker_threads';
import { MpscRing, SpscRing } from '../../src/index.js';
import type { BatchWorkerData } from '../batch-throughput.js';
import { awaitStart, stamp } from '../control.js';
import { idle } from './idle.js';

const { buffer, control, rounds, ring, batchBytes } = workerData as BatchWorkerData;
const from = new Float64Array(buffer, 0, buffer.byteLength >>> 3);
const words = batchBytes >>> 3;
let checksum = 0;
/** Sum of every word read, so no read can be left out (checked against the ones written). */
let total = 0;

function onRecord(_typeId: number, _view: DataView, offset: number, length: number): void {
  const d = offset >>> 3;
  checksum = (checksum + from[d]!) | 0;
  for (let w = 1, m = length >>> 3; w < m; w++) total += from[d + w]!;
}

function consumeRecords(mpsc: MpscRing, items: number): void {
  for (let i = 0, misses = 0; i < items; ) {
    const n = mpsc.drain(onRecord, Math.min(2, items - i));
    if (n === 0) idle(++misses);
    else {
      misses = 0;
      i += n;
    }
  }
}

/** Reads batches as runs of slots: word `at` of the current batch is the next word read. */
function consumeSlots(spsc: SpscRing, items: number): void {
  const slotWords = spsc.recordBytes >>> 3;
  let at = 0;
  for (let i = 0, misses = 0; i < items; ) {
    const n = spsc.tryAcquire((words - at) / slotWords);
    if (n === 0) {
      idle(++misses);
      continue;
    }
    misses = 0;
    const d = spsc.offsetOf(spsc.acquiredSequence) >>> 3;
    const m = n * slotWords;
    let w = 0;
    if (at === 0) {
      checksum = (checksum + from[d]!) | 0;
      w = 1;
    }
    for (; w < m; w++) total += from[d + w]!;
    at += m;
    spsc.release();
    if (at === words) {
      at = 0;
      i++;
    }
  }
}

const mpsc = ring === 'mpsc-record' ? MpscRing.attach(buffer) : undefined;
const spsc = ring === 'spsc-slots' ? SpscRing.attach(buffer) : undefined;
const signal = new Int32Array(control);
const ends: number[] = [];
let expected = 0;
for (let round = 0; round < rounds.length; round++) {
  awaitStart(signal, round);
  if (mpsc !== undefined) consumeRecords(mpsc, rounds[round]!);
  else consumeSlots(spsc!, rounds[round]!);
  ends.push(stamp());
  expected += rounds[round]! * (words - 1);
}
// A word lost or read twice shows as a wrong checksum (the harness checks it).
parentPort?.postMessage({ ends, counts: rounds, checksum: total === expected ? checksum : -1 });
