import { parentPort, workerData } from 'node:worker_threads';
import { seededRandom } from '@zactor/testing';
import { MpscRing } from '../../src/index.js';
import { Backoff } from './backoff.js';

const { buffer, producerId, items, seed, maxPayload, timeoutMs } = workerData as {
  buffer: SharedArrayBuffer;
  producerId: number;
  items: number;
  seed: number;
  maxPayload: number;
  timeoutMs: number;
};
const ring = MpscRing.attach(buffer);
// The consumer replays the same generator to know every record's length.
const random = seededRandom(seed + producerId);
const backoff = new Backoff(`mpsc producer ${producerId}`, timeoutMs);
for (let seq = 0; seq < items; ) {
  const length = 4 + Math.floor(random() * (maxPayload - 3));
  let offset = ring.tryClaim(producerId, length);
  while (offset === -1) {
    backoff.idle();
    offset = ring.tryClaim(producerId, length);
  }
  backoff.progress();
  ring.int32[offset >> 2] = seq;
  ring.bytes.fill(seq & 0xff, offset + 4, offset + length);
  ring.commit(offset);
  seq++;
}
parentPort?.postMessage({ produced: items });
