import { parentPort, workerData } from 'node:worker_threads';
import { SizeClassAllocator } from '@zactor/mempool';
import { SizeClass, SizedDecoder } from '../../src/index.js';
import { makeRegistry, orderFor, type RingBuffers, SLOT_BYTES, SlotRing } from './protocol.js';

const {
  ring: buffers,
  pool,
  count,
  seed,
} = workerData as {
  ring: RingBuffers;
  pool: SharedArrayBuffer;
  count: number;
  seed: number;
};
const ring = new SlotRing(buffers);
const { registry } = makeRegistry();
const decoder = new SizedDecoder(SizeClassAllocator.attach(pool));
let matched = 0;
const mismatches: string[] = [];

function same(a: unknown, b: ReturnType<typeof orderFor>): boolean {
  const got = a as { id: number; price: number; note: string; fills: Float64Array; from: number };
  return (
    got.id === b.id &&
    got.price === b.price &&
    got.note === b.note &&
    got.from === b.from &&
    got.fills.length === b.fills.length &&
    got.fills.every((x, k) => x === b.fills[k])
  );
}

for (let i = 0; i < count; i++) {
  const [cls, length, handle] = ring.take(i);
  const value =
    cls === SizeClass.Inline
      ? registry.decode(ring.view, (i & 15) * SLOT_BYTES, (i & 15) * SLOT_BYTES + length)
      : decoder.decodeBlock(registry, handle, length);
  ring.release(i);
  if (same(value, orderFor(seed, i))) matched++;
  else if (mismatches.length < 5) mismatches.push(JSON.stringify({ i, cls }));
}
parentPort!.postMessage({ matched, mismatches });
