/**
 * BatchAccumulator: collects items and hands them on in batches, flushing when a batch
 * reaches its size or when its first item has waited `lingerMs` (the `batch.size` /
 * `linger.ms` pair of Kafka's producer, org.apache.kafka.clients.producer.internals.RecordAccumulator).
 */

import { type BatchStats, emptyBatchStats } from './batch-stats.js';
import type { Batcher } from './batcher.js';
import type { Clock, TimerHandle } from './clock.js';
import { FixedBatcher } from './fixed-batcher.js';
import { systemClock } from './system-clock.js';
import { fail, requireFunction, requireInRange, requireObject, requireSize } from './validate.js';

/** Why a batch left the accumulator. */
export type FlushReason = 'size' | 'linger' | 'flush' | 'close';

/**
 * Receives one batch: `items[0]` to `items[count - 1]`. The array is reused as soon as the
 * handler returns (and may be longer than `count`): copy out what you keep.
 */
export type FlushHandler<T> = (items: readonly T[], count: number, reason: FlushReason) => void;

/** Options of {@link BatchAccumulator}. */
export interface BatchAccumulatorOptions<T> {
  /** Flush when this many items wait: a fixed integer >= 1, or a {@link Batcher} to ask per batch. */
  readonly size: number | Batcher;
  /**
   * Flush a batch this many ms after its first item arrived, even if it is not full; >= 0.
   * 0 flushes on the next timer turn; `Infinity` never flushes on time (size, flush and close only).
   */
  readonly lingerMs: number;
  /** Called with every batch. */
  readonly onFlush: FlushHandler<T>;
  /** Time source; default the system clock. */
  readonly clock?: Clock;
  /**
   * Called after each flush with its figures (one reused record): `elapsedMs` is the time
   * spent in `onFlush`, `latencyMs` the age of the batch's first item when `onFlush` returned.
   */
  readonly onStats?: (stats: Readonly<BatchStats>) => void;
  /**
   * Called when `onFlush` throws during a linger flush (no caller is there to receive the
   * error). Default: a process warning, so a failing handler never crashes the process.
   */
  readonly onError?: (error: unknown, reason: FlushReason) => void;
}

const WHERE = 'BatchAccumulator.constructor';

/**
 * Collects items into batches. `add` stores one reference and compares two numbers; it does
 * not allocate. One timer at most is pending: it is armed by the first item after an idle
 * spell and, when it fires early for the current batch, re-armed for the rest, so a busy
 * accumulator does not create and cancel a timer per batch.
 *
 * Single-threaded: it lives in one heap and is used from one event loop. An `add` from inside
 * `onFlush` is accepted into the next batch (which is flushed when the handler returns if it has
 * filled up); `flush()` or `close()` from inside `onFlush` take effect when the handler returns.
 * An exception thrown by `onFlush` propagates to the call that flushed; for a linger flush,
 * which has no caller, it goes to `onError` (default: a process warning). Either way that
 * batch counts as delivered.
 */
export class BatchAccumulator<T> {
  private readonly batcher: Batcher;
  private readonly lingerMs: number;
  private readonly onFlush: FlushHandler<T>;
  private readonly onError: (error: unknown, reason: FlushReason) => void;
  private readonly clock: Clock;
  private readonly onStats: ((stats: Readonly<BatchStats>) => void) | undefined;
  private readonly capacity: number;
  // Stats are only measured when someone consumes them, to keep the clock off the hot path.
  private readonly measure: boolean;
  private readonly lingerCallback: () => void;
  private readonly stats: BatchStats = emptyBatchStats();

  // Double buffer: items added while onFlush runs go into the other array.
  private filling: (T | undefined)[];
  private spare: (T | undefined)[];
  private count = 0;
  private threshold: number;
  private firstAt = 0;
  private timer: TimerHandle | undefined = undefined;
  private flushing = false;
  private flushRequested = false;
  private isClosed = false;

  constructor(options: BatchAccumulatorOptions<T>) {
    requireObject(WHERE, options);
    const size = options.size;
    if (typeof size === 'number') {
      this.batcher = new FixedBatcher(requireSize(WHERE, 'size', size));
    } else if (
      typeof size === 'object' &&
      size !== null &&
      typeof size.record === 'function' &&
      typeof size.size === 'number'
    ) {
      this.batcher = size;
      requireSize(WHERE, 'size.maxSize', size.maxSize);
    } else {
      fail(WHERE, 'INVALID_SIZE', `size must be an integer >= 1 or a Batcher, got ${String(size)}`);
    }
    this.lingerMs = requireInRange(
      WHERE,
      'lingerMs',
      options.lingerMs,
      0,
      true,
      Number.POSITIVE_INFINITY,
      true,
    );
    this.onFlush = requireFunction(WHERE, 'onFlush', options.onFlush);
    this.onError = options.onError ?? reportLingerError;
    this.clock = options.clock ?? systemClock;
    this.onStats =
      options.onStats === undefined
        ? undefined
        : requireFunction(WHERE, 'onStats', options.onStats);
    this.measure = this.onStats !== undefined || !(this.batcher instanceof FixedBatcher);
    this.capacity = this.batcher.maxSize;
    this.threshold = this.batcher.size;
    this.filling = new Array<T | undefined>(this.capacity).fill(undefined);
    this.spare = new Array<T | undefined>(this.capacity).fill(undefined);
    this.lingerCallback = () => this.lingerExpired();
  }

  /** Items waiting for the next flush. */
  get pending(): number {
    return this.count;
  }

  /** The size at which the current batch will be flushed. */
  get size(): number {
    return this.threshold;
  }

  /** Whether `close()` has been called. */
  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * Adds one item, flushing if it completes a batch. Returns false, storing nothing, when the
   * accumulator is closed, or when `onFlush` is running and the next batch is already full.
   */
  add(item: T): boolean {
    if (this.isClosed) return false;
    const count = this.count;
    if (count === this.capacity) return false;
    this.filling[count] = item;
    this.count = count + 1;
    if (count === 0) this.startBatch();
    if (count + 1 >= this.threshold && !this.flushing) this.flushBatches('size');
    return true;
  }

  /** Flushes the waiting items now, if any. Returns how many items were flushed. */
  flush(): number {
    return this.flushBatches('flush');
  }

  /**
   * Flushes what is waiting, cancels the linger timer and refuses further items. Idempotent.
   * Returns how many items were flushed.
   */
  close(): number {
    if (this.isClosed) return 0;
    this.isClosed = true;
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    return this.flushBatches('close');
  }

  private startBatch(): void {
    const linger = this.lingerMs;
    if (linger === Number.POSITIVE_INFINITY) {
      if (this.measure) this.firstAt = this.clock.now();
      return;
    }
    this.firstAt = this.clock.now();
    if (this.timer === undefined) this.timer = this.clock.setTimeout(this.lingerCallback, linger);
  }

  private lingerExpired(): void {
    this.timer = undefined;
    if (this.count === 0 || this.isClosed) return;
    // The timer may have been armed for an earlier batch: wait out the rest of this one's linger.
    const deadline = this.firstAt + this.lingerMs;
    const now = this.clock.now();
    if (now < deadline) {
      this.timer = this.clock.setTimeout(this.lingerCallback, deadline - now);
      return;
    }
    try {
      this.flushBatches('linger');
    } catch (error) {
      this.onError(error, 'linger');
    }
  }

  private flushBatches(reason: FlushReason): number {
    if (this.flushing) {
      // Called from inside onFlush: the running loop below picks the request up.
      this.flushRequested = true;
      return 0;
    }
    let flushed = 0;
    this.flushing = true;
    try {
      while (this.count > 0) {
        flushed += this.flushOne(reason);
        const again = this.count > 0;
        if (!again) break;
        if (this.isClosed) reason = 'close';
        else if (this.flushRequested) reason = 'flush';
        else if (this.count >= this.threshold) reason = 'size';
        else break;
        this.flushRequested = false;
      }
    } finally {
      this.flushing = false;
      this.flushRequested = false;
    }
    return flushed;
  }

  private flushOne(reason: FlushReason): number {
    const items = this.filling;
    const count = this.count;
    const requested = this.threshold;
    const firstAt = this.firstAt;
    this.filling = this.spare;
    this.spare = items;
    this.count = 0;
    const start = this.measure ? this.clock.now() : 0;
    try {
      // Slots [0, count) hold items; the rest are cleared (undefined).
      this.onFlush(items as readonly T[], count, reason);
    } finally {
      // Drop the references so flushed items can be collected.
      for (let i = 0; i < count; i++) items[i] = undefined;
    }
    if (this.measure) {
      const end = this.clock.now();
      const stats = this.stats;
      stats.items = count;
      stats.requested = requested;
      stats.elapsedMs = end - start;
      stats.latencyMs = end - firstAt;
      stats.nextSize = this.threshold = this.batcher.record(
        count,
        stats.elapsedMs,
        stats.latencyMs,
      );
      this.onStats?.(stats);
    }
    return count;
  }
}

function reportLingerError(error: unknown): void {
  const detail = error instanceof Error ? error : new Error(String(error));
  process.emitWarning(
    `@zactor/batcher/BatchAccumulator: onFlush threw during a linger flush: ${detail.message}`,
    {
      code: 'ZACTOR_BATCHER_FLUSH_ERROR',
      detail: detail.stack ?? detail.message,
    },
  );
}
