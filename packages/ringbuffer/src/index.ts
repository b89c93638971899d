export {
  type AsyncParkOptions,
  AsyncParkWaitStrategy,
} from './async-park-wait-strategy.js';
export { BusySpinWaitStrategy } from './busy-spin-wait-strategy.js';
export type { CorruptionReporter } from './corruption-reporter.js';
export { RingBufferError, RingCorruptError, type RingFault } from './errors.js';
export { FixedHeapQueue } from './fixed-heap-queue.js';
export type { HeapQueue } from './heap-queue.js';
/** The shared layout's words that tools and recovery tests address directly (see layout.ts). */
export {
  CONSUMER_POSITION_INDEX,
  DATA_OFFSET,
  DRAIN_END_INDEX,
  DRAIN_PENDING_INDEX,
  PRODUCER_POSITION_INDEX,
} from './layout.js';
export { MpmcClaimLog, type MpmcThreadSlot } from './mpmc-claim-log.js';
export { type MpmcOrphanHandler, MpmcOrphans, type MpmcSettleOutcome } from './mpmc-orphans.js';
export {
  MpmcQueue,
  type MpmcQueueOptions,
  type MpmcRecordHandler,
} from './mpmc-queue.js';
export {
  type MpscRecordHandler,
  MpscRing,
  type MpscRingOptions,
} from './mpsc-ring.js';
export { SegmentedHeapQueue } from './segmented-heap-queue.js';
export {
  type SpinThenParkOptions,
  SpinThenParkWaitStrategy,
} from './spin-then-park-wait-strategy.js';
export {
  type SpscRecordHandler,
  SpscRing,
  type SpscRingOptions,
} from './spsc-ring.js';
export type { AsyncWaitStrategy, WaitStrategy } from './wait-strategy.js';
export type { Waitable } from './waitable.js';
export { WakeSignal } from './wake-signal.js';
