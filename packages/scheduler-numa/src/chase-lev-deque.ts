/**
 * A fixed-capacity Chase-Lev work-stealing deque in a SharedArrayBuffer.
 *
 * Algorithm: D. Chase and Y. Lev, "Dynamic circular work-stealing deque" (SPAA 2005), in the
 * form proven for weak memory by N. M. Lê, A. Pop, A. Cohen and F. Zappa Nardelli, "Correct and
 * efficient work-stealing for weak memory models" (PPoPP 2013). Every Atomics operation in
 * JavaScript is sequentially consistent, so the paper's fences are implied by the SC store of
 * BOTTOM in pop and the SC loads of TOP then BOTTOM in steal.
 *
 * Differences from the paper: the array does not grow (push reports `false` when full, which
 * the caller treats as back-pressure), and a slot holds a record of `recordWords` Int32 words
 * instead of one pointer. A thief copies the record out *before* its CAS on TOP: the record at
 * position TOP cannot be rewritten until TOP has moved past it (push refuses when full), so the
 * copy is intact exactly when the CAS succeeds, and discarded otherwise.
 *
 * Roles: exactly one owner thread calls `tryClaim`/`publish`/`push`/`pop`/`popRecord`; any
 * number of thief threads call `steal`/`stealRecord`. The layout is drawn in layout.ts.
 */
import { SchedulerError } from './errors.js';
import {
  alignUp,
  DEQUE_BOTTOM,
  DEQUE_CAPACITY_WORD,
  DEQUE_HEADER_BYTES,
  DEQUE_MAGIC,
  DEQUE_MAGIC_WORD,
  DEQUE_RECORD_WORDS_WORD,
  DEQUE_SLOTS,
  DEQUE_TOP,
  LINE_BYTES,
} from './layout.js';

/** `pop`/`steal`: nothing to take. */
export const DEQUE_EMPTY = -1;
/** `steal`/`stealRecord`: lost a race with another thief or the owner; the deque may not be empty. */
export const DEQUE_ABORT = -2;
/** `stealRecord`: the record was copied out and is yours. */
export const DEQUE_OK = 0;

export interface ChaseLevDequeOptions {
  /** Number of records; a power of two from 2 to 2^24. */
  readonly capacity: number;
  /** Int32 words per record, 1 to 1024. Default 1. */
  readonly recordWords?: number;
  /** Starting TOP/BOTTOM position, for testing the wrap at 2^31. Default 0. */
  readonly initialPosition?: number;
}

const MAX_CAPACITY = 1 << 24;
const MAX_RECORD_WORDS = 1024;

function validate(where: string, capacity: number, recordWords: number): void {
  if (!Number.isInteger(capacity) || capacity < 2 || capacity > MAX_CAPACITY) {
    throw new SchedulerError(
      where,
      'INVALID_CAPACITY',
      `capacity (${capacity}) must be an integer from 2 to ${MAX_CAPACITY}`,
    );
  }
  if ((capacity & (capacity - 1)) !== 0) {
    throw new SchedulerError(
      where,
      'INVALID_CAPACITY',
      `capacity (${capacity}) must be a power of two`,
    );
  }
  if (!Number.isInteger(recordWords) || recordWords < 1 || recordWords > MAX_RECORD_WORDS) {
    throw new SchedulerError(
      where,
      'INVALID_RECORD_SIZE',
      `recordWords (${recordWords}) must be an integer from 1 to ${MAX_RECORD_WORDS}`,
    );
  }
}

export class ChaseLevDeque {
  /** Bytes of the region for `capacity` records of `recordWords` words (a multiple of 128). */
  static bytesFor(capacity: number, recordWords = 1): number {
    validate('ChaseLevDeque.bytesFor', capacity, recordWords);
    return alignUp(DEQUE_HEADER_BYTES + capacity * recordWords * 4, LINE_BYTES);
  }

  /** Allocates a SharedArrayBuffer holding one empty deque. */
  static create(options: ChaseLevDequeOptions): ChaseLevDeque {
    const bytes = ChaseLevDeque.bytesFor(options.capacity, options.recordWords ?? 1);
    return ChaseLevDeque.format(new SharedArrayBuffer(bytes), 0, options);
  }

  /**
   * Writes an empty deque's header into `sab` at `byteOffset` (128-byte aligned, with
   * `bytesFor(...)` bytes available) and attaches to it. Only for a region nobody uses yet.
   */
  static format(
    sab: SharedArrayBuffer,
    byteOffset: number,
    options: ChaseLevDequeOptions,
  ): ChaseLevDeque {
    const recordWords = options.recordWords ?? 1;
    const bytes = ChaseLevDeque.bytesFor(options.capacity, recordWords);
    checkRegion('ChaseLevDeque.format', sab, byteOffset, bytes);
    const words = new Int32Array(sab, byteOffset, DEQUE_SLOTS);
    const position = (options.initialPosition ?? 0) | 0;
    words[DEQUE_CAPACITY_WORD] = options.capacity;
    words[DEQUE_RECORD_WORDS_WORD] = recordWords;
    Atomics.store(words, DEQUE_TOP, position);
    Atomics.store(words, DEQUE_BOTTOM, position);
    // The magic goes last, so an attach that sees it also sees the fields above.
    Atomics.store(words, DEQUE_MAGIC_WORD, DEQUE_MAGIC);
    return new ChaseLevDeque(sab, byteOffset);
  }

  /** Attaches to a deque that `create` or `format` laid out; allocates nothing shared. */
  static attach(sab: SharedArrayBuffer, byteOffset = 0): ChaseLevDeque {
    checkRegion('ChaseLevDeque.attach', sab, byteOffset, DEQUE_HEADER_BYTES);
    const header = new Int32Array(sab, byteOffset, DEQUE_SLOTS);
    if (Atomics.load(header, DEQUE_MAGIC_WORD) !== DEQUE_MAGIC) {
      throw new SchedulerError(
        'ChaseLevDeque.attach',
        'INVALID_BUFFER',
        `no deque at byte offset ${byteOffset}`,
      );
    }
    const capacity = header[DEQUE_CAPACITY_WORD]!;
    const recordWords = header[DEQUE_RECORD_WORDS_WORD]!;
    validate('ChaseLevDeque.attach', capacity, recordWords);
    checkRegion(
      'ChaseLevDeque.attach',
      sab,
      byteOffset,
      ChaseLevDeque.bytesFor(capacity, recordWords),
    );
    return new ChaseLevDeque(sab, byteOffset);
  }

  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  readonly capacity: number;
  readonly recordWords: number;
  /** The whole region as words: header, then the slots from `DEQUE_SLOTS`. */
  readonly words: Int32Array;
  private readonly mask: number;

  private constructor(sab: SharedArrayBuffer, byteOffset: number) {
    const header = new Int32Array(sab, byteOffset, DEQUE_SLOTS);
    this.buffer = sab;
    this.byteOffset = byteOffset;
    this.capacity = header[DEQUE_CAPACITY_WORD]!;
    this.recordWords = header[DEQUE_RECORD_WORDS_WORD]!;
    this.mask = this.capacity - 1;
    this.words = new Int32Array(sab, byteOffset, DEQUE_SLOTS + this.capacity * this.recordWords);
  }

  /**
   * Owner only. Reserves the next bottom slot and returns the word index in `words` where the
   * caller writes the record (plain stores are fine), or -1 when the deque is full. Nothing is
   * visible to thieves until `publish()`. Reads TOP with Atomics.load; a stale TOP only makes
   * the deque look fuller than it is.
   */
  tryClaim(): number {
    const w = this.words;
    const b = Atomics.load(w, DEQUE_BOTTOM);
    if (((b - Atomics.load(w, DEQUE_TOP)) | 0) >= this.capacity) return -1;
    return DEQUE_SLOTS + (b & this.mask) * this.recordWords;
  }

  /**
   * Owner only, after a successful `tryClaim()`. Publishes the record with an Atomics.store of
   * BOTTOM, which orders the record's plain stores before it for any thief that loads BOTTOM.
   */
  publish(): void {
    const w = this.words;
    Atomics.store(w, DEQUE_BOTTOM, (Atomics.load(w, DEQUE_BOTTOM) + 1) | 0);
  }

  /** Owner only. Pushes a one-word record; `false` when full. Publishes as `publish()`. */
  push(value: number): boolean {
    const index = this.tryClaim();
    if (index < 0) return false;
    this.words[index] = value;
    this.publish();
    return true;
  }

  /**
   * Owner only. Takes the newest one-word record (LIFO), or DEQUE_EMPTY. Records must be
   * non-negative for the sentinel to be unambiguous; use `popRecord` otherwise.
   */
  pop(): number {
    const index = this.takeBottom();
    return index < 0 ? DEQUE_EMPTY : this.words[index]!;
  }

  /** Owner only. Copies the newest record into `dst` at `dstIndex`; `false` when empty. */
  popRecord(dst: Int32Array, dstIndex = 0): boolean {
    const index = this.takeBottom();
    if (index < 0) return false;
    const w = this.words;
    for (let i = 0; i < this.recordWords; i++) dst[dstIndex + i] = w[index + i]!;
    return true;
  }

  /**
   * Any thread but the owner. Takes the oldest one-word record (FIFO), or DEQUE_EMPTY, or
   * DEQUE_ABORT when another thread won the race (retry or look elsewhere). Loads TOP, then
   * BOTTOM (both Atomics.load, in that order, as the algorithm requires), then claims by CAS.
   */
  steal(): number {
    const w = this.words;
    const t = Atomics.load(w, DEQUE_TOP);
    const b = Atomics.load(w, DEQUE_BOTTOM);
    if (((b - t) | 0) <= 0) return DEQUE_EMPTY;
    const value = w[DEQUE_SLOTS + (t & this.mask)]!;
    if (Atomics.compareExchange(w, DEQUE_TOP, t, (t + 1) | 0) !== t) return DEQUE_ABORT;
    return value;
  }

  /**
   * Any thread but the owner. Copies the oldest record into `dst` at `dstIndex` and returns
   * DEQUE_OK, or DEQUE_EMPTY, or DEQUE_ABORT (lost a race; `dst` then holds garbage).
   */
  stealRecord(dst: Int32Array, dstIndex = 0): number {
    const w = this.words;
    const t = Atomics.load(w, DEQUE_TOP);
    const b = Atomics.load(w, DEQUE_BOTTOM);
    if (((b - t) | 0) <= 0) return DEQUE_EMPTY;
    const index = DEQUE_SLOTS + (t & this.mask) * this.recordWords;
    for (let i = 0; i < this.recordWords; i++) dst[dstIndex + i] = w[index + i]!;
    if (Atomics.compareExchange(w, DEQUE_TOP, t, (t + 1) | 0) !== t) return DEQUE_ABORT;
    return DEQUE_OK;
  }

  /**
   * Any thread. Number of records, from two Atomics loads that are not one snapshot: stale
   * by the time it returns, and clamped to [0, capacity].
   */
  size(): number {
    const w = this.words;
    const n = (Atomics.load(w, DEQUE_BOTTOM) - Atomics.load(w, DEQUE_TOP)) | 0;
    return n < 0 ? 0 : Math.min(n, this.capacity);
  }

  /**
   * Call from the new owner, before its first owner operation, when the previous owner may have
   * died in the middle of `pop` (a terminated worker): BOTTOM may then sit below TOP, and a
   * push there would be invisible to thieves. Thieves may run meanwhile; no other owner may.
   */
  repairOwner(): void {
    const w = this.words;
    const t = Atomics.load(w, DEQUE_TOP);
    const size = (Atomics.load(w, DEQUE_BOTTOM) - t) | 0;
    if (size < 0) {
      Atomics.store(w, DEQUE_BOTTOM, t);
    } else if (size === 0) {
      // The dead owner may have been taking the last record (BOTTOM already lowered) while a
      // thief that loaded the old BOTTOM is about to CAS TOP. Settle that race as takeBottom
      // would, giving up the record: without this, the thief's late CAS leaves TOP above
      // BOTTOM and the next push is invisible (found by verification/models/chase_lev.pml).
      Atomics.compareExchange(w, DEQUE_TOP, t, (t + 1) | 0);
      Atomics.store(w, DEQUE_BOTTOM, (t + 1) | 0);
    }
  }

  /**
   * The owner's half of the algorithm: returns the word index of the bottom record, now owned
   * by the caller, or -1 when empty.
   */
  private takeBottom(): number {
    const w = this.words;
    const b = (Atomics.load(w, DEQUE_BOTTOM) - 1) | 0;
    // This SC store is the paper's fence: a thief that loads BOTTOM after it cannot take b,
    // and our TOP load below cannot be ordered before it.
    Atomics.store(w, DEQUE_BOTTOM, b);
    const t = Atomics.load(w, DEQUE_TOP);
    const size = (b - t) | 0;
    if (size < 0) {
      Atomics.store(w, DEQUE_BOTTOM, t);
      return -1;
    }
    const index = DEQUE_SLOTS + (b & this.mask) * this.recordWords;
    if (size > 0) return index;
    // The last record: thieves may be after it too, and TOP decides.
    const won = Atomics.compareExchange(w, DEQUE_TOP, t, (t + 1) | 0) === t;
    Atomics.store(w, DEQUE_BOTTOM, (t + 1) | 0);
    return won ? index : -1;
  }
}

function checkRegion(where: string, sab: SharedArrayBuffer, byteOffset: number, bytes: number) {
  if (!(sab instanceof SharedArrayBuffer)) {
    throw new SchedulerError(where, 'INVALID_BUFFER', 'expected a SharedArrayBuffer');
  }
  if (!Number.isInteger(byteOffset) || byteOffset < 0 || byteOffset % LINE_BYTES !== 0) {
    throw new SchedulerError(
      where,
      'INVALID_BUFFER',
      `byteOffset (${byteOffset}) must be a non-negative multiple of ${LINE_BYTES}`,
    );
  }
  if (byteOffset + bytes > sab.byteLength) {
    throw new SchedulerError(
      where,
      'INVALID_BUFFER',
      `needs ${bytes} bytes at offset ${byteOffset}; the buffer has ${sab.byteLength}`,
    );
  }
}
