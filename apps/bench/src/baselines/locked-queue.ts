import { BenchError } from '../errors.js';
import { LOCKED_CAPACITY, LOCKED_HEAD, LOCKED_SLOTS, LOCKED_TAIL } from '../layout.js';
import { lockMutex, unlockMutex } from './futex-mutex.js';

/**
 * The baseline queue: a bounded ring of Int32 values in a SharedArrayBuffer with every operation
 * under one mutex (see futex-mutex.ts). Any number of producers and consumers may use it from
 * workers. This is the design the lock-free rings replace; it is not part of any public API.
 */
export class LockedQueue {
  readonly capacity: number;
  private readonly words: Int32Array;
  private readonly mask: number;

  private constructor(sab: SharedArrayBuffer) {
    this.words = new Int32Array(sab);
    this.capacity = this.words[LOCKED_CAPACITY]!;
    this.mask = this.capacity - 1;
  }

  static bytesFor(capacity: number): number {
    if (!(Number.isInteger(capacity) && capacity >= 2 && (capacity & (capacity - 1)) === 0)) {
      throw new BenchError(
        'LockedQueue.bytesFor',
        'INVALID_CAPACITY',
        `capacity (${capacity}) must be a power of two >= 2`,
      );
    }
    return (LOCKED_SLOTS + capacity) * 4;
  }

  /** Allocates a queue; post `.buffer` to workers and `attach` there. */
  static create(capacity: number): LockedQueue {
    const sab = new SharedArrayBuffer(LockedQueue.bytesFor(capacity));
    new Int32Array(sab)[LOCKED_CAPACITY] = capacity;
    return new LockedQueue(sab);
  }

  /** Attaches to a buffer made by `create`. */
  static attach(sab: SharedArrayBuffer): LockedQueue {
    const capacity = new Int32Array(sab, 0, LOCKED_SLOTS)[LOCKED_CAPACITY]!;
    if (sab.byteLength !== LockedQueue.bytesFor(capacity)) {
      throw new BenchError(
        'LockedQueue.attach',
        'BAD_BUFFER',
        'buffer size does not match its header',
      );
    }
    return new LockedQueue(sab);
  }

  get buffer(): SharedArrayBuffer {
    return this.words.buffer as SharedArrayBuffer;
  }

  /** Appends one value; false when full. Any worker. Publishes through the mutex release. */
  push(value: number): boolean {
    const w = this.words;
    lockMutex(w);
    const tail = w[LOCKED_TAIL]!;
    const ok = ((tail - w[LOCKED_HEAD]!) | 0) !== this.capacity;
    if (ok) {
      w[LOCKED_SLOTS + (tail & this.mask)] = value;
      w[LOCKED_TAIL] = (tail + 1) | 0;
    }
    unlockMutex(w);
    return ok;
  }

  /** Appends up to `count` values from `src[from...]` under one lock; returns how many. Any worker. */
  pushBatch(src: Int32Array, from: number, count: number): number {
    const w = this.words;
    lockMutex(w);
    const tail = w[LOCKED_TAIL]!;
    const free = this.capacity - ((tail - w[LOCKED_HEAD]!) | 0);
    const n = Math.min(count, free);
    for (let i = 0; i < n; i++) w[LOCKED_SLOTS + ((tail + i) & this.mask)] = src[from + i]!;
    w[LOCKED_TAIL] = (tail + n) | 0;
    unlockMutex(w);
    return n;
  }

  /** Removes the oldest value; -1 when empty, so -1 is never pushed. Any worker. */
  pop(): number {
    const w = this.words;
    lockMutex(w);
    const head = w[LOCKED_HEAD]!;
    let value = -1;
    if (head !== w[LOCKED_TAIL]) {
      value = w[LOCKED_SLOTS + (head & this.mask)]!;
      w[LOCKED_HEAD] = (head + 1) | 0;
    }
    unlockMutex(w);
    return value;
  }

  /** Removes up to `max` values into `dst` under one lock; returns how many. Any worker. */
  popBatch(dst: Int32Array, max: number): number {
    const w = this.words;
    lockMutex(w);
    const head = w[LOCKED_HEAD]!;
    const size = (w[LOCKED_TAIL]! - head) | 0;
    const n = Math.min(max, size);
    for (let i = 0; i < n; i++) dst[i] = w[LOCKED_SLOTS + ((head + i) & this.mask)]!;
    w[LOCKED_HEAD] = (head + n) | 0;
    unlockMutex(w);
    return n;
  }
}
