import type { DrainSource } from '../../src/index.js';

/** A plain FIFO with the DrainSource shape, standing in for a ring in tests. */
export class ArraySource<T> implements DrainSource<T> {
  private items: T[] = [];
  private head = 0;

  push(...items: T[]): void {
    for (const item of items) this.items.push(item);
  }

  get length(): number {
    return this.items.length - this.head;
  }

  drain(handler: (item: T) => void, max = Number.POSITIVE_INFINITY): number {
    let taken = 0;
    while (taken < max && this.head < this.items.length) {
      handler(this.items[this.head++] as T);
      taken++;
    }
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    }
    return taken;
  }
}
