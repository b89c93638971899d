declare class WakeSignal {
    #private;
    constructor(buffer: SharedArrayBuffer);
    notifyIfParked(): void;
    prepare(): number;
    park(token: number, timeoutMs: number): boolean;
    parkAsync(token: number, timeoutMs: number): Promise<boolean>;
    cancel(): void;
}
interface Waitable {
    readonly wakeSignal: WakeSignal;
    hasItems(): boolean;
}
interface WaitStrategy {
    waitFor(target: Waitable, timeoutMs?: number): boolean;
}
interface AsyncWaitStrategy {
    waitForAsync(target: Waitable, timeoutMs?: number): Promise<boolean>;
}
interface AsyncParkOptions {
    readonly spins?: number;
}
declare class AsyncParkWaitStrategy implements AsyncWaitStrategy {
    readonly spins: number;
    constructor(options?: AsyncParkOptions);
    waitForAsync(target: Waitable, timeoutMs?: number): Promise<boolean>;
}
declare class BusySpinWaitStrategy implements WaitStrategy {
    waitFor(target: Waitable, timeoutMs?: number): boolean;
}
declare class RingBufferError extends Error {
    readonly name: string;
    readonly code: string;
    constructor(where: string, code: string, message: string);
}
type RingFault = "POSITION" | "RECORD_LENGTH" | "TYPE_ID" | "CELL_SEQUENCE" | "CLAIMED_POSITION";
declare class RingCorruptError extends RingBufferError {
    readonly name: string;
    readonly fault: RingFault;
    readonly offset: number;
    readonly value: number;
    constructor(where: string, fault: RingFault, offset: number, value: number, detail: string);
}
interface CorruptionReporter {
    corruption(): RingCorruptError | undefined;
    check(): void;
}
interface HeapQueue<T> {
    readonly size: number;
    push(item: T): boolean;
    shift(): T | undefined;
    peek(): T | undefined;
    clear(): void;
    drain(handler: (item: T) => void, max?: number): number;
}
declare class FixedHeapQueue<T> implements HeapQueue<T> {
    #private;
    readonly capacity: number;
    constructor(capacity: number);
    get size(): number;
    push(item: T): boolean;
    shift(): T | undefined;
    peek(): T | undefined;
    clear(): void;
    drain(handler: (item: T) => void, max?: number): number;
}
declare const PRODUCER_POSITION_INDEX: number;
declare const CONSUMER_POSITION_INDEX: number;
declare const DRAIN_PENDING_INDEX: number;
declare const DRAIN_END_INDEX: number;
declare const DATA_OFFSET: number;
declare class MpmcThreadSlot {
    #private;
    readonly words: Int32Array;
    readonly claimWord: number;
    readonly acquireWord: number;
    constructor(words: Int32Array, thread: number);
    noteClaim(position: number): void;
    claimLost(): void;
    noteAcquire(position: number): void;
    acquireLost(): void;
}
declare class MpmcClaimLog {
    #private;
    readonly buffer: SharedArrayBuffer;
    readonly words: Int32Array;
    readonly threads: number;
    static create(threads: number): MpmcClaimLog;
    static attach(buffer: SharedArrayBuffer): MpmcClaimLog;
    private constructor();
    slot(thread: number): MpmcThreadSlot;
    claimOf(thread: number): number | undefined;
    acquireOf(thread: number): number | undefined;
    forget(thread: number): void;
}
interface MpmcQueueOptions {
    readonly capacity: number;
    readonly recordBytes: number;
    readonly startPosition?: number;
}
type MpmcRecordHandler = (view: DataView, offset: number) => void;
declare class MpmcQueue implements Waitable, CorruptionReporter {
    #private;
    readonly buffer: SharedArrayBuffer;
    readonly view: DataView;
    readonly bytes: Uint8Array;
    readonly int32: Int32Array;
    readonly capacity: number;
    readonly recordBytes: number;
    readonly cellBytes: number;
    readonly wakeSignal: WakeSignal;
    static bytesFor(capacity: number, recordBytes: number): number;
    static create(options: MpmcQueueOptions): MpmcQueue;
    static attach(buffer: SharedArrayBuffer): MpmcQueue;
    private constructor();
    tryClaim(slot?: MpmcThreadSlot): number;
    publish(offset: number): boolean;
    offerInt32(value: number, slot?: MpmcThreadSlot): boolean;
    tryAcquire(slot?: MpmcThreadSlot): number;
    release(offset: number): boolean;
    drain(handler: MpmcRecordHandler, max?: number, slot?: MpmcThreadSlot): number;
    hasItems(): boolean;
    get size(): number;
    corruption(): RingCorruptError | undefined;
    check(): void;
}
type MpmcOrphanHandler = (view: DataView, offset: number) => void;
type MpmcSettleOutcome = "settled" | "wait";
declare class MpmcOrphans {
    #private;
    readonly queue: MpmcQueue;
    readonly log: MpmcClaimLog;
    readonly thread: number;
    claim: number | undefined;
    acquire: number | undefined;
    skipped: number;
    taken: number;
    static of(queue: MpmcQueue, log: MpmcClaimLog, thread: number): MpmcOrphans;
    private constructor();
    get settled(): boolean;
    settle(skip: MpmcOrphanHandler, take: MpmcOrphanHandler): MpmcSettleOutcome;
}
interface MpscRingOptions {
    readonly capacityBytes: number;
    readonly startPosition?: number;
}
type MpscRecordHandler = (typeId: number, view: DataView, offset: number, length: number) => void;
declare class MpscRing implements Waitable, CorruptionReporter {
    #private;
    readonly buffer: SharedArrayBuffer;
    readonly view: DataView;
    readonly bytes: Uint8Array;
    readonly int32: Int32Array;
    readonly capacityBytes: number;
    readonly maxRecordBytes: number;
    readonly wakeSignal: WakeSignal;
    static bytesFor(capacityBytes: number): number;
    static create(options: MpscRingOptions): MpscRing;
    static attach(buffer: SharedArrayBuffer): MpscRing;
    private constructor();
    tryClaim(typeId: number, length: number): number;
    commit(offset: number): void;
    commitQuietly(offset: number): void;
    wakeConsumer(): void;
    abort(offset: number): void;
    drain(handler: MpscRecordHandler, max?: number): number;
    recoverConsumer(): boolean;
    hasItems(): boolean;
    get usedBytes(): number;
    corruption(): RingCorruptError | undefined;
    check(): void;
}
declare class SegmentedHeapQueue<T> implements HeapQueue<T> {
    #private;
    readonly segmentSize: number;
    constructor(segmentSize?: number);
    get size(): number;
    push(item: T): boolean;
    shift(): T | undefined;
    peek(): T | undefined;
    clear(): void;
    drain(handler: (item: T) => void, max?: number): number;
}
interface SpinThenParkOptions {
    readonly spins?: number;
}
declare class SpinThenParkWaitStrategy implements WaitStrategy {
    readonly spins: number;
    constructor(options?: SpinThenParkOptions);
    waitFor(target: Waitable, timeoutMs?: number): boolean;
}
interface SpscRingOptions {
    readonly capacity: number;
    readonly recordBytes: number;
    readonly startPosition?: number;
}
type SpscRecordHandler = (view: DataView, offset: number, sequence: number) => void;
declare class SpscRing implements Waitable, CorruptionReporter {
    #private;
    readonly buffer: SharedArrayBuffer;
    readonly view: DataView;
    readonly bytes: Uint8Array;
    readonly int32: Int32Array;
    readonly capacity: number;
    readonly recordBytes: number;
    readonly wakeSignal: WakeSignal;
    static bytesFor(capacity: number, recordBytes: number): number;
    static create(options: SpscRingOptions): SpscRing;
    static attach(buffer: SharedArrayBuffer): SpscRing;
    private constructor();
    offsetOf(sequence: number): number;
    tryClaim(n: number): number;
    tryClaimUpTo(max: number): number;
    get claimedSequence(): number;
    publish(): void;
    offerInt32(value: number): boolean;
    tryAcquire(max: number): number;
    get acquiredSequence(): number;
    release(): void;
    drain(handler: SpscRecordHandler, max?: number): number;
    hasItems(): boolean;
    get size(): number;
    corruption(): RingCorruptError | undefined;
    check(): void;
}
export { type AsyncParkOptions, AsyncParkWaitStrategy, type AsyncWaitStrategy, BusySpinWaitStrategy, CONSUMER_POSITION_INDEX, type CorruptionReporter, DATA_OFFSET, DRAIN_END_INDEX, DRAIN_PENDING_INDEX, FixedHeapQueue, type HeapQueue, MpmcClaimLog, type MpmcOrphanHandler, MpmcOrphans, MpmcQueue, type MpmcQueueOptions, type MpmcRecordHandler, type MpmcSettleOutcome, MpmcThreadSlot, type MpscRecordHandler, MpscRing, type MpscRingOptions, PRODUCER_POSITION_INDEX, RingBufferError, RingCorruptError, type RingFault, SegmentedHeapQueue, type SpinThenParkOptions, SpinThenParkWaitStrategy, type SpscRecordHandler, SpscRing, type SpscRingOptions, type WaitStrategy, type Waitable, WakeSignal };
