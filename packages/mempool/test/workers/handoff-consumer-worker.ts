import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { SizeClassAllocator } from '@zactor/mempool';

export interface HandoffConsumerJob {
  readonly buffer: SharedArrayBuffer;
  readonly port: MessagePort;
}

export interface HandoffConsumerResult {
  readonly received: number;
  readonly outOfOrder: number;
  readonly corrupt: number;
}

const job = workerData as HandoffConsumerJob;
const allocator = SizeClassAllocator.attach(job.buffer);
const bytes = new Uint8Array(job.buffer);
const view = new DataView(job.buffer);
let received = 0;
let outOfOrder = 0;
let corrupt = 0;

job.port.on('message', (message: number[] | 'done') => {
  if (message === 'done') {
    job.port.close();
    parentPort?.postMessage({ received, outOfOrder, corrupt } satisfies HandoffConsumerResult);
    return;
  }
  for (const offset of message) {
    const n = view.getUint32(offset, true);
    const length = view.getUint32(offset + 4, true);
    if (n !== received) outOfOrder++;
    if (length > allocator.capacityOf(offset)) corrupt++;
    else if (bytes[offset + 8] !== (n & 0xff) || bytes[offset + length - 1] !== (n & 0xff))
      corrupt++;
    // The receiver frees: the block goes back to the pool the producer allocates from.
    allocator.free(offset);
    received++;
  }
});
