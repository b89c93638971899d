/*
 * An unbounded FIFO made of linked fixed-size segments, after Node.js's internal
 * `lib/internal/fixed_queue.js` (used for its nextTick queue): growth links one more segment
 * instead of copying the whole ring, and a single spare segment is kept so a queue that
 * oscillates around a segment boundary does not allocate on every crossing.
 */
import type { HeapQueue } from './heap-queue.js';
import { assertPowerOfTwo } from './power-of-two.js';

const MAX_SEGMENT_SIZE = 0x40000000;

/** One fixed block of slots; filled from `write`, emptied from `read`, never wrapped. */
class Segment<T> {
  readonly slots: (T | undefined)[];
  read = 0;
  write = 0;
  next: Segment<T> | null = null;

  constructor(size: number) {
    this.slots = new Array<T | undefined>(size).fill(undefined);
  }
}

/**
 * An unbounded single-thread FIFO of references. `push` never fails.
 *
 * Invariants: items live in the chain `#head -> ... -> #tail`; every segment but the tail is
 * full up to `segmentSize`; the head segment has `read < write` unless the queue is empty, in
 * which case it is also the tail with `read === write === 0` (so a queue that keeps emptying
 * stays in one segment and never allocates).
 */
export class SegmentedHeapQueue<T> implements HeapQueue<T> {
  /** Slots per segment; a power of two. */
  readonly segmentSize: number;
  #head: Segment<T>;
  #tail: Segment<T>;
  #spare: Segment<T> | null = null;
  #length = 0;

  /** @throws RingBufferError `INVALID_CAPACITY` unless `segmentSize` is a power of two in [2, 2^30]. */
  constructor(segmentSize = 2048) {
    assertPowerOfTwo(
      'SegmentedHeapQueue.constructor',
      'segmentSize',
      segmentSize,
      2,
      MAX_SEGMENT_SIZE,
    );
    this.segmentSize = segmentSize;
    this.#head = this.#tail = new Segment<T>(segmentSize);
  }

  get size(): number {
    return this.#length;
  }

  push(item: T): boolean {
    let tail = this.#tail;
    if (tail.write === this.segmentSize) {
      tail = this.#newSegment();
      this.#tail.next = tail;
      this.#tail = tail;
    }
    tail.slots[tail.write++] = item;
    this.#length++;
    return true;
  }

  shift(): T | undefined {
    if (this.#length === 0) return undefined;
    const head = this.#head;
    const read = head.read;
    const item = head.slots[read];
    head.slots[read] = undefined;
    head.read = read + 1;
    this.#length--;
    if (read + 1 === head.write) this.#retire(head);
    return item;
  }

  peek(): T | undefined {
    if (this.#length === 0) return undefined;
    const head = this.#head;
    return head.slots[head.read];
  }

  clear(): void {
    let segment: Segment<T> | null = this.#head;
    while (segment !== null) {
      segment.slots.fill(undefined, segment.read, segment.write);
      segment.read = segment.write = 0;
      const next: Segment<T> | null = segment.next;
      segment.next = null;
      segment = next;
    }
    // Keep the first segment; the others are left to the GC except one kept as the spare.
    const first = this.#head;
    if (this.#tail !== first) this.#spare = this.#tail;
    this.#tail = first;
    this.#length = 0;
  }

  drain(handler: (item: T) => void, max: number = Number.POSITIVE_INFINITY): number {
    let budget = Math.min(this.#length, max);
    let count = 0;
    // shift() leaves the queue consistent before each call, so the handler may re-enter.
    while (budget-- > 0 && this.#length !== 0) {
      const item = this.shift() as T;
      count++;
      handler(item);
    }
    return count;
  }

  /** Called when `segment` (the head) has just handed out its last written item. */
  #retire(segment: Segment<T>): void {
    const next = segment.next;
    segment.read = segment.write = 0;
    if (next === null) return; // it is also the tail: reuse it in place
    segment.next = null;
    this.#head = next;
    this.#spare = segment;
  }

  #newSegment(): Segment<T> {
    const spare = this.#spare;
    if (spare === null) return new Segment<T>(this.segmentSize);
    this.#spare = null;
    return spare;
  }
}

SegmentedHeapQueue satisfies new (
  segmentSize?: number,
) => HeapQueue<unknown>;
