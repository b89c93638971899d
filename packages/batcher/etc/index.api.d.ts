interface Batcher {
    readonly size: number;
    readonly maxSize: number;
    record(items: number, elapsedMs: number, latencyMs: number): number;
}
interface AdaptiveBatcherOptions {
    readonly minSize: number;
    readonly maxSize: number;
    readonly initialSize?: number;
    readonly targetLatencyMs: number;
    readonly targetThroughput?: number;
    readonly smoothing?: number;
    readonly tolerance?: number;
    readonly gain?: number;
    readonly maxDecrease?: number;
    readonly outlierClip?: number;
}
declare class AdaptiveBatcher implements Batcher {
    readonly minSize: number;
    readonly maxSize: number;
    readonly initialSize: number;
    readonly targetLatencyMs: number;
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
    get averageLatencyMs(): number;
    get averageThroughput(): number;
    get samples(): number;
    record(items: number, elapsedMs: number, latencyMs: number): number;
    private observe;
    private throughput;
}
interface BatchStats {
    items: number;
    requested: number;
    elapsedMs: number;
    latencyMs: number;
    nextSize: number;
}
type TimerHandle = object | number;
interface Clock {
    now(): number;
    setTimeout(callback: () => void, ms: number): TimerHandle;
    clearTimeout(handle: TimerHandle): void;
}
type FlushReason = "size" | "linger" | "flush" | "close";
type FlushHandler<T> = (items: readonly T[], count: number, reason: FlushReason) => void;
interface BatchAccumulatorOptions<T> {
    readonly size: number | Batcher;
    readonly lingerMs: number;
    readonly onFlush: FlushHandler<T>;
    readonly clock?: Clock;
    readonly onStats?: (stats: Readonly<BatchStats>) => void;
    readonly onError?: (error: unknown, reason: FlushReason) => void;
}
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
    get pending(): number;
    get size(): number;
    get closed(): boolean;
    add(item: T): boolean;
    flush(): number;
    close(): number;
    private startBatch;
    private lingerExpired;
    private flushBatches;
    private flushOne;
}
type BatchHandler<T> = (items: readonly T[], count: number) => void;
interface DrainSource<T> {
    drain(handler: (item: T) => void, max?: number): number;
}
interface BatchProcessorOptions<T> {
    readonly source: DrainSource<T>;
    readonly batcher: Batcher;
    readonly handler: BatchHandler<T>;
    readonly clock?: Clock;
    readonly enqueuedAt?: (item: T) => number;
    readonly onStats?: (stats: Readonly<BatchStats>) => void;
}
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
    get lastBatch(): Readonly<BatchStats>;
    get batches(): number;
    get items(): number;
    runOnce(): number;
}
declare class BatcherError extends Error {
    readonly name: string;
    readonly code: string;
    constructor(where: string, code: string, message: string);
}
type BatcherErrorCode = "INVALID_SIZE" | "INVALID_RANGE" | "INVALID_TARGET" | "INVALID_OPTION" | "INVALID_ARGUMENT" | "REENTRANT_CALL";
declare class FixedBatcher implements Batcher {
    readonly size: number;
    readonly maxSize: number;
    constructor(size: number);
    record(_items: number, _elapsedMs: number, _latencyMs: number): number;
}
declare class ManualClock implements Clock {
    private time;
    private nextId;
    private advancing;
    private readonly timers;
    constructor(startMs?: number);
    now(): number;
    setTimeout(callback: () => void, ms: number): TimerHandle;
    clearTimeout(handle: TimerHandle): void;
    advance(ms: number): void;
    get pendingTimers(): number;
    get nextDueAt(): number | undefined;
}
declare class SystemClock implements Clock {
    now(): number;
    setTimeout(callback: () => void, ms: number): TimerHandle;
    clearTimeout(handle: TimerHandle): void;
}
export { AdaptiveBatcher, type AdaptiveBatcherOptions, BatchAccumulator, type BatchAccumulatorOptions, type BatchHandler, BatchProcessor, type BatchProcessorOptions, type BatchStats, type Batcher, BatcherError, type BatcherErrorCode, type Clock, type DrainSource, FixedBatcher, type FlushHandler, type FlushReason, ManualClock, SystemClock, type TimerHandle };
