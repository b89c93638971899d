/**
 * The batch-size role: how many items the next batch should take, learned from how the
 * previous batches went. {@link AdaptiveBatcher} steers toward latency/throughput targets;
 * {@link FixedBatcher} always answers the same size (the baseline to compare against).
 *
 * Single-threaded: one owner reads `size` and calls `record`; nothing here is shared memory.
 */
interface Batcher {
    /** The size the next batch should take, an integer in [1, maxSize]. */
    readonly size: number;
    /** The largest size this batcher can ever answer, so callers can size their buffers once. */
    readonly maxSize: number;
    /**
     * Reports one finished batch: `items` processed (may be below `size` when the source ran
     * dry), `elapsedMs` spent processing them and the `latencyMs` observed for the batch.
     * Returns the size for the next batch. Invalid figures (NaN, negative, zero items) are
     * ignored rather than thrown, since this sits on the hot path.
     */
    record(items: number, elapsedMs: number, latencyMs: number): number;
}

/**
 * AdaptiveBatcher: batch size steered toward a latency ceiling and a throughput goal.
 *
 * The controller is AIMD (Chiu & Jain, "Analysis of the Increase and Decrease Algorithms for
 * Congestion Avoidance in Computer Networks", 1989) shaped for noisy, in-process batching:
 * - Inputs are smoothed by an EWMA, as TCP smooths its RTT (RFC 6298), and a single sample
 *   counts at most `outlierClip` times the average, so one GC pause cannot halve the size.
 * - Decrease is multiplicative by targetLatency / averageLatency (floored at `maxDecrease`),
 *   the gradient idea of Netflix's concurrency-limits: a small overshoot costs a small cut.
 * - Increase is proportional to the remaining headroom (latency and throughput), so it grows
 *   fast far from the targets and slows to a crawl near them; inside a tolerance band it holds.
 * - It only grows after a full batch: a batch cut short by an empty source says nothing about
 *   a bigger one (TCP's congestion window validation, RFC 7661).
 * - After every change the latency average is rescaled by the size ratio, a proportional
 *   model, so the next decision does not act on samples taken at the old size.
 */

/** Options of {@link AdaptiveBatcher}. Only the sizes and the latency target are required. */
interface AdaptiveBatcherOptions {
    /** Smallest batch size, an integer >= 1. */
    readonly minSize: number;
    /** Largest batch size, an integer >= minSize. */
    readonly maxSize: number;
    /** Size of the first batch, in [minSize, maxSize]; default minSize. */
    readonly initialSize?: number;
    /** Latency ceiling in ms, > 0: the average observed latency is kept at or below it. */
    readonly targetLatencyMs: number;
    /**
     * Throughput goal in items per second, > 0. Once reached the batch stops growing, and it
     * shrinks while throughput is above `targetThroughput * (1 + tolerance)`, so it settles on the
     * smallest batch that delivers the goal. Omitted: grow as far as the latency target allows.
     */
    readonly targetThroughput?: number;
    /** EWMA weight of a new sample, in (0, 1]; default 0.1. Lower is steadier and slower. */
    readonly smoothing?: number;
    /** Width of the hold band below each target, as a fraction, in [0, 1); default 0.1. */
    readonly tolerance?: number;
    /** Growth per batch as a fraction of the size at full headroom, in (0, 1]; default 0.25. */
    readonly gain?: number;
    /** Smallest multiplier a single decrease may apply, in (0, 1); default 0.5. */
    readonly maxDecrease?: number;
    /** A sample counts at most this many times the current average, >= 1; default 2. */
    readonly outlierClip?: number;
}
/**
 * A {@link Batcher} that adapts the size after every batch (see the file header for the
 * algorithm). `record` does a few float operations and never allocates.
 *
 * Single-threaded: one owner calls `record` and reads `size`.
 */
declare class AdaptiveBatcher implements Batcher {
    readonly minSize: number;
    readonly maxSize: number;
    readonly initialSize: number;
    readonly targetLatencyMs: number;
    /** Items per second; `Infinity` when no throughput goal was given. */
    readonly targetThroughput: number;
    readonly smoothing: number;
    readonly tolerance: number;
    readonly gain: number;
    readonly maxDecrease: number;
    readonly outlierClip: number;
    private readonly hasThroughputGoal;
    private currentSize;
    private window;
    private latencyAverage;
    private itemsAverage;
    private elapsedAverage;
    private sampleCount;
    constructor(options: AdaptiveBatcherOptions);
    get size(): number;
    /** Smoothed latency in ms over the recent batches (0 before the first sample). */
    get averageLatencyMs(): number;
    /** Smoothed throughput in items per second (0 before the first sample). */
    get averageThroughput(): number;
    /** How many valid batches have been recorded. */
    get samples(): number;
    record(items: number, elapsedMs: number, latencyMs: number): number;
    private observe;
    private throughput;
}

/**
 * Figures for one batch. Producers of stats reuse one record and overwrite it for every
 * batch, so read it inside the callback (or copy the fields) rather than keeping the object.
 */
interface BatchStats {
    /** Items in the batch (0 before the first batch). */
    items: number;
    /** The batch size that was asked for (the batcher's size when the batch started). */
    requested: number;
    /** Time spent on the batch, in ms, measured with the injected clock. */
    elapsedMs: number;
    /** The latency reported for the batch, in ms (see the producer for what it measures). */
    latencyMs: number;
    /** The size the batcher chose for the next batch after recording this one. */
    nextSize: number;
}

/**
 * An opaque timer handle: whatever the clock's `setTimeout` returned (a Node `Timeout`
 * object for {@link SystemClock}, a number for {@link ManualClock}).
 */
type TimerHandle = object | number;
/**
 * The time source every timed piece of this package reads, injected so tests can drive
 * time by hand ({@link ManualClock}) instead of sleeping.
 *
 * Single-threaded: a clock belongs to one event loop; its timers fire on that loop.
 */
interface Clock {
    /** Milliseconds since an arbitrary origin, monotonic, sub-millisecond resolution. */
    now(): number;
    /** Calls `callback` once, `ms` milliseconds from now (a delay below 0 counts as 0). */
    setTimeout(callback: () => void, ms: number): TimerHandle;
    /** Cancels a timer that has not fired yet; unknown or fired handles are ignored. */
    clearTimeout(handle: TimerHandle): void;
}

/**
 * BatchAccumulator: collects items and hands them on in batches, flushing when a batch
 * reaches its size or when its first item has waited `lingerMs` (the `batch.size` /
 * `linger.ms` pair of Kafka's producer, org.apache.kafka.clients.producer.internals.RecordAccumulator).
 */

/** Why a batch left the accumulator. */
type FlushReason = 'size' | 'linger' | 'flush' | 'close';
/**
 * Receives one batch: `items[0]` to `items[count - 1]`. The array is reused as soon as the
 * handler returns (and may be longer than `count`): copy out what you keep.
 */
type FlushHandler<T> = (items: readonly T[], count: number, reason: FlushReason) => void;
/** Options of {@link BatchAccumulator}. */
interface BatchAccumulatorOptions<T> {
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
declare class BatchAccumulator<T> {
    private readonly batcher;
    private readonly lingerMs;
    private readonly onFlush;
    private readonly onError;
    private readonly clock;
    private readonly onStats;
    private readonly capacity;
    private readonly measure;
    private readonly lingerCallback;
    private readonly stats;
    private filling;
    private spare;
    private count;
    private threshold;
    private firstAt;
    private timer;
    private flushing;
    private flushRequested;
    private isClosed;
    constructor(options: BatchAccumulatorOptions<T>);
    /** Items waiting for the next flush. */
    get pending(): number;
    /** The size at which the current batch will be flushed. */
    get size(): number;
    /** Whether `close()` has been called. */
    get closed(): boolean;
    /**
     * Adds one item, flushing if it completes a batch. Returns false, storing nothing, when the
     * accumulator is closed, or when `onFlush` is running and the next batch is already full.
     */
    add(item: T): boolean;
    /** Flushes the waiting items now, if any. Returns how many items were flushed. */
    flush(): number;
    /**
     * Flushes what is waiting, cancels the linger timer and refuses further items. Idempotent.
     * Returns how many items were flushed.
     */
    close(): number;
    private startBatch;
    private lingerExpired;
    private flushBatches;
    private flushOne;
}

/**
 * Receives one batch: `items[0]` to `items[count - 1]`, in arrival order.
 *
 * The array is the caller's reusable buffer: it can be longer than `count`, and it is cleared
 * and refilled as soon as the handler returns, so copy out anything you keep.
 */
type BatchHandler<T> = (items: readonly T[], count: number) => void;

/**
 * Anything a {@link BatchProcessor} can pull a batch from: calls `handler` once per item, in
 * order, for at most `max` items (all available items when `max` is omitted), and returns how
 * many it handed out (0 when empty). The in-heap and shared-memory queues of
 * `@zactor/ringbuffer` have this shape.
 *
 * Called by the source's single consumer only; what the source publishes and when is the
 * source's own contract.
 */
interface DrainSource<T> {
    drain(handler: (item: T) => void, max?: number): number;
}

/**
 * BatchProcessor: pulls batches from a {@link DrainSource}, sized by a {@link Batcher}, hands
 * each to a batch handler and feeds the batch's figures back to the batcher (the consumer side
 * of the Disruptor's BatchEventProcessor, with the batch size chosen per turn).
 */

/** Options of {@link BatchProcessor}. */
interface BatchProcessorOptions<T> {
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
/**
 * Drains a source in batches. `runOnce()` is one turn, for a dispatcher to call from its own
 * loop; per batch it reads the clock twice and allocates nothing (the batch buffer and the stats
 * record are reused).
 *
 * Single-threaded: call it from the source's one consumer thread, never from its own handler.
 */
declare class BatchProcessor<T> {
    private readonly source;
    private readonly batcher;
    private readonly handler;
    private readonly clock;
    private readonly enqueuedAt;
    private readonly onStats;
    private readonly stats;
    private readonly collect;
    private readonly buffer;
    private count;
    private running;
    private oldest;
    private batchCount;
    private itemCount;
    constructor(options: BatchProcessorOptions<T>);
    /** The figures of the last non-empty batch (a reused record: copy what you keep). */
    get lastBatch(): Readonly<BatchStats>;
    /** Non-empty batches processed so far. */
    get batches(): number;
    /** Items processed so far. */
    get items(): number;
    /**
     * Drains up to `batcher.size` items, passes them to the handler, records the batch with the
     * batcher and returns the number of items (0 when the source was empty: then neither the
     * handler nor the batcher is called). An exception from the handler or the source propagates
     * and that batch is not recorded. Throws `REENTRANT_CALL` when called from its own handler.
     */
    runOnce(): number;
}

/**
 * Every error this package throws is a `BatcherError` whose message starts with
 * `@zactor/batcher/<where>: `, so a user can tell at a glance which package complained.
 */
declare class BatcherError extends Error {
    readonly name: string;
    /** Stable machine-readable code, e.g. `INVALID_SIZE`. */
    readonly code: string;
    constructor(where: string, code: string, message: string);
}
/**
 * The `code` values this package uses:
 * - `INVALID_SIZE`: a batch size that is not an integer >= 1.
 * - `INVALID_RANGE`: sizes out of order (min > max, initial outside [min, max]).
 * - `INVALID_TARGET`: a latency or throughput target that is not a finite number > 0.
 * - `INVALID_OPTION`: any other option out of its documented range or of the wrong type.
 * - `INVALID_ARGUMENT`: a bad argument to a method (e.g. `ManualClock.advance(-1)`).
 * - `REENTRANT_CALL`: a method called from inside its own callback where that cannot work.
 */
type BatcherErrorCode = 'INVALID_SIZE' | 'INVALID_RANGE' | 'INVALID_TARGET' | 'INVALID_OPTION' | 'INVALID_ARGUMENT' | 'REENTRANT_CALL';

/** A {@link Batcher} that always answers the same size: the baseline for comparisons. */
declare class FixedBatcher implements Batcher {
    readonly size: number;
    readonly maxSize: number;
    constructor(size: number);
    record(_items: number, _elapsedMs: number, _latencyMs: number): number;
}

/**
 * A clock that moves only when told to, for deterministic tests: `advance(ms)` fires every
 * timer that falls due, in due order (ties in the order they were set), with `now()` reading
 * each timer's due time while its callback runs. Timers set by a callback fire in the same
 * `advance` if they fall inside its window.
 *
 * Single-threaded, like the real timers it stands in for.
 */
declare class ManualClock implements Clock {
    private time;
    private nextId;
    private advancing;
    private readonly timers;
    constructor(startMs?: number);
    now(): number;
    setTimeout(callback: () => void, ms: number): TimerHandle;
    clearTimeout(handle: TimerHandle): void;
    /**
     * Moves time forward by `ms` (0 runs the timers already due), firing due timers on the way.
     * An exception from a callback propagates; the clock then stands at that timer's due time.
     */
    advance(ms: number): void;
    /** How many timers are set and not yet fired or cleared. */
    get pendingTimers(): number;
    /** The due time of the earliest pending timer, or `undefined` when none is pending. */
    get nextDueAt(): number | undefined;
}

/**
 * The real clock: `performance.now()` and the platform timers. Timers are unref'd so a
 * pending linger flush never keeps the process alive; call `close()` on an accumulator
 * before exiting if its last items matter.
 */
declare class SystemClock implements Clock {
    now(): number;
    setTimeout(callback: () => void, ms: number): TimerHandle;
    clearTimeout(handle: TimerHandle): void;
}

export { AdaptiveBatcher, type AdaptiveBatcherOptions, BatchAccumulator, type BatchAccumulatorOptions, type BatchHandler, BatchProcessor, type BatchProcessorOptions, type BatchStats, type Batcher, BatcherError, type BatcherErrorCode, type Clock, type DrainSource, FixedBatcher, type FlushHandler, type FlushReason, ManualClock, SystemClock, type TimerHandle };
