/**
 * The parking protocol of one shared ring (words PARKED and WAKE_COUNT, see layout.ts).
 *
 * A consumer that found nothing calls `prepare()`, re-checks the ring, then either `park()`s or
 * `cancel()`s; a producer calls `notifyIfParked()` after every publish. Because `prepare` counts
 * itself in PARKED before it reads WAKE_COUNT and re-checks, and the producer loads PARKED only
 * after its publishing store, one of the two always sees the other (all Atomics ops are
 * sequentially consistent), so a wake-up is never lost. Producers pay one Atomics.load per
 * publish and call `Atomics.notify` only when someone may be asleep.
 */
declare class WakeSignal {
    #private;
    /** Attaches to the parking words of `buffer`; allocates nothing shared. */
    constructor(buffer: SharedArrayBuffer);
    /**
     * Producers, after their publishing Atomics store. Atomics.load of PARKED; when non-zero,
     * Atomics.add on WAKE_COUNT (so a consumer between `prepare` and `park` does not sleep) and
     * Atomics.notify of one waiter.
     */
    notifyIfParked(): void;
    /**
     * Consumers: announces a possible sleep (Atomics.add on PARKED) and returns the WAKE_COUNT
     * token to pass to `park`. The caller must re-check the ring afterwards, then call exactly one
     * of `park`, `parkAsync` or `cancel`.
     */
    prepare(): number;
    /**
     * Consumers, after `prepare` and a re-check that found nothing: sleeps with Atomics.wait until
     * a producer bumps WAKE_COUNT away from `token`, or `timeoutMs` passes, then leaves the PARKED
     * count. Blocks the thread: use it in workers (on Node's main thread it would stall the event
     * loop). Returns false on timeout.
     */
    park(token: number, timeoutMs: number): boolean;
    /**
     * Like `park`, but with Atomics.waitAsync, so the thread keeps running its event loop. The
     * wait itself does not keep Node alive, so a timer handle is held for the duration.
     * Resolves false on timeout.
     */
    parkAsync(token: number, timeoutMs: number): Promise<boolean>;
    /** Consumers, after `prepare` when the re-check found items: leaves the PARKED count. */
    cancel(): void;
}

/**
 * Role: the consumer side of a shared ring, as seen by a wait strategy. Implemented by
 * `SpscRing`, `MpscRing` and `MpmcQueue`.
 */
interface Waitable {
    /** The ring's parking words; producers notify through it after publishing. */
    readonly wakeSignal: WakeSignal;
    /**
     * Consumer threads only. Whether an item is ready now, by an Atomics.load (acquire) of the
     * word that publishes it. With several consumers (MpmcQueue) a `true` may be stale by the
     * time the caller acts on it.
     */
    hasItems(): boolean;
}

/**
 * Role: how a consumer thread waits for a shared ring to have items (after the Disruptor's
 * `WaitStrategy`). Only consumers wait; producers never block, they get `-1`/`0`/`false` when
 * the ring is full and decide for themselves.
 */
interface WaitStrategy {
    /**
     * Consumer threads only. Returns true as soon as `target.hasItems()`, or false once
     * `timeoutMs` (default: forever) has passed without items.
     */
    waitFor(target: Waitable, timeoutMs?: number): boolean;
}
/** Role: like `WaitStrategy`, for a consumer that must keep its event loop running. */
interface AsyncWaitStrategy {
    /** Consumer threads only. Resolves true when `target.hasItems()`, false after `timeoutMs`. */
    waitForAsync(target: Waitable, timeoutMs?: number): Promise<boolean>;
}

interface AsyncParkOptions {
    /** Polls before parking (default 256). */
    readonly spins?: number;
}
/**
 * Polls briefly, then parks on `Atomics.waitAsync`, so the thread (main thread or a worker
 * with I/O) keeps serving its event loop while it waits. A timer handle is held while parked,
 * because a pending `waitAsync` alone does not keep Node alive.
 */
declare class AsyncParkWaitStrategy implements AsyncWaitStrategy {
    readonly spins: number;
    /** @throws RingBufferError `INVALID_ARGUMENT` unless `spins` is a non-negative integer. */
    constructor(options?: AsyncParkOptions);
    waitForAsync(target: Waitable, timeoutMs?: number): Promise<boolean>;
}

/**
 * Polls the ring without ever sleeping (Disruptor's `BusySpinWaitStrategy`): the lowest
 * wake-up latency, at the price of a whole core. Never parks, so producers never notify.
 */
declare class BusySpinWaitStrategy implements WaitStrategy {
    waitFor(target: Waitable, timeoutMs?: number): boolean;
}

/**
 * Every error this package throws is a `RingBufferError` whose message starts with
 * `@zactor/ringbuffer/<where>: `, so a user can tell at a glance which package complained.
 */
declare class RingBufferError extends Error {
    readonly name: string;
    /** Stable machine-readable code, e.g. `INVALID_CAPACITY`. */
    readonly code: string;
    constructor(where: string, code: string, message: string);
}
/**
 * What a shared ring found impossible in its SharedArrayBuffer (`RingCorruptError.fault`):
 *   - `POSITION`: a position word out of range against the position it is compared with
 *     (SpscRing sequences, MpscRing head/tail), or a misaligned MpscRing head;
 *   - `RECORD_LENGTH`: an MpscRing length word no producer writes (too short, longer than
 *     `maxRecordBytes` allows, running past the end of the buffer or past the tail);
 *   - `TYPE_ID`: an MpscRing type id below -1 (padding);
 *   - `CELL_SEQUENCE`: an MpmcQueue cell sequence that no lap leaves at the position read;
 *   - `CLAIMED_POSITION`: an MpmcQueue cell's claimed position that belongs to another cell.
 */
type RingFault = 'POSITION' | 'RECORD_LENGTH' | 'TYPE_ID' | 'CELL_SEQUENCE' | 'CLAIMED_POSITION';
/**
 * Code `RING_CORRUPT`: a ring read a word of its shared memory that no correct run writes.
 * Hot paths never throw it: they stop in front of the word, return their empty or full
 * sentinel and record it; `corruption()` returns it and `check()` throws it.
 */
declare class RingCorruptError extends RingBufferError {
    readonly name: string;
    readonly fault: RingFault;
    /** Byte offset in the ring's `buffer` of the word found impossible. */
    readonly offset: number;
    /** The Int32 value read there. */
    readonly value: number;
    constructor(where: string, fault: RingFault, offset: number, value: number, detail: string);
}

/**
 * Role: a shared ring object that validates the words it reads from shared memory. When a call
 * finds one that no correct run writes, it neither uses nor skips it: it stops in front of it,
 * returns its empty or full sentinel and records a `RingCorruptError`, and later calls do not
 * go past that point either. Implemented by `SpscRing`, `MpscRing` and `MpmcQueue`. The record
 * is per attached object (plain fields, no shared state), so each thread asks its own.
 */
interface CorruptionReporter {
    /** The thread that owns this object. The first corruption it recorded, or undefined. */
    corruption(): RingCorruptError | undefined;
    /**
     * The thread that owns this object. @throws RingCorruptError if one was recorded. May first
     * run checks too costly for the hot path (MpscRing: the tail against the head).
     */
    check(): void;
}

/**
 * Role: a single-thread FIFO of object references (an actor mailbox).
 *
 * Not thread-safe and not meant to be: every method must be called from the thread that owns
 * the queue. Removing an item clears its slot, so a delivered message can be garbage-collected.
 */
interface HeapQueue<T> {
    /** Number of queued items. */
    readonly size: number;
    /** Appends `item`; returns false when a bounded queue is full (never for an unbounded one). */
    push(item: T): boolean;
    /** Removes and returns the oldest item, or `undefined` when empty. Clears the slot. */
    shift(): T | undefined;
    /** Returns the oldest item without removing it, or `undefined` when empty. */
    peek(): T | undefined;
    /** Removes every item and drops the references to them. */
    clear(): void;
    /**
     * Removes up to `max` items (default: all) in FIFO order and hands each to `handler`;
     * returns how many were handed over. Does not allocate.
     *
     * Re-entrancy: the number of items handed over is bounded by the size at the moment of the
     * call. Each item is removed before `handler` sees it, so the handler may push to, shift
     * from, or clear the same queue; items it pushes stay queued, after the others, for a later
     * call. If `handler` throws, the item it was given is already removed, the rest stay queued,
     * and the error propagates.
     */
    drain(handler: (item: T) => void, max?: number): number;
}

/**
 * A bounded single-thread FIFO of references on a preallocated power-of-two array.
 *
 * State is a masked read index plus a length, not two free-running counters, so every index
 * stays a Smi forever (free-running counters would leave the Smi range after 2^30 pushes and
 * turn the hot path into heap-number arithmetic). The slot array is filled with `undefined`
 * up front so V8 keeps it a packed, non-holey elements array.
 */
declare class FixedHeapQueue<T> implements HeapQueue<T> {
    #private;
    /** Maximum number of items; a power of two. */
    readonly capacity: number;
    /** @throws RingBufferError `INVALID_CAPACITY` unless `capacity` is a power of two in [1, 2^30]. */
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
/** Byte offset of the data area. */
declare const DATA_OFFSET: number;

interface MpmcQueueOptions {
    /** Number of cells; a power of two in [2, 2^30]. */
    readonly capacity: number;
    /** Payload bytes per record; a positive multiple of 4, at most 1 MiB. */
    readonly recordBytes: number;
    /** First position (default 0). Tests start near 2^31 to exercise wrap-around. */
    readonly startPosition?: number;
}
/** Called once per record by `MpmcQueue.drain`; `offset` is a byte offset into `view`. */
type MpmcRecordHandler = (view: DataView, offset: number) => void;
/**
 * A bounded MPMC queue of fixed-size records. Each thread attaches its own `MpmcQueue`; any
 * thread may produce (`tryClaim` → write → `publish`) and any thread may consume
 * (`tryAcquire` → read → `release`, or `drain`). Each record is delivered exactly once; there is
 * no global order across consumers, and a producer's records are dequeued in its publish order
 * but may be processed out of order by different consumers.
 */
declare class MpmcQueue implements Waitable, CorruptionReporter {
    #private;
    readonly buffer: SharedArrayBuffer;
    readonly view: DataView;
    readonly bytes: Uint8Array;
    readonly int32: Int32Array;
    readonly capacity: number;
    readonly recordBytes: number;
    /** Bytes from one cell to the next (header + payload, rounded up to 8). */
    readonly cellBytes: number;
    readonly wakeSignal: WakeSignal;
    /** Bytes `create` allocates for these options. @throws RingBufferError on invalid options. */
    static bytesFor(capacity: number, recordBytes: number): number;
    /** Allocates and initialises a new queue; post `queue.buffer` to the other threads. */
    static create(options: MpmcQueueOptions): MpmcQueue;
    /**
     * Attaches to a buffer made by `MpmcQueue.create`; allocates no shared memory.
     * @throws RingBufferError `INVALID_BUFFER` when the buffer is not one.
     */
    static attach(buffer: SharedArrayBuffer): MpmcQueue;
    private constructor();
    /**
     * Any thread. Claims the cell of the next enqueue position (CAS) and returns its payload's
     * byte offset in `view`/`bytes`, or -1 when the queue is full. The cell's sequence is read
     * with Atomics.load (acquire: the consumer of the previous lap is done with it). An
     * impossible sequence returns -1 and is recorded (`corruption()`), as is every call after.
     */
    tryClaim(): number;
    /**
     * The thread that claimed `offset`. Publishes the record by storing the cell's sequence with
     * Atomics.store (release: the payload's plain writes happen-before a consumer's Atomics.load
     * that sees it), then notifies a parked consumer if there is one. Returns true; false when
     * the cell's claimed position belongs to another cell (corrupt memory, or an offset that is
     * not a cell's payload), which publishes nothing and is recorded (`corruption()`).
     */
    publish(offset: number): boolean;
    /** Any thread. Claims, stores `value` in the record's first Int32 word, publishes. */
    offerInt32(value: number): boolean;
    /**
     * Any thread. Takes the cell of the next dequeue position (CAS) and returns its payload's
     * byte offset, or -1 when empty (or the next record is claimed but not yet published). The
     * cell's sequence is read with Atomics.load (acquire: the producer's writes are visible). An
     * impossible sequence returns -1 and is recorded (`corruption()`), as is every call after.
     */
    tryAcquire(): number;
    /**
     * The thread that acquired `offset`, once done reading. Frees the cell for the producer of
     * the next lap with an Atomics.store of its sequence (release: the reads are done). Returns
     * true; false when the cell's claimed position belongs to another cell (corrupt memory, or an
     * offset that is not a cell's payload), which frees nothing and is recorded.
     */
    release(offset: number): boolean;
    /**
     * Any thread. Takes up to `max` (default: capacity) records one by one, hands each to
     * `handler` and releases it; returns how many. If `handler` throws, its record is released
     * and the error propagates. Does not allocate. Stops after a record whose cell turns out
     * corrupt at release (recorded, as with `tryAcquire`).
     */
    drain(handler: MpmcRecordHandler, max?: number): number;
    /**
     * Any consumer thread. Whether the next dequeue position holds a published record
     * (Atomics.loads); another consumer may take it first, so `true` can be stale. False once a
     * corruption is recorded; a sequence ahead of an unchanged position is recorded as one.
     */
    hasItems(): boolean;
    /**
     * Any thread. Claimed-but-not-dequeued count from two Atomics.loads; stale at once, and
     * meaningless when the positions are corrupt.
     */
    get size(): number;
    /** The thread that owns this object. The first corruption it recorded, or undefined. */
    corruption(): RingCorruptError | undefined;
    /** The thread that owns this object. @throws RingCorruptError if one was recorded. */
    check(): void;
}

interface MpscRingOptions {
    /** Size of the record area in bytes; a power of two in [64, 2^30]. */
    readonly capacityBytes: number;
    /** First byte position, a multiple of 8 (default 0). Tests start near 2^31 for wrap-around. */
    readonly startPosition?: number;
}
/**
 * Called once per record by `MpscRing.drain`: the record's type id, and its payload as `length`
 * bytes at byte `offset` of `view` (valid only during the call; the region is zeroed after).
 */
type MpscRecordHandler = (typeId: number, view: DataView, offset: number, length: number) => void;
/**
 * A bounded MPSC ring of variable-length, typed records: every worker's inbox.
 *
 * Each thread attaches its own `MpscRing` to the same buffer. Any number of threads may produce
 * (`tryClaim` → write the payload in place → `commit`); exactly one thread consumes (`drain`).
 * Records are delivered in claim order, so each producer's records keep their order.
 */
declare class MpscRing implements Waitable, CorruptionReporter {
    #private;
    readonly buffer: SharedArrayBuffer;
    readonly view: DataView;
    readonly bytes: Uint8Array;
    readonly int32: Int32Array;
    readonly capacityBytes: number;
    /** Largest payload a record may carry: capacityBytes / 8, as in Agrona. */
    readonly maxRecordBytes: number;
    readonly wakeSignal: WakeSignal;
    /** Bytes `create` allocates for this capacity. @throws RingBufferError `INVALID_CAPACITY`. */
    static bytesFor(capacityBytes: number): number;
    /** Allocates and initialises a new ring; post `ring.buffer` to the other threads. */
    static create(options: MpscRingOptions): MpscRing;
    /**
     * Attaches to a buffer made by `MpscRing.create`; allocates no shared memory.
     * @throws RingBufferError `INVALID_BUFFER` when the buffer is not one.
     */
    static attach(buffer: SharedArrayBuffer): MpscRing;
    private constructor();
    /**
     * Any producer thread. Claims room for a record of `typeId` with a `length`-byte payload and
     * returns the payload's byte offset in `view`/`bytes` (8-byte aligned), or -1 when the ring
     * is full. The claim is a CAS on the tail; the head is read (Atomics.load) only when the
     * shared head cache says full. The record is invisible to the consumer until `commit` (or
     * `abort`), and blocks every record after it until then, so commit promptly.
     * @throws RingBufferError `RECORD_TOO_LARGE` when `length` > `maxRecordBytes`,
     *   `INVALID_ARGUMENT` for a negative or fractional length, `INVALID_TYPE_ID` unless
     *   `typeId` is an integer in [0, 2^31 - 1].
     */
    tryClaim(typeId: number, length: number): number;
    /**
     * The producer that claimed `offset`. Publishes the record by storing its length with
     * Atomics.store (release: the payload's plain writes happen-before the consumer's
     * Atomics.load that sees a positive length), then notifies the consumer if it is parked.
     * @throws RingBufferError `NOT_CLAIMED` when `offset` is not a pending claim.
     */
    commit(offset: number): void;
    /**
     * The producer that claimed `offset`, instead of `commit` when it cannot finish the record:
     * turns it into padding (Atomics.store of the length) so the consumer skips it and is not
     * blocked. @throws RingBufferError `NOT_CLAIMED` when `offset` is not a pending claim.
     */
    abort(offset: number): void;
    /**
     * The consumer thread only. Hands up to `max` (default: all) committed records, in claim
     * order, to `handler`; stops at the first record not yet committed. Consumed bytes are zeroed
     * and then released with one Atomics.store of the head per contiguous block (two when the
     * drain crosses the end of the buffer). If `handler` throws, the records up to and including
     * the one it was given are released and the error propagates. Does not allocate.
     *
     * A header no producer writes (see `RingCorruptError`) stops the drain in front of it: the
     * records before it are delivered and released, it and everything after stay in place, the
     * corruption is recorded (`corruption()`), and every later drain returns 0.
     */
    drain(handler: MpscRecordHandler, max?: number): number;
    /**
     * A new consumer thread, before its first drain, when the previous consumer may have died
     * (e.g. a restarted worker). Finishes a drain its predecessor died in the middle of ending
     * (DRAIN_PENDING set: zero the consumed bytes, store the head; see layout.ts) and returns
     * whether there was one. Records the predecessor handled but did not get to mark consumed
     * are handed out again by the next drain (at least once). A DRAIN_END that no drain could
     * have written is recorded as a corruption (RingCorruptError) and nothing is changed.
     */
    recoverConsumer(): boolean;
    /**
     * The consumer thread only. Whether the record at the head is committed (Atomics.load);
     * false once a corruption is recorded. The header is checked by `drain`, not here.
     */
    hasItems(): boolean;
    /** Any thread. Bytes claimed and not yet consumed (two Atomics.loads; stale at once). */
    get usedBytes(): number;
    /** The thread that owns this object. The first corruption it recorded, or undefined. */
    corruption(): RingCorruptError | undefined;
    /**
     * The consumer thread (any thread before its first drain). Throws the recorded
     * RingCorruptError, if any. In a consumer (an object that has drained) it first checks what
     * `drain` leaves out for speed: an Atomics.load of the tail, which must be a multiple of 8 and
     * 0..capacityBytes ahead of the head. A tail behind the head also catches a consumer that a
     * corrupt but possible length carried past the records published so far, where it would
     * otherwise wait at free space forever. Cheap, but it reads the producers' line: call it when
     * a wait times out, say, rather than after every empty drain.
     * @throws RingCorruptError
     */
    check(): void;
}

/**
 * An unbounded single-thread FIFO of references. `push` never fails.
 *
 * Invariants: items live in the chain `#head -> ... -> #tail`; every segment but the tail is
 * full up to `segmentSize`; the head segment has `read < write` unless the queue is empty, in
 * which case it is also the tail with `read === write === 0` (so a queue that keeps emptying
 * stays in one segment and never allocates).
 */
declare class SegmentedHeapQueue<T> implements HeapQueue<T> {
    #private;
    /** Slots per segment; a power of two. */
    readonly segmentSize: number;
    /** @throws RingBufferError `INVALID_CAPACITY` unless `segmentSize` is a power of two in [2, 2^30]. */
    constructor(segmentSize?: number);
    get size(): number;
    push(item: T): boolean;
    shift(): T | undefined;
    peek(): T | undefined;
    clear(): void;
    drain(handler: (item: T) => void, max?: number): number;
}

interface SpinThenParkOptions {
    /** Polls before parking (default 4096, roughly tens of microseconds). */
    readonly spins?: number;
}
/**
 * Polls `spins` times, then sleeps in `Atomics.wait` until a producer notifies (the
 * Disruptor's `SleepingWaitStrategy`/`BlockingWaitStrategy` hybrid). Blocks the calling
 * thread, so it belongs in a worker that owns no I/O; use `AsyncParkWaitStrategy` where the
 * event loop must keep running.
 */
declare class SpinThenParkWaitStrategy implements WaitStrategy {
    readonly spins: number;
    /** @throws RingBufferError `INVALID_ARGUMENT` unless `spins` is a non-negative integer. */
    constructor(options?: SpinThenParkOptions);
    waitFor(target: Waitable, timeoutMs?: number): boolean;
}

interface SpscRingOptions {
    /** Number of records; a power of two in [1, 2^30]. */
    readonly capacity: number;
    /** Bytes per record; a positive multiple of 4 (so records are Int32-aligned), at most 1 MiB. */
    readonly recordBytes: number;
    /** First sequence (default 0). Tests start near 2^31 to exercise wrap-around. */
    readonly startPosition?: number;
}
/** Called once per record by `SpscRing.drain`; `offset` is a byte offset into `view`. */
type SpscRecordHandler = (view: DataView, offset: number, sequence: number) => void;
/**
 * A bounded SPSC ring of `capacity` records of `recordBytes` bytes, shared between two threads.
 *
 * Each thread attaches its own `SpscRing` object to the same buffer: one thread calls only the
 * producer methods, one thread only the consumer methods. Records are written and read in place
 * through `view`/`bytes`/`int32` (all over the whole buffer) at `offsetOf(sequence)`.
 */
declare class SpscRing implements Waitable, CorruptionReporter {
    #private;
    readonly buffer: SharedArrayBuffer;
    readonly view: DataView;
    readonly bytes: Uint8Array;
    readonly int32: Int32Array;
    readonly capacity: number;
    readonly recordBytes: number;
    readonly wakeSignal: WakeSignal;
    /** Bytes `create` allocates for these options. @throws RingBufferError on invalid options. */
    static bytesFor(capacity: number, recordBytes: number): number;
    /** Allocates and initialises a new ring; post `ring.buffer` to the other thread. */
    static create(options: SpscRingOptions): SpscRing;
    /**
     * Attaches to a buffer made by `SpscRing.create` (in this or another thread); allocates no
     * shared memory. @throws RingBufferError `INVALID_BUFFER` when the buffer is not one.
     */
    static attach(buffer: SharedArrayBuffer): SpscRing;
    private constructor();
    /** Byte offset of the record of `sequence` in `view` / `bytes` (divide by 4 for `int32`). */
    offsetOf(sequence: number): number;
    /**
     * Producer thread only. Claims exactly `n` records (1 <= n <= capacity) and returns `n`, or
     * returns 0 when fewer than `n` are free. The claimed sequences start at `claimedSequence`.
     * Reads the consumer's sequence (Atomics.load) only when the cached one says full, and
     * returns 0 (recording a `RingCorruptError`) when that sequence is impossible.
     * @throws RingBufferError `INVALID_ARGUMENT` when `n` is not in [1, capacity].
     */
    tryClaim(n: number): number;
    /**
     * Producer thread only. Claims as many records as are free, up to `max` and up to the end of
     * the buffer, and returns how many (0 when full). The claimed records are contiguous: record
     * `k` is at `offsetOf(claimedSequence) + k * recordBytes`, so a batch is one tight loop; a
     * batch that reaches the end of the buffer is cut there and the next claim starts at the front.
     * Reads the consumer's sequence (Atomics.load) only when the cached one is not enough; an
     * impossible one is recorded (`corruption()`) and the cached one is used instead.
     */
    tryClaimUpTo(max: number): number;
    /** Producer thread only. First sequence of the latest successful claim. */
    get claimedSequence(): number;
    /**
     * Producer thread only. Publishes every record claimed so far with one Atomics.store of the
     * producer sequence (release: the plain writes of the records happen-before the consumer's
     * Atomics.load that sees it), then notifies the consumer if it is parked.
     */
    publish(): void;
    /**
     * Producer thread only. Claims one record, stores `value` in its first Int32 word and
     * publishes it (with anything claimed before) as `publish` does. Returns false when full
     * (or when the consumer's sequence is impossible, recorded as for `tryClaim`).
     */
    offerInt32(value: number): boolean;
    /**
     * Consumer thread only. Acquires up to `max` published records, up to the end of the buffer,
     * and returns how many (0 when empty). Like claims, they are contiguous from
     * `offsetOf(acquiredSequence)` and stay valid until `release`. Reads the producer sequence
     * with Atomics.load (acquire) only when the cached one is not enough. An impossible producer
     * sequence (more than `capacity` ahead, or behind the last one seen) is never used: it is
     * recorded (`corruption()`), the records already known are still handed out, then 0.
     */
    tryAcquire(max: number): number;
    /** Consumer thread only. First sequence of the latest successful `tryAcquire`. */
    get acquiredSequence(): number;
    /**
     * Consumer thread only. Hands every acquired record back to the producer with one
     * Atomics.store of the consumer sequence (release: the consumer's reads are done).
     */
    release(): void;
    /**
     * Consumer thread only. Hands up to `max` (default: capacity) published records to
     * `handler` in order, then releases them all with one store; returns how many. If `handler`
     * throws, the records up to and including the one it was given are released and the error
     * propagates. Does not allocate. Reads the producer sequence as `tryAcquire` does, and like
     * it never uses an impossible one.
     */
    drain(handler: SpscRecordHandler, max?: number): number;
    /**
     * Consumer thread only. Whether `drain` would deliver a record now: the cached producer
     * sequence, else an Atomics.load (acquire) of it; an impossible one counts as none.
     */
    hasItems(): boolean;
    /**
     * Any thread. Published but not yet released records, from two Atomics.loads; stale as
     * soon as it returns, and meaningless when the positions are corrupt.
     */
    get size(): number;
    /** The thread that owns this object. The first corruption it recorded, or undefined. */
    corruption(): RingCorruptError | undefined;
    /** The thread that owns this object. @throws RingCorruptError if one was recorded. */
    check(): void;
}

export { type AsyncParkOptions, AsyncParkWaitStrategy, type AsyncWaitStrategy, BusySpinWaitStrategy, CONSUMER_POSITION_INDEX, type CorruptionReporter, DATA_OFFSET, DRAIN_END_INDEX, DRAIN_PENDING_INDEX, FixedHeapQueue, type HeapQueue, MpmcQueue, type MpmcQueueOptions, type MpmcRecordHandler, type MpscRecordHandler, MpscRing, type MpscRingOptions, PRODUCER_POSITION_INDEX, RingBufferError, RingCorruptError, type RingFault, SegmentedHeapQueue, type SpinThenParkOptions, SpinThenParkWaitStrategy, type SpscRecordHandler, SpscRing, type SpscRingOptions, type WaitStrategy, type Waitable, WakeSignal };
