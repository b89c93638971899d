/**
 * A producer that may die in the middle of a claim: publishes (id, seq) records with its slot in
 * the claim log and counts each publish in `progress[id]`; with `holdAt`, it claims record
 * `holdAt`, says so, and blocks without publishing until the test terminates it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MpmcClaimLog, MpmcQueue } from '../../src/index.js';
import { Backoff } from './backoff.js';

const { buffer, log, thread, id, items, progress, holdAt, timeoutMs } = workerData as {
  buffer: SharedArrayBuffer;
  log: SharedArrayBuffer;
  thread: number;
  id: number;
  items: number;
  progress: SharedArrayBuffer;
  holdAt: number;
  timeoutMs: number;
};
const queue = MpmcQueue.attach(buffer);
const slot = MpmcClaimLog.attach(log).slot(thread);
const published = new Int32Array(progress);
const i32 = queue.int32;
const backoff = new Backoff(`dying producer ${id}`, timeoutMs);
for (let seq = 0; seq < items; ) {
  const offset = queue.tryClaim(slot);
  if (offset === -1) {
    queue.check();
    backoff.idle();
    continue;
  }
  backoff.progress();
  if (seq === holdAt) {
    parentPort?.postMessage('holding');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  i32[offset >> 2] = id;
  i32[(offset >> 2) + 1] = seq++;
  if (!queue.publish(offset)) queue.check();
  Atomics.store(published, id, seq);
}
parentPort?.postMessage({ produced: items });
