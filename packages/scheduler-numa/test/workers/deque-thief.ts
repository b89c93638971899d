import { parentPort, workerData } from 'node:worker_threads';
import { ChaseLevDeque, DEQUE_OK } from '../../src/index.js';
import {
  CONTROL_ABORT,
  CONTROL_DONE,
  type DequeStressData,
  type DequeStressResult,
  recordIsWhole,
  startBarrier,
} from './deque-stress-protocol.js';

// A thief steals until the owner has raised DONE and the deque is empty (or the test aborts).
const data = workerData as DequeStressData;
const deque = ChaseLevDeque.attach(data.deque);
const seen = new Int32Array(data.seen);
const control = new Int32Array(data.control);
const wide = deque.recordWords > 1;
const out = new Int32Array(deque.recordWords);
let taken = 0;
let torn = 0;
startBarrier(control, data.parties);

for (;;) {
  // Read DONE before stealing: DONE then an empty steal means nothing is left.
  const done = Atomics.load(control, CONTROL_DONE) !== 0;
  let status: number;
  if (wide) {
    status = deque.stealRecord(out);
    if (status === DEQUE_OK) {
      if (!recordIsWhole(out, 0)) torn++;
      Atomics.add(seen, out[0]!, 1);
      taken++;
      continue;
    }
  } else {
    status = deque.steal();
    if (status >= 0) {
      Atomics.add(seen, status, 1);
      taken++;
      continue;
    }
  }
  if (done && deque.size() === 0) break;
  if (Atomics.load(control, CONTROL_ABORT) !== 0) break;
}
parentPort?.postMessage({ taken, torn } satisfies DequeStressResult);
