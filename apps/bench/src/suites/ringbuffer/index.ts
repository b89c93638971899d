import type { Suite } from '../../harness/scenario.js';
import { mpmcSingle, mpscBatch, mpscSingle, spscBatch, spscSingle } from './cross-thread.js';
import { heapQueueBatch, heapQueueSingle } from './heap-queues.js';

export const ringbufferSuite: Suite = {
  name: 'ringbuffer',
  description:
    'in-heap mailbox queues against denque, mnemonist and Array; shared rings between worker threads against a lock-based queue',
  scenarios: [
    heapQueueSingle,
    heapQueueBatch,
    spscSingle,
    spscBatch,
    mpscSingle,
    mpscBatch,
    mpmcSingle,
  ],
};
