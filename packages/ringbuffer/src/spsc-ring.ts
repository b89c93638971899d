/*
 * Single-producer single-consumer ring of fixed-size records in a SharedArrayBuffer, after the
 * LMAX Disruptor (Thompson et al., "Disruptor: High performance alternative to bounded queues
 * for exchanging data between concurrent threads", 2011): free-running sequences on separate
 * cache lines, each side caching the other's last-seen sequence (the "gating" sequence) so it
 * touches the other side's line only when it looks full/empty, and batch claim/publish so a
 * batch costs one publishing store.
 *
 * Corruption: a side trusts the other's position only after checking, at each Atomics.load of
 * it, that the distance between the two is within [0, capacity] and that it did not move back
 * from the cached copy; the caches start as "nothing known", so the first call loads and
 * checks. Record contents are not checked (no checksum).
 */
import {
  allocateControlBlock,
  checkStartPosition,
  readControlBlock,
  validateHeader,
} from './control-block.js';
import type { CorruptionReporter } from './corruption-reporter.js';
import { RingBufferError, RingCorruptError } from './errors.js';
import {
  CONSUMER_POSITION_INDEX,
  DATA_OFFSET,
  PRODUCER_POSITION_INDEX,
  SPSC_MAGIC,
} from './layout.js';
import { assertPowerOfTwo } from './power-of-two.js';
import { assertRecordBytes } from './record-bytes.js';
import type { Waitable } from './waitable.js';
import { WakeSignal } from './wake-signal.js';

/** Upper bound on the data area, so every byte offset stays a small integer. */
const MAX_DATA_BYTES = 0x40000000;

export interface SpscRingOptions {
  /** Number of records; a power of two in [1, 2^30]. */
  readonly capacity: number;
  /** Bytes per record; a positive multiple of 4 (so records are Int32-aligned), at most 1 MiB. */
  readonly recordBytes: number;
  /** First sequence (default 0). Tests start near 2^31 to exercise wrap-around. */
  readonly startPosition?: number;
}

/** Called once per record by `SpscRing.drain`; `offset` is a byte offset into `view`. */
export type SpscRecordHandler = (view: DataView, offset: number, sequence: number) => void;

/**
 * A bounded SPSC ring of `capacity` records of `recordBytes` bytes, shared between two threads.
 *
 * Each thread attaches its own `SpscRing` object to the same buffer: one thread calls only the
 * producer methods, one thread only the consumer methods. Records are written and read in place
 * through `view`/`bytes`/`int32` (all over the whole buffer) at `offsetOf(sequence)`.
 */
export class SpscRing implements Waitable, CorruptionReporter {
  readonly buffer: SharedArrayBuffer;
  readonly view: DataView;
  readonly bytes: Uint8Array;
  readonly int32: Int32Array;
  readonly capacity: number;
  readonly recordBytes: number;
  readonly wakeSignal: WakeSignal;
  readonly #mask: number;
  // Producer-local state.
  #claimStart: number;
  #claimEnd: number;
  #cachedConsumer: number;
  // Consumer-local state.
  #acquireStart: number;
  #acquireEnd: number;
  #cachedProducer: number;
  #corruption: RingCorruptError | undefined;

  /** Bytes `create` allocates for these options. @throws RingBufferError on invalid options. */
  static bytesFor(capacity: number, recordBytes: number): number {
    return SpscRing.#checkedBytes('SpscRing.bytesFor', capacity, recordBytes);
  }

  /** Allocates and initialises a new ring; post `ring.buffer` to the other thread. */
  static create(options: SpscRingOptions): SpscRing {
    const { capacity, recordBytes, startPosition = 0 } = options;
    const total = SpscRing.#checkedBytes('SpscRing.create', capacity, recordBytes);
    checkStartPosition('SpscRing.create', startPosition);
    return new SpscRing(
      allocateControlBlock(SPSC_MAGIC, capacity, recordBytes, total, startPosition),
      capacity,
      recordBytes,
    );
  }

  /**
   * Attaches to a buffer made by `SpscRing.create` (in this or another thread); allocates no
   * shared memory. @throws RingBufferError `INVALID_BUFFER` when the buffer is not one.
   */
  static attach(buffer: SharedArrayBuffer): SpscRing {
    const where = 'SpscRing.attach';
    const { capacity, recordBytes } = readControlBlock(where, buffer, SPSC_MAGIC);
    const total = validateHeader(where, () => SpscRing.#checkedBytes(where, capacity, recordBytes));
    if (total !== buffer.byteLength) {
      throw new RingBufferError(where, 'INVALID_BUFFER', `size ${buffer.byteLength} != ${total}`);
    }
    return new SpscRing(buffer, capacity, recordBytes);
  }

  static #checkedBytes(where: string, capacity: number, recordBytes: number): number {
    assertPowerOfTwo(where, 'capacity', capacity, 1, MAX_DATA_BYTES);
    assertRecordBytes(where, recordBytes);
    if (capacity * recordBytes > MAX_DATA_BYTES) {
      throw new RingBufferError(
        where,
        'INVALID_CAPACITY',
        `capacity * recordBytes (${capacity * recordBytes}) exceeds ${MAX_DATA_BYTES} bytes`,
      );
    }
    return DATA_OFFSET + capacity * recordBytes;
  }

  private constructor(buffer: SharedArrayBuffer, capacity: number, recordBytes: number) {
    this.buffer = buffer;
    this.view = new DataView(buffer);
    this.bytes = new Uint8Array(buffer);
    this.int32 = new Int32Array(buffer);
    this.capacity = capacity;
    this.recordBytes = recordBytes;
    this.wakeSignal = new WakeSignal(buffer);
    this.#mask = capacity - 1;
    const produced = Atomics.load(this.int32, PRODUCER_POSITION_INDEX);
    const consumed = Atomics.load(this.int32, CONSUMER_POSITION_INDEX);
    this.#claimStart = this.#claimEnd = produced;
    // Both caches start as "nothing known" (full / empty), so each side's first call loads the
    // other's position and checks it before trusting it.
    this.#cachedConsumer = (produced - capacity) | 0;
    this.#acquireStart = this.#acquireEnd = consumed;
    this.#cachedProducer = consumed;
  }

  /** Byte offset of the record of `sequence` in `view` / `bytes` (divide by 4 for `int32`). */
  offsetOf(sequence: number): number {
    return DATA_OFFSET + (sequence & this.#mask) * this.recordBytes;
  }

  // ---- producer ----------------------------------------------------------------------------

  /**
   * Producer thread only. Claims exactly `n` records (1 <= n <= capacity) and returns `n`, or
   * returns 0 when fewer than `n` are free. The claimed sequences start at `claimedSequence`.
   * Reads the consumer's sequence (Atomics.load) only when the cached one says full, and
   * returns 0 (recording a `RingCorruptError`) when that sequence is impossible.
   * @throws RingBufferError `INVALID_ARGUMENT` when `n` is not in [1, capacity].
   */
  tryClaim(n: number): number {
    const end = (this.#claimEnd + n) | 0;
    if (
      ((end - this.#cachedConsumer) | 0) <= this.capacity &&
      n >= 1 &&
      n <= this.capacity &&
      (n | 0) === n
    ) {
      this.#claimStart = this.#claimEnd;
      this.#claimEnd = end;
      return n;
    }
    if (!(n >= 1 && n <= this.capacity && (n | 0) === n)) this.#badCount('tryClaim', n);
    if (!this.#loadConsumer('SpscRing.tryClaim')) return 0;
    if (((end - this.#cachedConsumer) | 0) > this.capacity) return 0;
    this.#claimStart = this.#claimEnd;
    this.#claimEnd = end;
    return n;
  }

  /**
   * Producer thread only. Claims as many records as are free, up to `max` and up to the end of
   * the buffer, and returns how many (0 when full). The claimed records are contiguous: record
   * `k` is at `offsetOf(claimedSequence) + k * recordBytes`, so a batch is one tight loop; a
   * batch that reaches the end of the buffer is cut there and the next claim starts at the front.
   * Reads the consumer's sequence (Atomics.load) only when the cached one is not enough; an
   * impossible one is recorded (`corruption()`) and the cached one is used instead.
   */
  tryClaimUpTo(max: number): number {
    const start = this.#claimEnd;
    const toEnd = this.capacity - (start & this.#mask);
    const want = Math.min(max, toEnd);
    let free = this.capacity - ((start - this.#cachedConsumer) | 0);
    if (free < want && this.#loadConsumer('SpscRing.tryClaimUpTo')) {
      free = this.capacity - ((start - this.#cachedConsumer) | 0);
    }
    const n = free < want ? free : want | 0;
    if (n <= 0) return 0;
    this.#claimStart = start;
    this.#claimEnd = (start + n) | 0;
    return n;
  }

  /** Producer thread only. First sequence of the latest successful claim. */
  get claimedSequence(): number {
    return this.#claimStart;
  }

  /**
   * Producer thread only. Publishes every record claimed so far with one Atomics.store of the
   * producer sequence (release: the plain writes of the records happen-before the consumer's
   * Atomics.load that sees it), then notifies the consumer if it is parked.
   */
  publish(): void {
    Atomics.store(this.int32, PRODUCER_POSITION_INDEX, this.#claimEnd);
    this.wakeSignal.notifyIfParked();
  }

  /**
   * Producer thread only. Claims one record, stores `value` in its first Int32 word and
   * publishes it (with anything claimed before) as `publish` does. Returns false when full
   * (or when the consumer's sequence is impossible, recorded as for `tryClaim`).
   */
  offerInt32(value: number): boolean {
    const sequence = this.#claimEnd;
    const end = (sequence + 1) | 0;
    if (((end - this.#cachedConsumer) | 0) > this.capacity) {
      if (!this.#loadConsumer('SpscRing.offerInt32')) return false;
      if (((end - this.#cachedConsumer) | 0) > this.capacity) return false;
    }
    this.int32[(DATA_OFFSET + (sequence & this.#mask) * this.recordBytes) >> 2] = value;
    this.#claimStart = sequence;
    this.#claimEnd = end;
    Atomics.store(this.int32, PRODUCER_POSITION_INDEX, end);
    this.wakeSignal.notifyIfParked();
    return true;
  }

  // ---- consumer ----------------------------------------------------------------------------

  /**
   * Consumer thread only. Acquires up to `max` published records, up to the end of the buffer,
   * and returns how many (0 when empty). Like claims, they are contiguous from
   * `offsetOf(acquiredSequence)` and stay valid until `release`. Reads the producer sequence
   * with Atomics.load (acquire) only when the cached one is not enough. An impossible producer
   * sequence (more than `capacity` ahead, or behind the last one seen) is never used: it is
   * recorded (`corruption()`), the records already known are still handed out, then 0.
   */
  tryAcquire(max: number): number {
    const start = this.#acquireEnd;
    const toEnd = this.capacity - (start & this.#mask);
    const want = Math.min(max, toEnd);
    let available = (this.#cachedProducer - start) | 0;
    if (available < want && this.#loadProducer('SpscRing.tryAcquire')) {
      available = (this.#cachedProducer - start) | 0;
    }
    const n = available < want ? available : want | 0;
    if (n <= 0) return 0;
    this.#acquireStart = start;
    this.#acquireEnd = (start + n) | 0;
    return n;
  }

  /** Consumer thread only. First sequence of the latest successful `tryAcquire`. */
  get acquiredSequence(): number {
    return this.#acquireStart;
  }

  /**
   * Consumer thread only. Hands every acquired record back to the producer with one
   * Atomics.store of the consumer sequence (release: the consumer's reads are done).
   */
  release(): void {
    Atomics.store(this.int32, CONSUMER_POSITION_INDEX, this.#acquireEnd);
  }

  /**
   * Consumer thread only. Hands up to `max` (default: capacity) published records to
   * `handler` in order, then releases them all with one store; returns how many. If `handler`
   * throws, the records up to and including the one it was given are released and the error
   * propagates. Does not allocate. Reads the producer sequence as `tryAcquire` does, and like
   * it never uses an impossible one.
   */
  drain(handler: SpscRecordHandler, max: number = this.capacity): number {
    let sequence = this.#acquireEnd;
    let available = (this.#cachedProducer - sequence) | 0;
    if (available < max && this.#loadProducer('SpscRing.drain')) {
      available = (this.#cachedProducer - sequence) | 0;
    }
    const n = available < max ? available : max | 0;
    if (n <= 0) return 0;
    const view = this.view;
    const end = (sequence + n) | 0;
    try {
      while (sequence !== end) {
        const current = sequence;
        sequence = (sequence + 1) | 0;
        handler(view, DATA_OFFSET + (current & this.#mask) * this.recordBytes, current);
      }
    } finally {
      this.#acquireEnd = sequence;
      Atomics.store(this.int32, CONSUMER_POSITION_INDEX, sequence);
    }
    return n;
  }

  /**
   * Consumer thread only. Whether `drain` would deliver a record now: the cached producer
   * sequence, else an Atomics.load (acquire) of it; an impossible one counts as none.
   */
  hasItems(): boolean {
    if (((this.#cachedProducer - this.#acquireEnd) | 0) > 0) return true;
    if (this.#corruption !== undefined) return false;
    const available = (Atomics.load(this.int32, PRODUCER_POSITION_INDEX) - this.#acquireEnd) | 0;
    return available > 0 && available <= this.capacity;
  }

  /**
   * Any thread. Published but not yet released records, from two Atomics.loads; stale as
   * soon as it returns, and meaningless when the positions are corrupt.
   */
  get size(): number {
    const produced = Atomics.load(this.int32, PRODUCER_POSITION_INDEX);
    return (produced - Atomics.load(this.int32, CONSUMER_POSITION_INDEX)) | 0;
  }

  /** The thread that owns this object. The first corruption it recorded, or undefined. */
  corruption(): RingCorruptError | undefined {
    return this.#corruption;
  }

  /** The thread that owns this object. @throws RingCorruptError if one was recorded. */
  check(): void {
    if (this.#corruption !== undefined) throw this.#corruption;
  }

  /**
   * Producer side: Atomics.load of the consumer sequence into the cache, if it is neither ahead
   * of the claims nor behind the cached copy (which is at most `capacity` behind them);
   * otherwise records the corruption and keeps the cache. After a corruption it stops loading.
   */
  #loadConsumer(where: string): boolean {
    if (this.#corruption !== undefined) return false;
    const consumer = Atomics.load(this.int32, CONSUMER_POSITION_INDEX);
    const behind = (this.#claimEnd - consumer) | 0;
    const cachedBehind = (this.#claimEnd - this.#cachedConsumer) | 0;
    // The unsigned compare also rejects a consumer ahead of the claims (behind < 0).
    if (behind >>> 0 <= cachedBehind) {
      this.#cachedConsumer = consumer;
      return true;
    }
    this.#corruption = new RingCorruptError(
      where,
      'POSITION',
      CONSUMER_POSITION_INDEX * 4,
      consumer,
      `consumer sequence ${consumer} is ${behind} behind the producer's ${this.#claimEnd}, not 0..${cachedBehind}`,
    );
    return false;
  }

  /**
   * Consumer side: Atomics.load (acquire) of the producer sequence into the cache, if it is
   * not behind the cached copy (which is not behind the consumer) and at most `capacity` ahead
   * of the consumer; otherwise records the corruption and keeps the cache. After a corruption
   * it stops loading.
   */
  #loadProducer(where: string): boolean {
    if (this.#corruption !== undefined) return false;
    const producer = Atomics.load(this.int32, PRODUCER_POSITION_INDEX);
    const ahead = (producer - this.#acquireEnd) | 0;
    const known = (this.#cachedProducer - this.#acquireEnd) | 0;
    if (ahead >= known && ahead <= this.capacity) {
      this.#cachedProducer = producer;
      return true;
    }
    this.#corruption = new RingCorruptError(
      where,
      'POSITION',
      PRODUCER_POSITION_INDEX * 4,
      producer,
      `producer sequence ${producer} is ${ahead} ahead of the consumer's ${this.#acquireEnd}, not ${known}..${this.capacity}`,
    );
    return false;
  }

  #badCount(method: string, n: number): never {
    throw new RingBufferError(
      `SpscRing.${method}`,
      'INVALID_ARGUMENT',
      `n (${String(n)}) must be an integer in [1, ${this.capacity}]`,
    );
  }
}

SpscRing satisfies {
  bytesFor(capacity: number, recordBytes: number): number;
  create(options: SpscRingOptions): SpscRing;
  attach(buffer: SharedArrayBuffer): SpscRing;
};
