import type { Schedulable } from './dispatcher.js';

const INITIAL = 1024;

/**
 * The dispatcher's queue of ready actors: a power-of-two ring that doubles when full and
 * never shrinks (it holds at most one entry per actor). On the one-message-per-turn path
 * (one pair, one message in flight) it is measurably cheaper than a segmented queue.
 */
export class RunQueue {
  private slots: (Schedulable | undefined)[] = new Array<Schedulable | undefined>(INITIAL).fill(
    undefined,
  );
  private mask = INITIAL - 1;
  private head = 0;
  private length = 0;

  get size(): number {
    return this.length;
  }

  push(cell: Schedulable): void {
    const length = this.length;
    if (length === this.slots.length) this.grow();
    this.slots[(this.head + length) & this.mask] = cell;
    this.length = length + 1;
  }

  /** The cell `k` places behind the head; only for `k < size`. */
  at(k: number): Schedulable {
    return this.slots[(this.head + k) & this.mask]!;
  }

  shift(): Schedulable | undefined {
    if (this.length === 0) return undefined;
    const head = this.head;
    const cell = this.slots[head];
    this.slots[head] = undefined;
    this.head = (head + 1) & this.mask;
    this.length--;
    return cell;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = old.length;
    const slots = new Array<Schedulable | undefined>(capacity * 2).fill(undefined);
    for (let i = 0, h = this.head; i < capacity; i++, h = (h + 1) & this.mask) slots[i] = old[h];
    this.slots = slots;
    this.mask = capacity * 2 - 1;
    this.head = 0;
  }
}
