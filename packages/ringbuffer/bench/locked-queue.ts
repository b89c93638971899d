/*
 * The baseline the lock-free rings are measured against: a bounded queue of Int32 values in a
 * SharedArrayBuffer guarded by an Atomics mutex — what a straightforward "queue + lock" port
 * would do. Bench only; not part of the package's API.
 *
 * The mutex is the three-state futex mutex of Ulrich Drepper, "Futexes Are Tricky" (2011),
 * mutex #3: 0 = free, 1 = held, 2 = held with possible sleepers; it spins briefly before
 * sleeping in Atomics.wait (so it must run in workers).
 *
 * ```
 * byte   0 | LOCK | HEAD | TAIL | CAPACITY | 0…    |  HEAD/TAIL: pops/pushes so far (Int32, wrap)
 * byte 128 | value 0 | value 1 | … | value CAPACITY-1 |  slot = position & (CAPACITY - 1)
 * ```
 * HEAD, TAIL and the values are read and written with plain accesses, only while LOCK is held;
 * the lock's Atomics operations order them.
 */
const LOCK = 0;
const HEAD = 1;
const TAIL = 2;
const CAPACITY = 3;
const DATA_WORD = 32;
const SPINS = 100;

/** What `pop` returns when the queue is empty. Values pushed must be non-negative. */
export const LOCKED_EMPTY = -1;

export class LockedQueue {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
  readonly #words: Int32Array;
  readonly #mask: number;

  static bytesFor(capacity: number): number {
    if (!(capacity >= 1 && (capacity & (capacity - 1)) === 0)) {
      throw new RangeError(`LockedQueue: capacity (${capacity}) must be a power of two`);
    }
    return (DATA_WORD + capacity) * 4;
  }

  static create(capacity: number): LockedQueue {
    const buffer = new SharedArrayBuffer(LockedQueue.bytesFor(capacity));
    new Int32Array(buffer)[CAPACITY] = capacity;
    return new LockedQueue(buffer);
  }

  static attach(buffer: SharedArrayBuffer): LockedQueue {
    return new LockedQueue(buffer);
  }

  private constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.#words = new Int32Array(buffer);
    this.capacity = this.#words[CAPACITY]!;
    this.#mask = this.capacity - 1;
  }

  /** Any worker. Appends `value` (>= 0) under the lock; false when full. */
  push(value: number): boolean {
    this.#lock();
    const w = this.#words;
    const tail = w[TAIL]!;
    const ok = ((tail - w[HEAD]!) | 0) < this.capacity;
    if (ok) {
      w[DATA_WORD + (tail & this.#mask)] = value;
      w[TAIL] = (tail + 1) | 0;
    }
    this.#unlock();
    return ok;
  }

  /** Any worker. Appends up to `count` values from `src[from…]` under one lock; returns how many. */
  pushBatch(src: Int32Array, from: number, count: number): number {
    this.#lock();
    const w = this.#words;
    const tail = w[TAIL]!;
    const free = this.capacity - ((tail - w[HEAD]!) | 0);
    const n = Math.min(free, count);
    for (let i = 0; i < n; i++) w[DATA_WORD + ((tail + i) & this.#mask)] = src[from + i]!;
    w[TAIL] = (tail + n) | 0;
    this.#unlock();
    return n;
  }

  /** Any worker. Removes the oldest value under the lock, or returns `LOCKED_EMPTY`. */
  pop(): number {
    this.#lock();
    const w = this.#words;
    const head = w[HEAD]!;
    let value = LOCKED_EMPTY;
    if (head !== w[TAIL]) {
      value = w[DATA_WORD + (head & this.#mask)]!;
      w[HEAD] = (head + 1) | 0;
    }
    this.#unlock();
    return value;
  }

  /** Any worker. Removes up to `max` values into `dst` under one lock; returns how many. */
  popBatch(dst: Int32Array, max: number): number {
    this.#lock();
    const w = this.#words;
    const head = w[HEAD]!;
    const available = (w[TAIL]! - head) | 0;
    const n = Math.min(available, max);
    for (let i = 0; i < n; i++) dst[i] = w[DATA_WORD + ((head + i) & this.#mask)]!;
    w[HEAD] = (head + n) | 0;
    this.#unlock();
    return n;
  }

  #lock(): void {
    const w = this.#words;
    let state = Atomics.compareExchange(w, LOCK, 0, 1);
    if (state === 0) return;
    for (let i = 0; i < SPINS; i++) {
      state = Atomics.compareExchange(w, LOCK, 0, 1);
      if (state === 0) return;
    }
    if (state !== 2) state = Atomics.exchange(w, LOCK, 2);
    while (state !== 0) {
      Atomics.wait(w, LOCK, 2);
      state = Atomics.exchange(w, LOCK, 2);
    }
  }

  #unlock(): void {
    const w = this.#words;
    if (Atomics.sub(w, LOCK, 1) !== 1) {
      Atomics.store(w, LOCK, 0);
      Atomics.notify(w, LOCK, 1);
    }
  }
}
