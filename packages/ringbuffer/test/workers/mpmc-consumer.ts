import { parentPort, workerData } from 'node:worker_threads';
import { MpmcQueue, SpinThenParkWaitStrategy } from '../../src/index.js';

const { buffer, seen, consumed, producers, itemsPerProducer, timeoutMs } = workerData as {
  buffer: SharedArrayBuffer;
  /** One bit per record: producer * itemsPerProducer + seq. */
  seen: SharedArrayBuffer;
  /** Int32 word 0: records taken by all consumers together. */
  consumed: SharedArrayBuffer;
  producers: number;
  itemsPerProducer: number;
  timeoutMs: number;
};
const queue = MpmcQueue.attach(buffer);
const i32 = queue.int32;
const bits = new Int32Array(seen);
const counter = new Int32Array(consumed);
const lastSeq = new Array<number>(producers).fill(-1);
const wait = new SpinThenParkWaitStrategy({ spins: 256 });
const total = producers * itemsPerProducer;
let duplicates = 0;
let disorder = 0;
let bad = 0;

function take(_view: DataView, offset: number): void {
  const producer = i32[offset >> 2]!;
  const seq = i32[(offset >> 2) + 1]!;
  if (!(producer >= 0 && producer < producers && seq >= 0 && seq < itemsPerProducer)) {
    bad++;
    return;
  }
  // One consumer takes positions in increasing order, so a producer's records reach it in order.
  if (seq <= lastSeq[producer]!) disorder++;
  lastSeq[producer] = seq;
  const index = producer * itemsPerProducer + seq;
  const mask = 1 << (index & 31);
  if ((Atomics.or(bits, index >>> 5, mask) & mask) !== 0) duplicates++;
}

let mine = 0;
let idleSince = performance.now();
while (Atomics.load(counter, 0) < total) {
  const n = queue.drain(take, 256);
  if (n > 0) {
    mine += n;
    Atomics.add(counter, 0, n);
    idleSince = performance.now();
  } else {
    queue.check(); // a correct run never records corruption
    if (!wait.waitFor(queue, 20) && performance.now() - idleSince > timeoutMs) {
      throw new Error(`mpmc consumer: idle for ${timeoutMs} ms`);
    }
  }
}
parentPort?.postMessage({ mine, duplicates, disorder, bad });
