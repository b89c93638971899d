import type { HeapQueue } from './heap-queue.js';
import { assertPowerOfTwo } from './power-of-two.js';

/** Largest capacity accepted: keeps every index a small integer (V8 Smi). */
const MAX_CAPACITY = 0x40000000;

/**
 * A bounded single-thread FIFO of references on a preallocated power-of-two array.
 *
 * State is a masked read index plus a length, not two free-running counters, so every index
 * stays a Smi forever (free-running counters would leave the Smi range after 2^30 pushes and
 * turn the hot path into heap-number arithmetic). The slot array is filled with `undefined`
 * up front so V8 keeps it a packed, non-holey elements array.
 */
export class FixedHeapQueue<T> implements HeapQueue<T> {
  /** Maximum number of items; a power of two. */
  readonly capacity: number;
  readonly #mask: number;
  readonly #slots: (T | undefined)[];
  #head = 0;
  #length = 0;

  /** @throws RingBufferError `INVALID_CAPACITY` unless `capacity` is a power of two in [1, 2^30]. */
  constructor(capacity: number) {
    assertPowerOfTwo('FixedHeapQueue.constructor', 'capacity', capacity, 1, MAX_CAPACITY);
    this.capacity = capacity;
    this.#mask = capacity - 1;
    this.#slots = new Array<T | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.#length;
  }

  push(item: T): boolean {
    const length = this.#length;
    if (length === this.capacity) return false;
    this.#slots[(this.#head + length) & this.#mask] = item;
    this.#length = length + 1;
    return true;
  }

  shift(): T | undefined {
    if (this.#length === 0) return undefined;
    const head = this.#head;
    const item = this.#slots[head];
    this.#slots[head] = undefined;
    this.#head = (head + 1) & this.#mask;
    this.#length--;
    return item;
  }

  peek(): T | undefined {
    return this.#length === 0 ? undefined : this.#slots[this.#head];
  }

  clear(): void {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let i = 0, h = this.#head; i < this.#length; i++, h = (h + 1) & mask) slots[h] = undefined;
    this.#head = 0;
    this.#length = 0;
  }

  drain(handler: (item: T) => void, max: number = Number.POSITIVE_INFINITY): number {
    let budget = Math.min(this.#length, max);
    const slots = this.#slots;
    const mask = this.#mask;
    let count = 0;
    // State is written back before each call so a re-entrant handler sees a consistent queue.
    while (budget-- > 0 && this.#length !== 0) {
      const head = this.#head;
      const item = slots[head] as T;
      slots[head] = undefined;
      this.#head = (head + 1) & mask;
      this.#length--;
      count++;
      handler(item);
    }
    return count;
  }
}

FixedHeapQueue satisfies new (
  capacity: number,
) => HeapQueue<unknown>;
