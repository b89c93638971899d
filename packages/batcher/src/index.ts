export type { AdaptiveBatcherOptions } from './adaptive-batcher.js';
export { AdaptiveBatcher } from './adaptive-batcher.js';
export type {
  BatchAccumulatorOptions,
  FlushHandler,
  FlushReason,
} from './batch-accumulator.js';
export { BatchAccumulator } from './batch-accumulator.js';
export type { BatchHandler } from './batch-handler.js';
export type { BatchProcessorOptions } from './batch-processor.js';
export { BatchProcessor } from './batch-processor.js';
export type { BatchStats } from './batch-stats.js';
export type { Batcher } from './batcher.js';
export type { Clock, TimerHandle } from './clock.js';
export type { DrainSource } from './drain-source.js';
export type { BatcherErrorCode } from './errors.js';
export { BatcherError } from './errors.js';
export { FixedBatcher } from './fixed-batcher.js';
export { ManualClock } from './manual-clock.js';
export { SystemClock } from './system-clock.js';
