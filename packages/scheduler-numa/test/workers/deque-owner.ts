import { parentPort, workerData } from 'node:worker_threads';
import { seededRandom } from '@zactor/testing';
import { ChaseLevDeque, DEQUE_EMPTY } from '../../src/index.js';
import {
  CONTROL_ABORT,
  CONTROL_DONE,
  type DequeStressData,
  type DequeStressResult,
  fillRecord,
  recordIsWhole,
  startBarrier,
} from './deque-stress-protocol.js';

// The owner pushes every id once, popping some back at random (and whenever the deque is
// full), then drains what the thieves left and raises DONE.
const data = workerData as DequeStressData;
const deque = ChaseLevDeque.attach(data.deque);
const seen = new Int32Array(data.seen);
const control = new Int32Array(data.control);
const random = seededRandom(data.seed);
const wide = deque.recordWords > 1;
const out = new Int32Array(deque.recordWords);
let taken = 0;
let torn = 0;
startBarrier(control, data.parties);

function take(): boolean {
  if (wide) {
    if (!deque.popRecord(out)) return false;
    if (!recordIsWhole(out, 0)) torn++;
    Atomics.add(seen, out[0]!, 1);
  } else {
    const id = deque.pop();
    if (id === DEQUE_EMPTY) return false;
    Atomics.add(seen, id, 1);
  }
  taken++;
  return true;
}

for (let id = 0; id < data.count; id++) {
  if ((id & 1023) === 0 && Atomics.load(control, CONTROL_ABORT) !== 0) break;
  for (;;) {
    const at = deque.tryClaim();
    if (at >= 0) {
      if (wide) fillRecord(deque.words, at, id);
      else deque.words[at] = id;
      deque.publish();
      break;
    }
    take();
  }
  if (random() < 0.3) take();
}
while (take()) {}
Atomics.store(control, CONTROL_DONE, 1);
parentPort?.postMessage({ taken, torn } satisfies DequeStressResult);
