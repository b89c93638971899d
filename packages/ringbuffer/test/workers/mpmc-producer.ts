import { parentPort, workerData } from 'node:worker_threads';
import { MpmcQueue } from '../../src/index.js';
import { Backoff } from './backoff.js';

const { buffer, producerId, items, timeoutMs } = workerData as {
  buffer: SharedArrayBuffer;
  producerId: number;
  items: number;
  timeoutMs: number;
};
const queue = MpmcQueue.attach(buffer);
const i32 = queue.int32;
const backoff = new Backoff(`mpmc producer ${producerId}`, timeoutMs);
for (let seq = 0; seq < items; ) {
  const offset = queue.tryClaim();
  if (offset === -1) {
    queue.check(); // a correct run never records corruption
    backoff.idle();
    continue;
  }
  backoff.progress();
  i32[offset >> 2] = producerId;
  i32[(offset >> 2) + 1] = seq++;
  if (!queue.publish(offset)) queue.check();
}
parentPort?.postMessage({ produced: items });
