import { parentPort, workerData } from 'node:worker_threads';
import { MpscRing, SpscRing } from '../../src/index.js';
import type { BatchWorkerData } from '../batch-throughput.js';
import { awaitStart } from '../control.js';
import { idle } from './idle.js';

const { buffer, control, rounds, ring, batchBytes } = workerData as BatchWorkerData;
const TYPE_ID = 1;
/** The batch as staged in the sender's heap. */
const batch = new Float64Array(batchBytes >>> 3).fill(1);
const words = batch.length;
const to = new Float64Array(buffer, 0, buffer.byteLength >>> 3);
let value = 0;

function produceRecords(items: number): void {
  const mpsc = MpscRing.attach(buffer);
  for (let i = 0, misses = 0; i < items; ) {
    const offset = mpsc.tryClaim(TYPE_ID, batchBytes);
    if (offset === -1) {
      idle(++misses);
      continue;
    }
    misses = 0;
    batch[0] = value;
    for (let w = 0, d = offset >>> 3; w < words; w++) to[d + w] = batch[w]!;
    mpsc.commit(offset);
    value = (value + 1) | 0;
    i++;
  }
}

function produceSlots(spsc: SpscRing, items: number): void {
  const slotWords = spsc.recordBytes >>> 3;
  for (let i = 0; i < items; i++) {
    batch[0] = value;
    // A run may stop at the end of the buffer: the rest goes in the next claim, from slot 0.
    for (let from = 0, misses = 0; from < words; ) {
      const n = spsc.tryClaimUpTo((words - from) / slotWords);
      if (n === 0) {
        idle(++misses);
        continue;
      }
      misses = 0;
      const d = spsc.offsetOf(spsc.claimedSequence) >>> 3;
      for (let w = 0, m = n * slotWords; w < m; w++) to[d + w] = batch[from + w]!;
      from += n * slotWords;
      spsc.publish();
    }
    value = (value + 1) | 0;
  }
}

const spsc = ring === 'spsc-slots' ? SpscRing.attach(buffer) : undefined;
const signal = new Int32Array(control);
for (let round = 0; round < rounds.length; round++) {
  awaitStart(signal, round);
  if (spsc === undefined) produceRecords(rounds[round]!);
  else produceSlots(spsc, rounds[round]!);
}
parentPort?.postMessage(null);
