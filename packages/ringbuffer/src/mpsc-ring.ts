/*
 * Many-producer single-consumer ring of variable-length records in a SharedArrayBuffer, after
 * Agrona's `ManyToOneRingBuffer` (Real Logic, https://github.com/real-logic/agrona): producers
 * claim space by CAS on the tail, write the record in place, and commit it by storing its length
 * last; the consumer treats a positive length as committed, skips padding records that fill the
 * end of the buffer at the wrap, and zeroes what it consumed before moving the head.
 *
 * Known limit of 32-bit positions: a producer stalled between loading the tail and its CAS
 * while exactly a multiple of 2^32 bytes pass through the ring could win a stale CAS (ABA).
 *
 * Corruption: the consumer checks every record header it reads before using it (length in
 * [8, maxRecordBytes + 8] and not past the end of the buffer, type id >= -1). A record that
 * fails is never delivered or skipped: the consumer stops in front of it. `drain` does not read
 * the tail: one load of the producers' hottest line per drain cost 19-38% of MPSC throughput in
 * the package bench, so the tail is checked against the head only in `check()`. Producers do
 * not validate the head or the head cache, and payloads are not checksummed.
 */
import {
  allocateControlBlock,
  checkStartPosition,
  readControlBlock,
  validateHeader,
} from './control-block.js';
import type { CorruptionReporter } from './corruption-reporter.js';
import { RingBufferError, type RingCorruptError } from './errors.js';
import {
  CONSUMER_POSITION_INDEX,
  DATA_OFFSET,
  HEAD_CACHE_INDEX,
  MPSC_ALIGNMENT,
  MPSC_HEADER_BYTES,
  MPSC_MAGIC,
  MPSC_PADDING_TYPE_ID,
  PRODUCER_POSITION_INDEX,
} from './layout.js';
import { recoverDrain, releaseDrained } from './mpsc-drain-log.js';
import {
  badLengthError,
  badRecordError,
  badTypeIdError,
  claimError,
  headError,
  notClaimedError,
  startPositionError,
  tailError,
} from './mpsc-ring-errors.js';
import { assertPowerOfTwo } from './power-of-two.js';
import type { Waitable } from './waitable.js';
import { WakeSignal } from './wake-signal.js';

const MIN_CAPACITY_BYTES = 64;
const MAX_CAPACITY_BYTES = 0x40000000;
const TAIL = PRODUCER_POSITION_INDEX;
const HEAD = CONSUMER_POSITION_INDEX;
const ALIGN_MASK = ~(MPSC_ALIGNMENT - 1);

export interface MpscRingOptions {
  /** Size of the record area in bytes; a power of two in [64, 2^30]. */
  readonly capacityBytes: number;
  /** First byte position, a multiple of 8 (default 0). Tests start near 2^31 for wrap-around. */
  readonly startPosition?: number;
}

/**
 * Called once per record by `MpscRing.drain`: the record's type id, and its payload as `length`
 * bytes at byte `offset` of `view` (valid only during the call; the region is zeroed after).
 */
export type MpscRecordHandler = (
  typeId: number,
  view: DataView,
  offset: number,
  length: number,
) => void;

/**
 * A bounded MPSC ring of variable-length, typed records: every worker's inbox.
 *
 * Each thread attaches its own `MpscRing` to the same buffer. Any number of threads may produce
 * (`tryClaim` → write the payload in place → `commit`); exactly one thread consumes (`drain`).
 * Records are delivered in claim order, so each producer's records keep their order.
 */
export class MpscRing implements Waitable, CorruptionReporter {
  readonly buffer: SharedArrayBuffer;
  readonly view: DataView;
  readonly bytes: Uint8Array;
  readonly int32: Int32Array;
  readonly capacityBytes: number;
  /** Largest payload a record may carry: capacityBytes / 8, as in Agrona. */
  readonly maxRecordBytes: number;
  readonly wakeSignal: WakeSignal;
  readonly #mask: number;
  /** Consumer-local copy of the head (only the consumer moves it). */
  /** 8-byte words over the whole buffer: how a drain zeroes what it consumed (mpsc-drain-log.ts). */
  readonly #float64: Float64Array;
  #head: number;
  /** Whether this object has drained, so that its `#head` is the head (see `check`). */
  #consumer = false;
  #corruption: RingCorruptError | undefined;

  /** Bytes `create` allocates for this capacity. @throws RingBufferError `INVALID_CAPACITY`. */
  static bytesFor(capacityBytes: number): number {
    assertPowerOfTwo(
      'MpscRing.bytesFor',
      'capacityBytes',
      capacityBytes,
      MIN_CAPACITY_BYTES,
      MAX_CAPACITY_BYTES,
    );
    return DATA_OFFSET + capacityBytes;
  }

  /** Allocates and initialises a new ring; post `ring.buffer` to the other threads. */
  static create(options: MpscRingOptions): MpscRing {
    const { capacityBytes, startPosition = 0 } = options;
    assertPowerOfTwo(
      'MpscRing.create',
      'capacityBytes',
      capacityBytes,
      MIN_CAPACITY_BYTES,
      MAX_CAPACITY_BYTES,
    );
    checkStartPosition('MpscRing.create', startPosition);
    const misaligned = startPositionError(startPosition);
    if (misaligned !== undefined) throw misaligned;
    const total = DATA_OFFSET + capacityBytes;
    const buffer = allocateControlBlock(MPSC_MAGIC, capacityBytes, 0, total, startPosition);
    new Int32Array(buffer)[HEAD_CACHE_INDEX] = startPosition;
    return new MpscRing(buffer, capacityBytes);
  }

  /**
   * Attaches to a buffer made by `MpscRing.create`; allocates no shared memory.
   * @throws RingBufferError `INVALID_BUFFER` when the buffer is not one.
   */
  static attach(buffer: SharedArrayBuffer): MpscRing {
    const where = 'MpscRing.attach';
    const { capacity } = readControlBlock(where, buffer, MPSC_MAGIC);
    validateHeader(where, () =>
      assertPowerOfTwo(where, 'capacityBytes', capacity, MIN_CAPACITY_BYTES, MAX_CAPACITY_BYTES),
    );
    if (DATA_OFFSET + capacity !== buffer.byteLength) {
      throw new RingBufferError(where, 'INVALID_BUFFER', `size ${buffer.byteLength} is wrong`);
    }
    return new MpscRing(buffer, capacity);
  }

  private constructor(buffer: SharedArrayBuffer, capacityBytes: number) {
    this.buffer = buffer;
    this.view = new DataView(buffer);
    this.bytes = new Uint8Array(buffer);
    this.int32 = new Int32Array(buffer);
    this.#float64 = new Float64Array(buffer, 0, buffer.byteLength >> 3);
    this.capacityBytes = capacityBytes;
    this.maxRecordBytes = capacityBytes / 8;
    this.wakeSignal = new WakeSignal(buffer);
    this.#mask = capacityBytes - 1;
    this.#head = Atomics.load(this.int32, HEAD);
    this.#corruption = headError(this.#head);
  }

  // ---- producers ---------------------------------------------------------------------------

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
  tryClaim(typeId: number, length: number): number {
    if (!(length >= 0 && length <= this.maxRecordBytes && (length | 0) === length)) {
      throw badLengthError(length, this.maxRecordBytes);
    }
    if (!(typeId >= 0 && (typeId | 0) === typeId)) throw badTypeIdError(typeId);
    const i32 = this.int32;
    const capacity = this.capacityBytes;
    const recordLength = length + MPSC_HEADER_BYTES;
    const required = (recordLength + MPSC_ALIGNMENT - 1) & ALIGN_MASK;
    let tail: number;
    let index: number;
    let padding: number;
    do {
      tail = Atomics.load(i32, TAIL);
      index = tail & this.#mask;
      const toEnd = capacity - index;
      // A record never straddles the end: pad to the end and start again at 0.
      padding = required > toEnd ? toEnd : 0;
      const need = padding + required;
      if (((tail - Atomics.load(i32, HEAD_CACHE_INDEX)) | 0) + need > capacity) {
        const head = Atomics.load(i32, HEAD);
        if (((tail - head) | 0) + need > capacity) return -1;
        Atomics.store(i32, HEAD_CACHE_INDEX, head);
      }
    } while (Atomics.compareExchange(i32, TAIL, tail, (tail + padding + required) | 0) !== tail);

    let word = (DATA_OFFSET + index) >> 2;
    if (padding !== 0) {
      // The padding record is committed at once: it carries nothing to wait for.
      i32[word + 1] = MPSC_PADDING_TYPE_ID;
      Atomics.store(i32, word, padding);
      word = DATA_OFFSET >> 2;
    }
    i32[word + 1] = typeId;
    // Negative length = claimed, not committed; the consumer stops at any length <= 0.
    i32[word] = -recordLength;
    return (word << 2) + MPSC_HEADER_BYTES;
  }

  /**
   * The producer that claimed `offset`. Publishes the record by storing its length with
   * Atomics.store (release: the payload's plain writes happen-before the consumer's
   * Atomics.load that sees a positive length), then notifies the consumer if it is parked.
   * @throws RingBufferError `NOT_CLAIMED` when `offset` is not a pending claim.
   */
  commit(offset: number): void {
    this.commitQuietly(offset);
    this.wakeSignal.notifyIfParked();
  }

  /**
   * The producer that claimed `offset`. Publishes the record as `commit` does but leaves a
   * parked consumer asleep: the producer then owes it a `wakeConsumer()`, which it may pay
   * once for many records (one notify instead of one per record; see the cluster's deferred
   * wakes). A consumer that is awake, or that re-checks before it parks, sees the record anyway.
   * @throws RingBufferError `NOT_CLAIMED` when `offset` is not a pending claim.
   */
  commitQuietly(offset: number): void {
    const word = (offset - MPSC_HEADER_BYTES) >> 2;
    const pending = this.int32[word]!;
    if (!(pending < 0)) throw notClaimedError('commit', offset);
    Atomics.store(this.int32, word, -pending);
  }

  /** Any producer: wakes the consumer if it is parked (after `commitQuietly`). */
  wakeConsumer(): void {
    this.wakeSignal.notifyIfParked();
  }

  /**
   * The producer that claimed `offset`, instead of `commit` when it cannot finish the record:
   * turns it into padding (Atomics.store of the length) so the consumer skips it and is not
   * blocked. @throws RingBufferError `NOT_CLAIMED` when `offset` is not a pending claim.
   */
  abort(offset: number): void {
    const word = (offset - MPSC_HEADER_BYTES) >> 2;
    const pending = this.int32[word]!;
    if (!(pending < 0)) throw notClaimedError('abort', offset);
    this.int32[word + 1] = MPSC_PADDING_TYPE_ID;
    Atomics.store(this.int32, word, -pending);
    this.wakeSignal.notifyIfParked();
  }

  // ---- consumer ----------------------------------------------------------------------------

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
  drain(handler: MpscRecordHandler, max: number = Number.POSITIVE_INFINITY): number {
    if (this.#corruption !== undefined) return 0;
    this.#consumer = true;
    const i32 = this.int32;
    const view = this.view;
    const limit = this.maxRecordBytes;
    let count = 0;
    while (count < max) {
      const index = this.#head & this.#mask;
      const blockEnd = this.capacityBytes - index;
      let read = 0;
      try {
        while (read < blockEnd && count < max) {
          const word = (DATA_OFFSET + index + read) >> 2;
          const recordLength = Atomics.load(i32, word);
          if (recordLength <= 0) {
            if (recordLength < 0) {
              this.#corruption = claimError(word, recordLength, blockEnd - read, limit);
            }
            break;
          }
          const size = (recordLength + MPSC_ALIGNMENT - 1) & ALIGN_MASK;
          const typeId = i32[word + 1]!;
          // The unsigned compare also rejects lengths below the header; `blockEnd - read` is a
          // multiple of 8, so comparing the aligned size with it is exact.
          if (
            (recordLength - MPSC_HEADER_BYTES) >>> 0 > limit ||
            size > blockEnd - read ||
            typeId < MPSC_PADDING_TYPE_ID
          ) {
            this.#corruption = badRecordError(word, recordLength, typeId, blockEnd - read, limit);
            break;
          }
          read += size;
          if (typeId !== MPSC_PADDING_TYPE_ID) {
            count++;
            handler(
              typeId,
              view,
              (word << 2) + MPSC_HEADER_BYTES,
              recordLength - MPSC_HEADER_BYTES,
            );
          }
        }
      } finally {
        if (read > 0) this.#head = releaseDrained(i32, this.#float64, this.#head, index, read);
      }
      if (read !== blockEnd) break;
    }
    return count;
  }

  /**
   * A new consumer thread, before its first drain, when the previous consumer may have died
   * (e.g. a restarted worker). Finishes a drain its predecessor died in the middle of ending
   * (DRAIN_PENDING set: zero the consumed bytes, store the head; see layout.ts) and returns
   * whether there was one. Records the predecessor handled but did not get to mark consumed
   * are handed out again by the next drain (at least once). A DRAIN_END that no drain could
   * have written is recorded as a corruption (RingCorruptError) and nothing is changed.
   */
  recoverConsumer(): boolean {
    const found = recoverDrain(this.int32, this.#float64, this.#mask, this.capacityBytes);
    if (found.kind === 'corrupt') this.#corruption ??= found.error;
    if (found.kind !== 'finished') return false;
    this.#head = found.head;
    return true;
  }

  /**
   * The consumer thread only. Whether the record at the head is committed (Atomics.load);
   * false once a corruption is recorded. The header is checked by `drain`, not here.
   */
  hasItems(): boolean {
    if (this.#corruption !== undefined) return false;
    return Atomics.load(this.int32, (DATA_OFFSET + (this.#head & this.#mask)) >> 2) > 0;
  }

  /** Any thread. Bytes claimed and not yet consumed (two Atomics.loads; stale at once). */
  get usedBytes(): number {
    const tail = Atomics.load(this.int32, TAIL);
    return (tail - Atomics.load(this.int32, HEAD)) | 0;
  }

  /** The thread that owns this object. The first corruption it recorded, or undefined. */
  corruption(): RingCorruptError | undefined {
    return this.#corruption;
  }

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
  check(): void {
    if (this.#corruption === undefined && this.#consumer) {
      this.#corruption = tailError(Atomics.load(this.int32, TAIL), this.#head, this.capacityBytes);
    }
    if (this.#corruption !== undefined) throw this.#corruption;
  }
}

MpscRing satisfies {
  bytesFor(capacityBytes: number): number;
  create(options: MpscRingOptions): MpscRing;
  attach(buffer: SharedArrayBuffer): MpscRing;
};
