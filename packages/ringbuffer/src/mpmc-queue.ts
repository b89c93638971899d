/*
 * Bounded many-producer many-consumer queue of fixed-size records in a SharedArrayBuffer,
 * after Dmitry Vyukov's "Bounded MPMC queue" (1024cores.net): every cell carries a sequence
 * number that tells producers and consumers of a given lap whether the cell is theirs, so the
 * only shared writes are one CAS on the enqueue or dequeue position and one store per cell.
 *
 * Known limit of 32-bit positions: a thread stalled between loading a position and its CAS
 * while exactly a multiple of 2^32 operations pass could win a stale CAS (ABA).
 */
import {
  allocateControlBlock,
  checkStartPosition,
  readControlBlock,
  validateHeader,
} from './control-block.js';
import { RingBufferError } from './errors.js';
import {
  CONSUMER_POSITION_INDEX,
  DATA_OFFSET,
  MPMC_CELL_HEADER_BYTES,
  MPMC_CLAIMED_POSITION_OFFSET,
  MPMC_MAGIC,
  MPMC_SEQUENCE_OFFSET,
  PRODUCER_POSITION_INDEX,
} from './layout.js';
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
export class MpmcQueue implements Waitable {
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
   * with Atomics.load (acquire: the consumer of the previous lap is done with it).
   */
  tryClaim(): number {
    const i32 = this.int32;
    let position = Atomics.load(i32, ENQUEUE);
    for (;;) {
      const cell = (DATA_OFFSET + (position & this.#mask) * this.cellBytes) >> 2;
      const lag = (Atomics.load(i32, cell + SEQUENCE_WORD) - position) | 0;
      if (lag === 0) {
        const seen = Atomics.compareExchange(i32, ENQUEUE, position, (position + 1) | 0);
        if (seen === position) {
          i32[cell + CLAIMED_WORD] = position;
          return (cell + HEADER_WORDS) << 2;
        }
        position = seen;
      } else if (lag < 0) {
        return -1; // the cell still holds last lap's record: full
      } else {
        position = Atomics.load(i32, ENQUEUE); // another producer took it
      }
    }
  }

  /**
   * The thread that claimed `offset`. Publishes the record by storing the cell's sequence with
   * Atomics.store (release: the payload's plain writes happen-before a consumer's Atomics.load
   * that sees it), then notifies a parked consumer if there is one.
   */
  publish(offset: number): void {
    const cell = (offset >> 2) - HEADER_WORDS;
    Atomics.store(this.int32, cell + SEQUENCE_WORD, (this.int32[cell + CLAIMED_WORD]! + 1) | 0);
    this.wakeSignal.notifyIfParked();
  }

  /** Any thread. Claims, stores `value` in the record's first Int32 word, publishes. */
  offerInt32(value: number): boolean {
    const offset = this.tryClaim();
    if (offset === -1) return false;
    this.int32[offset >> 2] = value;
    this.publish(offset);
    return true;
  }

  // ---- consumers ---------------------------------------------------------------------------

  /**
   * Any thread. Takes the cell of the next dequeue position (CAS) and returns its payload's
   * byte offset, or -1 when empty (or the next record is claimed but not yet published). The
   * cell's sequence is read with Atomics.load (acquire: the producer's writes are visible).
   */
  tryAcquire(): number {
    const i32 = this.int32;
    let position = Atomics.load(i32, DEQUEUE);
    for (;;) {
      const cell = (DATA_OFFSET + (position & this.#mask) * this.cellBytes) >> 2;
      const lag = (Atomics.load(i32, cell + SEQUENCE_WORD) - ((position + 1) | 0)) | 0;
      if (lag === 0) {
        const seen = Atomics.compareExchange(i32, DEQUEUE, position, (position + 1) | 0);
        // The producer left `position` in the cell's claimed word; release reads it back.
        if (seen === position) return (cell + HEADER_WORDS) << 2;
        position = seen;
      } else if (lag < 0) {
        return -1;
      } else {
        position = Atomics.load(i32, DEQUEUE);
      }
    }
  }

  /**
   * The thread that acquired `offset`, once done reading. Frees the cell for the producer of
   * the next lap with an Atomics.store of its sequence (release: the reads are done).
   */
  release(offset: number): void {
    const cell = (offset >> 2) - HEADER_WORDS;
    const position = this.int32[cell + CLAIMED_WORD]!;
    Atomics.store(this.int32, cell + SEQUENCE_WORD, (position + this.capacity) | 0);
  }

  /**
   * Any thread. Takes up to `max` (default: capacity) records one by one, hands each to
   * `handler` and releases it; returns how many. If `handler` throws, its record is released
   * and the error propagates. Does not allocate.
   */
  drain(handler: MpmcRecordHandler, max: number = this.capacity): number {
    let count = 0;
    while (count < max) {
      const offset = this.tryAcquire();
      if (offset === -1) break;
      count++;
      try {
        handler(this.view, offset);
      } finally {
        this.release(offset);
      }
    }
    return count;
  }

  /**
   * Any consumer thread. Whether the next dequeue position holds a published record
   * (Atomics.loads); another consumer may take it first, so `true` can be stale.
   */
  hasItems(): boolean {
    const i32 = this.int32;
    for (;;) {
      const position = Atomics.load(i32, DEQUEUE);
      const cell = (DATA_OFFSET + (position & this.#mask) * this.cellBytes) >> 2;
      const lag = (Atomics.load(i32, cell + SEQUENCE_WORD) - ((position + 1) | 0)) | 0;
      if (lag === 0) return true;
      if (lag < 0) return false;
    }
  }

  /** Any thread. Claimed-but-not-dequeued count from two Atomics.loads; stale at once. */
  get size(): number {
    const enqueued = Atomics.load(this.int32, ENQUEUE);
    return (enqueued - Atomics.load(this.int32, DEQUEUE)) | 0;
  }
}

MpmcQueue satisfies {
  bytesFor(capacity: number, recordBytes: number): number;
  create(options: MpmcQueueOptions): MpmcQueue;
  attach(buffer: SharedArrayBuffer): MpmcQueue;
};
