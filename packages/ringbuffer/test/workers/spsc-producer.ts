import { parentPort, workerData } from 'node:worker_threads';
import { seededRandom } from '@zactor/testing';
import { SpscRing } from '../../src/index.js';
import { Backoff } from './backoff.js';

const { buffer, items, seed, maxBatch, timeoutMs } = workerData as {
  buffer: SharedArrayBuffer;
  items: number;
  seed: number;
  maxBatch: number;
  timeoutMs: number;
};
const ring = SpscRing.attach(buffer);
const random = seededRandom(seed);
const i32 = ring.int32;
const backoff = new Backoff('spsc producer', timeoutMs);
let next = 0;
while (next < items) {
  const want = Math.min(1 + Math.floor(random() * maxBatch), items - next);
  const n = ring.tryClaimUpTo(want);
  if (n === 0) {
    ring.check();
    backoff.idle();
    continue;
  }
  backoff.progress();
  let seq = ring.claimedSequence;
  for (let i = 0; i < n; i++, seq = (seq + 1) | 0) {
    const word = ring.offsetOf(seq) >> 2;
    i32[word] = next;
    i32[word + 1] = ~next; // a torn or stale record would break the pair
    next++;
  }
  ring.publish();
}
parentPort?.postMessage({ produced: next });
