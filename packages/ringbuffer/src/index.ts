export { RingBufferError } from './errors.js';
export { FixedHeapQueue } from './fixed-heap-queue.js';
export type { HeapQueue } from './heap-queue.js';
export { SegmentedHeapQueue } from './segmented-heap-queue.js';
