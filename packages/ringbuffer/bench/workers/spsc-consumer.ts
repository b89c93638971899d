import { parentPort, workerData } from 'node:worker_threads';
import { SpscRing } from '../../src/index.js';
import { awaitStart, stamp } from '../control.js';
import { idle } from './idle.js';

const { buffer, control, rounds, consumerBatch, pollDelay } = workerData as {
  buffer: SharedArrayBuffer;
  control: SharedArrayBuffer;
  rounds: number[];
  consumerBatch: number;
  pollDelay: number;
};
const ring = SpscRing.attach(buffer);
const words = ring.int32;
let checksum = 0;
/** Written by the poll delay loop so the compiler cannot drop it. */
let sink = 0;

/**
 * After a small acquisition, waits `pollDelay` local iterations before polling the producer's
 * sequence again: every poll pulls that cache line away from the producer, whose next
 * Atomics.store (sequentially consistent, so it waits for the line) then stalls. Waiting lets
 * several records accumulate per poll.
 */
function delayPoll(): void {
  for (let s = 0; s < pollDelay; s++) sink = (sink + s) | 0;
}

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
    if (n < 64) delayPoll();
  }
}

const signal = new Int32Array(control);
const ends: number[] = [];
for (let round = 0; round < rounds.length; round++) {
  awaitStart(signal, round);
  consume(rounds[round]!);
  ends.push(stamp());
}
parentPort?.postMessage({ ends, counts: rounds, checksum: checksum + (sink & 0) });
