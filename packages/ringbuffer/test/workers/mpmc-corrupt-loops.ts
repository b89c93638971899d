/*
 * Calls every MpmcQueue method that retries in a loop on queues whose cells and positions were
 * overwritten with seeded random words. Run in a worker so that a method spinning forever is
 * caught by the test's deadline instead of freezing the test process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { seededRandom } from '@zactor/testing';
import { MpmcQueue } from '../../src/index.js';

const { seed, rounds } = workerData as { seed: number; rounds: number };
const random = seededRandom(seed);
const int = (n: number) => Math.floor(random() * n);
const word = () => (random() * 2 ** 32) | 0;

let calls = 0;
let reports = 0;
for (let round = 0; round < rounds; round++) {
  const capacity = 2 << int(3);
  const q = MpmcQueue.create({ capacity, recordBytes: 4, startPosition: word() });
  for (let i = int(3 * capacity); i > 0; i--) {
    if (random() < 0.7) q.offerInt32(i);
    else q.drain(() => {}, 1 + int(3));
  }
  const i32 = q.int32;
  const cell = (k: number) => (512 + k * q.cellBytes) >> 2;
  for (let e = 1 + int(4); e > 0; e--) {
    const target = int(4);
    const k = int(capacity);
    const at = target === 0 ? cell(k) : target === 1 ? cell(k) + 1 : target === 2 ? 32 : 64;
    // Near the positions (the likely trouble) or anything.
    i32[at] = random() < 0.5 ? (i32[at]! + int(2 * capacity + 3) - capacity - 1) | 0 : word();
  }
  const consumer = MpmcQueue.attach(q.buffer);
  const producer = MpmcQueue.attach(q.buffer);
  consumer.hasItems();
  consumer.drain(() => {});
  const taken = consumer.tryAcquire();
  if (taken !== -1) consumer.release(taken);
  for (let k = 0; k <= capacity; k++) {
    const offset = producer.tryClaim();
    if (offset === -1) break;
    producer.publish(offset);
  }
  consumer.drain(() => {});
  calls += 6;
  if (consumer.corruption() !== undefined || producer.corruption() !== undefined) reports++;
}
parentPort?.postMessage({ rounds, calls, reports });
