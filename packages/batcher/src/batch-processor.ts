/**
 * BatchProcessor: pulls batches from a {@link DrainSource}, sized by a {@link Batcher}, hands
 * each to a batch handler and feeds the batch's figures back to the batcher (the consumer side
 * of the Disruptor's BatchEventProcessor, with the batch size chosen per turn).
 */
import type { BatchHandler } from './batch-handler.js';
import { type BatchStats, emptyBatchStats } from './batch-stats.js';
import type { Batcher } from './batcher.js';
import type { Clock } from './clock.js';
import type { DrainSource } from './drain-source.js';
import { systemClock } from './system-clock.js';
import { fail, requireFunction, requireObject, requireSize } from './validate.js';

/** Options of {@link BatchProcessor}. */
export interface BatchProcessorOptions<T> {
  /** Where the items come from. */
  readonly source: DrainSource<T>;
  /** Chooses the size of each batch and learns from the figures of the last one. */
  readonly batcher: Batcher;
  /** Called once per non-empty batch. */
  readonly handler: BatchHandler<T>;
  /** Time source for the figures; default the system clock. */
  readonly clock?: Clock;
  /**
   * When given, the time (on `clock`) at which an item entered the source. The batch's
   * latency is then the age of its oldest item when the handler returns; without it, the
   * latency is the batch's elapsed time (how long it held the thread).
   */
  readonly enqueuedAt?: (item: T) => number;
  /** Called after each non-empty batch with its figures (one reused record). */
  readonly onStats?: (stats: Readonly<BatchStats>) => void;
}

const WHERE = 'BatchProcessor.constructor';

/**
 * Drains a source in batches. `runOnce()` is one turn, for a dispatcher to call from its own
 * loop; per batch it reads the clock twice and allocates nothing (the batch buffer and the stats
 * record are reused).
 *
 * Single-threaded: call it from the source's one consumer thread, never from its own handler.
 */
export class BatchProcessor<T> {
  private readonly source: DrainSource<T>;
  private readonly batcher: Batcher;
  private readonly handler: BatchHandler<T>;
  private readonly clock: Clock;
  private readonly enqueuedAt: ((item: T) => number) | undefined;
  private readonly onStats: ((stats: Readonly<BatchStats>) => void) | undefined;
  private readonly stats: BatchStats = emptyBatchStats();
  // Created once: the source calls it per item, so it must not be a fresh closure per batch.
  private readonly collect: (item: T) => void;

  private readonly buffer: (T | undefined)[];
  private count = 0;
  private running = false;
  private oldest = 0;
  private batchCount = 0;
  private itemCount = 0;

  constructor(options: BatchProcessorOptions<T>) {
    requireObject(WHERE, options);
    const source = options.source;
    if (typeof source !== 'object' || source === null || typeof source.drain !== 'function') {
      fail(WHERE, 'INVALID_OPTION', 'source must have a drain(handler, max) method');
    }
    const batcher = options.batcher;
    if (
      typeof batcher !== 'object' ||
      batcher === null ||
      typeof batcher.record !== 'function' ||
      typeof batcher.size !== 'number'
    ) {
      fail(WHERE, 'INVALID_OPTION', 'batcher must be a Batcher (size, maxSize, record)');
    }
    requireSize(WHERE, 'batcher.maxSize', batcher.maxSize);
    this.source = source;
    this.batcher = batcher;
    this.handler = requireFunction(WHERE, 'handler', options.handler);
    this.clock = options.clock ?? systemClock;
    this.enqueuedAt =
      options.enqueuedAt === undefined
        ? undefined
        : requireFunction(WHERE, 'enqueuedAt', options.enqueuedAt);
    this.onStats =
      options.onStats === undefined
        ? undefined
        : requireFunction(WHERE, 'onStats', options.onStats);
    this.buffer = new Array<T | undefined>(batcher.maxSize).fill(undefined);
    // Two collectors so the common case does not test for enqueuedAt on every item.
    const enqueuedAt = this.enqueuedAt;
    this.collect =
      enqueuedAt === undefined
        ? (item: T) => {
            this.buffer[this.count++] = item;
          }
        : (item: T) => {
            const at = enqueuedAt(item);
            if (at < this.oldest) this.oldest = at;
            this.buffer[this.count++] = item;
          };
  }

  /** The figures of the last non-empty batch (a reused record: copy what you keep). */
  get lastBatch(): Readonly<BatchStats> {
    return this.stats;
  }

  /** Non-empty batches processed so far. */
  get batches(): number {
    return this.batchCount;
  }

  /** Items processed so far. */
  get items(): number {
    return this.itemCount;
  }

  /**
   * Drains up to `batcher.size` items, passes them to the handler, records the batch with the
   * batcher and returns the number of items (0 when the source was empty: then neither the
   * handler nor the batcher is called). An exception from the handler or the source propagates
   * and that batch is not recorded. Throws `REENTRANT_CALL` when called from its own handler.
   */
  runOnce(): number {
    if (this.running) {
      fail('BatchProcessor.runOnce', 'REENTRANT_CALL', 'runOnce() was called from its own handler');
    }
    const requested = this.batcher.size;
    const clock = this.clock;
    const buffer = this.buffer;
    this.count = 0;
    this.oldest = Number.POSITIVE_INFINITY;
    this.running = true;
    let count = 0;
    let start = 0;
    try {
      start = clock.now();
      this.source.drain(this.collect, requested);
      count = this.count;
      if (count === 0) return 0;
      try {
        // Slots [0, count) hold items; the rest are cleared (undefined).
        this.handler(buffer as readonly T[], count);
      } finally {
        // Drop the references so handled items can be collected.
        for (let i = 0; i < count; i++) buffer[i] = undefined;
      }
    } finally {
      this.running = false;
    }
    const end = clock.now();
    const elapsed = end - start;
    const latency = this.enqueuedAt === undefined ? elapsed : end - this.oldest;
    const stats = this.stats;
    stats.items = count;
    stats.requested = requested;
    stats.elapsedMs = elapsed;
    stats.latencyMs = latency;
    stats.nextSize = this.batcher.record(count, elapsed, latency);
    this.batchCount++;
    this.itemCount += count;
    this.onStats?.(stats);
    return count;
  }
}
