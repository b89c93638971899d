/**
 * A consumer that dies holding a record: takes records with its slot in the claim log, counts
 * each (id, seq) in `seen` before releasing it, and at record number `holdAt` says what it holds
 * and blocks without releasing until the test terminates it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MpmcClaimLog, MpmcQueue } from '../../src/index.js';
import { Backoff } from './backoff.js';

const { buffer, log, thread, holdAt, seen, items, timeoutMs } = workerData as {
  buffer: SharedArrayBuffer;
  log: SharedArrayBuffer;
  thread: number;
  holdAt: number;
  seen: SharedArrayBuffer;
  items: number;
  timeoutMs: number;
};
const queue = MpmcQueue.attach(buffer);
const slot = MpmcClaimLog.attach(log).slot(thread);
const counts = new Int32Array(seen);
const i32 = queue.int32;
const backoff = new Backoff(`dying consumer ${thread}`, timeoutMs);
for (let taken = 0; ; ) {
  const offset = queue.tryAcquire(slot);
  if (offset === -1) {
    queue.check();
    backoff.idle();
    continue;
  }
  backoff.progress();
  const id = i32[offset >> 2]!;
  const seq = i32[(offset >> 2) + 1]!;
  if (taken++ === holdAt) {
    parentPort?.postMessage({ holding: [id, seq] });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  if (id >= 0) Atomics.add(counts, id * items + seq, 1);
  queue.release(offset);
}
