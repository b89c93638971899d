import { parentPort, workerData } from 'node:worker_threads';
import { SizeClassAllocator } from '@zactor/mempool';
import { SizeClass, SizedEncoder } from '../../src/index.js';
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
const { order } = makeRegistry();
const encoder = new SizedEncoder({ allocator: SizeClassAllocator.attach(pool) });
const classes = [0, 0, 0];

for (let i = 0; i < count; i++) {
  const slot = ring.claim(i);
  const cls = encoder.encode(order, orderFor(seed, i), ring.view, slot * SLOT_BYTES, SLOT_BYTES);
  if (cls === SizeClass.Large) throw new Error(`message ${i} is larger than a block`);
  classes[cls]!++;
  ring.publish(i, cls, encoder.length, encoder.blockOffset);
}
parentPort!.postMessage({ classes });
