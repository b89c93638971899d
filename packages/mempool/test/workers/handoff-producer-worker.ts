import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { NO_BLOCK, SizeClassAllocator } from '@zactor/mempool';
import { seededRandom } from '@zactor/testing';

export interface HandoffProducerJob {
  readonly buffer: SharedArrayBuffer;
  readonly port: MessagePort;
  readonly messages: number;
  readonly seed: number;
}

const job = workerData as HandoffProducerJob;
const allocator = SizeClassAllocator.attach(job.buffer);
const bytes = new Uint8Array(job.buffer);
const view = new DataView(job.buffer);
const random = seededRandom(job.seed);

// Gives up instead of waiting forever for blocks when the consumer died.
const deadline = Date.now() + 30_000;
let batch: number[] = [];
let waits = 0;
for (let n = 0; n < job.messages; n++) {
  const length = 9 + Math.floor(random() * (allocator.maxBlockSize - 9));
  let offset = allocator.alloc(length);
  while (offset === NO_BLOCK) {
    // Out of blocks: hand over what is pending and let the consumer free some.
    if (batch.length > 0) job.port.postMessage(batch);
    batch = [];
    waits++;
    if (Date.now() > deadline) throw new Error('handoff producer: no block came back for 30 s');
    await new Promise((resolve) => setTimeout(resolve, 1));
    offset = allocator.alloc(length);
  }
  // A payload the consumer can check: message number, length, then a pattern.
  view.setUint32(offset, n, true);
  view.setUint32(offset + 4, length, true);
  bytes.fill(n & 0xff, offset + 8, offset + length);
  batch.push(offset);
  if (batch.length === 64) {
    job.port.postMessage(batch);
    batch = [];
  }
}
if (batch.length > 0) job.port.postMessage(batch);
job.port.postMessage('done');
job.port.close();
parentPort?.postMessage({ sent: job.messages, waits });
