/**
 * Role: a single-thread FIFO of object references (an actor mailbox).
 *
 * Not thread-safe and not meant to be: every method must be called from the thread that owns
 * the queue. Removing an item clears its slot, so a delivered message can be garbage-collected.
 */
export interface HeapQueue<T> {
  /** Number of queued items. */
  readonly size: number;
  /** Appends `item`; returns false when a bounded queue is full (never for an unbounded one). */
  push(item: T): boolean;
  /** Removes and returns the oldest item, or `undefined` when empty. Clears the slot. */
  shift(): T | undefined;
  /** Returns the oldest item without removing it, or `undefined` when empty. */
  peek(): T | undefined;
  /** Removes every item and drops the references to them. */
  clear(): void;
  /**
   * Removes up to `max` items (default: all) in FIFO order and hands each to `handler`;
   * returns how many were handed over. Does not allocate.
   *
   * Re-entrancy: the number of items handed over is bounded by the size at the moment of the
   * call. Each item is removed before `handler` sees it, so the handler may push to, shift
   * from, or clear the same queue; items it pushes stay queued, after the others, for a later
   * call. If `handler` throws, the item it was given is already removed, the rest stay queued,
   * and the error propagates.
   */
  drain(handler: (item: T) => void, max?: number): number;
}
