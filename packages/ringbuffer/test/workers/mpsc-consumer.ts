import { parentPort, workerData } from 'node:worker_threads';
import { seededRandom } from '@zactor/testing';
import { MpscRing, SpinThenParkWaitStrategy } from '../../src/index.js';

const { buffer, producers, itemsPerProducer, seed, maxPayload, timeoutMs, spins } = workerData as {
  buffer: SharedArrayBuffer;
  producers: number;
  itemsPerProducer: number;
  seed: number;
  maxPayload: number;
  timeoutMs: number;
  spins: number;
};
const ring = MpscRing.attach(buffer);
const bytes = ring.bytes;
const i32 = ring.int32;
const randoms = Array.from({ length: producers }, (_, id) => seededRandom(seed + id));
const nextSeq = new Array<number>(producers).fill(0);
const wait = new SpinThenParkWaitStrategy({ spins });
let errors = 0;
let firstError = '';

function fail(message: string): void {
  if (errors++ === 0) firstError = message;
}

function check(typeId: number, _view: DataView, offset: number, length: number): void {
  const random = randoms[typeId];
  if (random === undefined) {
    fail(`unknown producer ${typeId}`);
    return;
  }
  const expectedSeq = nextSeq[typeId]!;
  const expectedLength = 4 + Math.floor(random() * (maxPayload - 3));
  const seq = i32[offset >> 2]!;
  if (seq !== expectedSeq) fail(`producer ${typeId}: expected seq ${expectedSeq}, got ${seq}`);
  else if (length !== expectedLength) fail(`producer ${typeId} #${seq}: length ${length}`);
  else if (
    length > 4 &&
    (bytes[offset + 4] !== (seq & 0xff) || bytes[offset + length - 1] !== (seq & 0xff))
  )
    fail(`producer ${typeId} #${seq}: corrupt payload`);
  nextSeq[typeId] = seq + 1;
}

const total = producers * itemsPerProducer;
let received = 0;
while (received < total) {
  const n = ring.drain(check, 1024);
  if (n === 0) ring.check(); // a correct run never records corruption
  if (n === 0 && !wait.waitFor(ring, timeoutMs)) {
    throw new Error(`mpsc consumer: idle for ${timeoutMs} ms after ${received} records`);
  }
  received += n;
}
parentPort?.postMessage({
  received,
  errors,
  firstError,
  perProducer: nextSeq,
  used: ring.usedBytes,
});
