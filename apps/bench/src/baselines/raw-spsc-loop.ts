/**
 * Baseline: the bare single-producer single-consumer loop over a SharedArrayBuffer that any
 * SAB ring is measured against — two sequence words 128 bytes apart, a power-of-two array of
 * Int32 values, each side caching the other's sequence and publishing with one Atomics.store
 * per batch. No API, no validation, no corruption checks: the limit of the hand-off itself.
 *
 * ```
 *  word 0          word 32           word 64
 *  +-------------+ +---------------+ +---------------------------+
 *  | consumed    | | produced      | | values (capacity Int32s)  |
 *  +-------------+ +---------------+ +---------------------------+
 * ```
 *
 * Thread contract: one producer thread calls push/pushBatch, one consumer thread popBatch.
 * The producer's Atomics.store of `produced` releases the values it wrote; the consumer's
 * Atomics.load of it acquires them (and the same for `consumed` the other way).
 */
const CONSUMED = 0;
const PRODUCED = 32;
const DATA = 64;

export class RawSpscLoop {
  readonly buffer: SharedArrayBuffer;
  private readonly words: Int32Array;
  private readonly capacity: number;
  private readonly mask: number;
  private produced = 0;
  private consumed = 0;
  private cachedConsumed = 0;
  private cachedProduced = 0;

  private constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.words = new Int32Array(buffer);
    this.capacity = this.words.length - DATA;
    this.mask = this.capacity - 1;
    this.produced = Atomics.load(this.words, PRODUCED);
    this.consumed = Atomics.load(this.words, CONSUMED);
    this.cachedConsumed = this.consumed;
    this.cachedProduced = this.produced;
  }

  /** `capacity` a power of two. */
  static create(capacity: number): RawSpscLoop {
    return new RawSpscLoop(new SharedArrayBuffer((DATA + capacity) * 4));
  }

  static attach(buffer: SharedArrayBuffer): RawSpscLoop {
    return new RawSpscLoop(buffer);
  }

  push(value: number): boolean {
    const p = this.produced;
    if (((p - this.cachedConsumed) | 0) >= this.capacity) {
      this.cachedConsumed = Atomics.load(this.words, CONSUMED);
      if (((p - this.cachedConsumed) | 0) >= this.capacity) return false;
    }
    this.words[DATA + (p & this.mask)] = value;
    this.produced = (p + 1) | 0;
    Atomics.store(this.words, PRODUCED, this.produced);
    return true;
  }

  pushBatch(src: Int32Array, from: number, count: number): number {
    const p = this.produced;
    let free = this.capacity - ((p - this.cachedConsumed) | 0);
    if (free < count) {
      this.cachedConsumed = Atomics.load(this.words, CONSUMED);
      free = this.capacity - ((p - this.cachedConsumed) | 0);
    }
    const at = p & this.mask;
    const n = Math.min(count, free, this.capacity - at);
    if (n <= 0) return 0;
    const words = this.words;
    const base = DATA + at;
    for (let i = 0; i < n; i++) words[base + i] = src[from + i]!;
    this.produced = (p + n) | 0;
    Atomics.store(words, PRODUCED, this.produced);
    return n;
  }

  popBatch(dst: Int32Array, max: number): number {
    const c = this.consumed;
    let available = (this.cachedProduced - c) | 0;
    if (available < max) {
      this.cachedProduced = Atomics.load(this.words, PRODUCED);
      available = (this.cachedProduced - c) | 0;
    }
    const at = c & this.mask;
    const n = Math.min(max, available, this.capacity - at);
    if (n <= 0) return 0;
    const words = this.words;
    const base = DATA + at;
    for (let i = 0; i < n; i++) dst[i] = words[base + i]!;
    this.consumed = (c + n) | 0;
    Atomics.store(words, CONSUMED, this.consumed);
    return n;
  }
}
