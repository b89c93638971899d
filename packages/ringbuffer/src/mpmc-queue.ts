/*
 * Bounded many-producer many-consumer queue of fixed-size records in a SharedArrayBuffer,
 * after Dmitry Vyukov's "Bounded MPMC queue" (1024cores.net): every cell carries a sequence
 * number that tells producers and consumers of a given lap whether the cell is theirs, so the
 * only shared writes are one CAS on the enqueue or dequeue position and one store per cell.
 *
 * Known limit of 32-bit positions: a thread stalled between loading a position and its CAS
 * while exactly a multiple of 2^32 operations pass could win a stale CAS (ABA).
 *
 * Corruption: a cell's sequence only ever holds q (free for the producer of q) or q + 1 (full
 * for its consumer) for positions q of that cell, and moves forward only after the position
 * did. So a thread at position p may see a sequence behind it only by exactly one lap; one
 * ahead of it means the position moved on, so reloading the position must give a new one. A
 * sequence that breaks either rule is recorded as corruption instead of being used (or spun on
 * forever), and so is a claimed position that belongs to another cell at publish/release.
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
  MPMC_CELL_HEADER_BYTES,
  MPMC_CLAIMED_POSITION_OFFSET,
  MPMC_MAGIC,
  MPMC_SEQUENCE_OFFSET,
  PRODUCER_POSITION_INDEX,
} from './layout.js';
import type { MpmcThreadSlot } from './mpmc-claim-log.js';
import { assertPowerOfTwo } from './power-of-two.js';
import { assertRecordBytes } from './record-bytes.js';
import type { Waitable } from './waitable.js';
import { WakeSignal } from './wake-signal.js';

const MAX_DATA_BYTES = 0x40000000;
const ENQUEUE = PRODUCER_POSITION_INDEX;
const DEQUEUE = CONSUMER_POSITION_INDEX;
const SEQUENCE_WORD = MPMC_SEQUENCE_OFFSET >> 2;
const CLAIMED_WORD = MPMC_CLAIMED_POSITION_OFFSET >> 2;
const HEADER_WORDS = MPMC_CELL_HEADER_BYTES >> 2;

export interface MpmcQueueOptions {
  /** Number of cells; a power of two in [2, 2^30]. */
  readonly capacity: number;
  /** Payload bytes per record; a positive multiple of 4, at most 1 MiB. */
  readonly recordBytes: number;
  /** First position (default 0). Tests start near 2^31 to exercise wrap-around. */
  readonly startPosition?: number;
}

/** Called once per record by `MpmcQueue.drain`; `offset` is a byte offset into `view`. */
export type MpmcRecordHandler = (view: DataView, offset: number) => void;

/**
 * A bounded MPMC queue of fixed-size records. Each thread attaches its own `MpmcQueue`; any
 * thread may produce (`tryClaim` → write → `publish`) and any thread may consume
 * (`tryAcquire` → read → `release`, or `drain`). Each record is delivered exactly once; there is
 * no global order across consumers, and a producer's records are dequeued in its publish order
 * but may be processed out of order by different consumers.
 */
export class MpmcQueue implements Waitable, CorruptionReporter {
  readonly buffer: SharedArrayBuffer;
  readonly view: DataView;
  readonly bytes: Uint8Array;
  readonly int32: Int32Array;
  readonly capacity: number;
  readonly recordBytes: number;
  /** Bytes from one cell to the next (header + payload, rounded up to 8). */
  readonly cellBytes: number;
  readonly wakeSignal: WakeSignal;
  readonly #mask: number;
  #corruption: RingCorruptError | undefined;

  /** Bytes `create` allocates for these options. @throws RingBufferError on invalid options. */
  static bytesFor(capacity: number, recordBytes: number): number {
    return (
      DATA_OFFSET + capacity * MpmcQueue.#cellBytes('MpmcQueue.bytesFor', capacity, recordBytes)
    );
  }

  /** Allocates and initialises a new queue; post `queue.buffer` to the other threads. */
  static create(options: MpmcQueueOptions): MpmcQueue {
    const { capacity, recordBytes, startPosition = 0 } = options;
    const cellBytes = MpmcQueue.#cellBytes('MpmcQueue.create', capacity, recordBytes);
    checkStartPosition('MpmcQueue.create', startPosition);
    const total = DATA_OFFSET + capacity * cellBytes;
    const buffer = allocateControlBlock(MPMC_MAGIC, capacity, recordBytes, total, startPosition);
    const i32 = new Int32Array(buffer);
    // Cell of position p starts its first lap with sequence p (free for the producer of p).
    for (let i = 0; i < capacity; i++) {
      const position = (startPosition + i) | 0;
      i32[(DATA_OFFSET + (position & (capacity - 1)) * cellBytes) >> 2] = position;
    }
    return new MpmcQueue(buffer, capacity, recordBytes, cellBytes);
  }

  /**
   * Attaches to a buffer made by `MpmcQueue.create`; allocates no shared memory.
   * @throws RingBufferError `INVALID_BUFFER` when the buffer is not one.
   */
  static attach(buffer: SharedArrayBuffer): MpmcQueue {
    const where = 'MpmcQueue.attach';
    const { capacity, recordBytes } = readControlBlock(where, buffer, MPMC_MAGIC);
    const cellBytes = validateHeader(where, () =>
      MpmcQueue.#cellBytes(where, capacity, recordBytes),
    );
    if (DATA_OFFSET + capacity * cellBytes !== buffer.byteLength) {
      throw new RingBufferError(where, 'INVALID_BUFFER', `size ${buffer.byteLength} is wrong`);
    }
    return new MpmcQueue(buffer, capacity, recordBytes, cellBytes);
  }

  static #cellBytes(where: string, capacity: number, recordBytes: number): number {
    assertPowerOfTwo(where, 'capacity', capacity, 2, MAX_DATA_BYTES);
    assertRecordBytes(where, recordBytes);
    const cellBytes = (MPMC_CELL_HEADER_BYTES + recordBytes + 7) & ~7;
    if (capacity * cellBytes > MAX_DATA_BYTES) {
      throw new RingBufferError(
        where,
        'INVALID_CAPACITY',
        `capacity * cell size (${capacity * cellBytes}) exceeds ${MAX_DATA_BYTES} bytes`,
      );
    }
    return cellBytes;
  }

  private constructor(
    buffer: SharedArrayBuffer,
    capacity: number,
    recordBytes: number,
    cellBytes: number,
  ) {
    this.buffer = buffer;
    this.view = new DataView(buffer);
    this.bytes = new Uint8Array(buffer);
    this.int32 = new Int32Array(buffer);
    this.capacity = capacity;
    this.recordBytes = recordBytes;
    this.cellBytes = cellBytes;
    this.wakeSignal = new WakeSignal(buffer);
    this.#mask = capacity - 1;
  }

  // ---- producers ---------------------------------------------------------------------------

  /**
   * Any thread. Claims the cell of the next enqueue position (CAS) and returns its payload's
   * byte offset in `view`/`bytes`, or -1 when the queue is full. The cell's sequence is read
   * with Atomics.load (acquire: the consumer of the previous lap is done with it). An
   * impossible sequence returns -1 and is recorded (`corruption()`), as is every call after.
   * With `slot` (this thread's slot in the queue's claim log, mpmc-claim-log.ts) the position is
   * noted there just before the CAS, so a claim left by a thread that dies can be published by
   * another (mpmc-orphans.ts); such a thread publishes each claim before its next one.
   */
  tryClaim(slot?: MpmcThreadSlot): number {
    if (this.#corruption !== undefined) return -1;
    const i32 = this.int32;
    let position = Atomics.load(i32, ENQUEUE);
    for (;;) {
      const cell = (DATA_OFFSET + (position & this.#mask) * this.cellBytes) >> 2;
      const lag = (Atomics.load(i32, cell + SEQUENCE_WORD) - position) | 0;
      if (lag === 0) {
        if (slot !== undefined) slot.noteClaim(position);
        const seen = Atomics.compareExchange(i32, ENQUEUE, position, (position + 1) | 0);
        if (seen === position) {
          i32[cell + CLAIMED_WORD] = position;
          return (cell + HEADER_WORDS) << 2;
        }
        if (slot !== undefined) slot.claimLost();
        position = seen;
      } else if (lag < 0) {
        // The cell still holds last lap's record (claimed: -capacity, published: 1 - capacity).
        if (lag !== -this.capacity && lag !== 1 - this.capacity) {
          this.#badSequence('MpmcQueue.tryClaim', cell, position, 'behind');
        }
        return -1;
      } else {
        // Another producer took it, so the position has moved on.
        const next = Atomics.load(i32, ENQUEUE);
        if (next === position) {
          return this.#badSequence('MpmcQueue.tryClaim', cell, position, 'ahead');
        }
        position = next;
      }
    }
  }

  /**
   * The thread that claimed `offset`. Publishes the record by storing the cell's sequence with
   * Atomics.store (release: the payload's plain writes happen-before a consumer's Atomics.load
   * that sees it), then notifies a parked consumer if there is one. Returns true; false when
   * the cell's claimed position belongs to another cell (corrupt memory, or an offset that is
   * not a cell's payload), which publishes nothing and is recorded (`corruption()`).
   */
  publish(offset: number): boolean {
    const i32 = this.int32;
    const cell = (offset >> 2) - HEADER_WORDS;
    const position = i32[cell + CLAIMED_WORD]!;
    // Arithmetic only: reading the sequence here as well measured ~15% slower one-to-one.
    if (this.#cellOf(position) !== cell) {
      this.#badClaimed('MpmcQueue.publish', cell, position);
      return false;
    }
    Atomics.store(i32, cell + SEQUENCE_WORD, (position + 1) | 0);
    this.wakeSignal.notifyIfParked();
    return true;
  }

  /**
   * Any thread. Claims, stores `value` in the record's first Int32 word, publishes. `slot`: as
   * for `tryClaim` (a thread that uses a claim log must pass it on every claim).
   */
  offerInt32(value: number, slot?: MpmcThreadSlot): boolean {
    const offset = this.tryClaim(slot);
    if (offset === -1) return false;
    this.int32[offset >> 2] = value;
    return this.publish(offset);
  }

  // ---- consumers ---------------------------------------------------------------------------

  /**
   * Any thread. Takes the cell of the next dequeue position (CAS) and returns its payload's
   * byte offset, or -1 when empty (or the next record is claimed but not yet published). The
   * cell's sequence is read with Atomics.load (acquire: the producer's writes are visible). An
   * impossible sequence returns -1 and is recorded (`corruption()`), as is every call after.
   * With `slot`, the position is noted in the claim log first (see `tryClaim`).
   */
  tryAcquire(slot?: MpmcThreadSlot): number {
    if (this.#corruption !== undefined) return -1;
    const i32 = this.int32;
    let position = Atomics.load(i32, DEQUEUE);
    for (;;) {
      const cell = (DATA_OFFSET + (position & this.#mask) * this.cellBytes) >> 2;
      const lag = (Atomics.load(i32, cell + SEQUENCE_WORD) - ((position + 1) | 0)) | 0;
      if (lag === 0) {
        if (slot !== undefined) slot.noteAcquire(position);
        const seen = Atomics.compareExchange(i32, DEQUEUE, position, (position + 1) | 0);
        // The producer left `position` in the cell's claimed word; release reads it back.
        if (seen === position) return (cell + HEADER_WORDS) << 2;
        if (slot !== undefined) slot.acquireLost();
        position = seen;
      } else if (lag < 0) {
        // Not yet published (-1), or last lap's record not yet released (-capacity).
        if (lag !== -1 && lag !== -this.capacity) {
          this.#badSequence('MpmcQueue.tryAcquire', cell, position, 'behind');
        }
        return -1;
      } else {
        // Another consumer took it, so the position has moved on.
        const next = Atomics.load(i32, DEQUEUE);
        if (next === position) {
          return this.#badSequence('MpmcQueue.tryAcquire', cell, position, 'ahead');
        }
        position = next;
      }
    }
  }

  /**
   * The thread that acquired `offset`, once done reading. Frees the cell for the producer of
   * the next lap with an Atomics.store of its sequence (release: the reads are done). Returns
   * true; false when the cell's claimed position belongs to another cell (corrupt memory, or an
   * offset that is not a cell's payload), which frees nothing and is recorded.
   */
  release(offset: number): boolean {
    const i32 = this.int32;
    const cell = (offset >> 2) - HEADER_WORDS;
    const position = i32[cell + CLAIMED_WORD]!;
    if (this.#cellOf(position) !== cell) {
      this.#badClaimed('MpmcQueue.release', cell, position);
      return false;
    }
    Atomics.store(i32, cell + SEQUENCE_WORD, (position + this.capacity) | 0);
    return true;
  }

  /**
   * Any thread. Takes up to `max` (default: capacity) records one by one, hands each to
   * `handler` and releases it; returns how many. If `handler` throws, its record is released
   * and the error propagates. Does not allocate. Stops after a record whose cell turns out
   * corrupt at release (recorded, as with `tryAcquire`). `slot`: as for `tryAcquire`.
   */
  drain(handler: MpmcRecordHandler, max: number = this.capacity, slot?: MpmcThreadSlot): number {
    let count = 0;
    while (count < max) {
      const offset = this.tryAcquire(slot);
      if (offset === -1) break;
      count++;
      let released = false;
      try {
        handler(this.view, offset);
      } finally {
        released = this.release(offset);
      }
      if (!released) break;
    }
    return count;
  }

  /**
   * Any consumer thread. Whether the next dequeue position holds a published record
   * (Atomics.loads); another consumer may take it first, so `true` can be stale. False once a
   * corruption is recorded; a sequence ahead of an unchanged position is recorded as one.
   */
  hasItems(): boolean {
    if (this.#corruption !== undefined) return false;
    const i32 = this.int32;
    let position = Atomics.load(i32, DEQUEUE);
    for (;;) {
      const cell = (DATA_OFFSET + (position & this.#mask) * this.cellBytes) >> 2;
      const lag = (Atomics.load(i32, cell + SEQUENCE_WORD) - ((position + 1) | 0)) | 0;
      if (lag === 0) return true;
      if (lag < 0) return false;
      const next = Atomics.load(i32, DEQUEUE);
      if (next === position) {
        this.#badSequence('MpmcQueue.hasItems', cell, position, 'ahead');
        return false;
      }
      position = next;
    }
  }

  /**
   * Any thread. Claimed-but-not-dequeued count from two Atomics.loads; stale at once, and
   * meaningless when the positions are corrupt.
   */
  get size(): number {
    const enqueued = Atomics.load(this.int32, ENQUEUE);
    return (enqueued - Atomics.load(this.int32, DEQUEUE)) | 0;
  }

  /** The thread that owns this object. The first corruption it recorded, or undefined. */
  corruption(): RingCorruptError | undefined {
    return this.#corruption;
  }

  /** The thread that owns this object. @throws RingCorruptError if one was recorded. */
  check(): void {
    if (this.#corruption !== undefined) throw this.#corruption;
  }

  /** Records a cell sequence that no lap of `position` leaves there; returns -1 for callers. */
  #badSequence(where: string, cell: number, position: number, side: 'ahead' | 'behind'): -1 {
    const sequence = Atomics.load(this.int32, cell + SEQUENCE_WORD);
    this.#corruption ??= new RingCorruptError(
      where,
      'CELL_SEQUENCE',
      (cell + SEQUENCE_WORD) << 2,
      sequence,
      side === 'ahead'
        ? `sequence ${sequence} is ahead of position ${position}, which did not move`
        : `sequence ${sequence} is behind position ${position} by more than a lap's values`,
    );
    return -1;
  }

  /** Int32 index of the cell of `position`. */
  #cellOf(position: number): number {
    return (DATA_OFFSET + (position & this.#mask) * this.cellBytes) >> 2;
  }

  /** Records a claimed position that is not one of its cell's, found at publish/release. */
  #badClaimed(where: string, cell: number, position: number): void {
    this.#corruption ??= new RingCorruptError(
      where,
      'CLAIMED_POSITION',
      (cell + CLAIMED_WORD) << 2,
      position,
      `claimed position ${position} belongs to another cell`,
    );
  }
}

MpmcQueue satisfies {
  bytesFor(capacity: number, recordBytes: number): number;
  create(options: MpmcQueueOptions): MpmcQueue;
  attach(buffer: SharedArrayBuffer): MpmcQueue;
};
