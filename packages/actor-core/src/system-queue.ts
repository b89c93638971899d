import type { SystemMessage } from './system-message.js';

/** Room a new queue starts with: most cells see one or two system messages in their life. */
const INITIAL_SLOTS = 2;

/**
 * A cell's queue of system messages: an array read from a head index and written at a tail
 * index, emptied in place when the last message is taken. Most cells see one or two system
 * messages in their life (their own `Stop`, a child's termination), so it is two small objects
 * where `@zactor/ringbuffer`'s `SegmentedHeapQueue` made a queue, a segment and a 16-slot array
 * per cell (the segment's constructor alone was 6% of a Skynet run). The array starts with 2
 * slots and doubles: a first `push` onto an empty JS array gave it 17 (about 150 bytes per
 * stopped actor, measured with a sampling heap profile of Fork-join creation). A parent with a
 * million children stopping together stays linear: a drain takes every message, and the array
 * restarts from 0.
 *
 * Thread contract: owned by one cell on one event loop; nothing here is shared.
 */
export class SystemQueue {
  private items: (SystemMessage | undefined)[] = new Array<SystemMessage | undefined>(
    INITIAL_SLOTS,
  );
  private head = 0;
  private tail = 0;

  push(message: SystemMessage): void {
    if (this.tail === this.items.length) this.grow();
    this.items[this.tail++] = message;
  }

  /** The oldest message, or undefined when none waits. */
  shift(): SystemMessage | undefined {
    const head = this.head;
    if (head === this.tail) return undefined;
    const items = this.items;
    const message = items[head];
    items[head] = undefined;
    if (head + 1 === this.tail) {
      this.head = 0;
      this.tail = 0;
    } else {
      this.head = head + 1;
    }
    return message;
  }

  /** Room for twice as many as wait; what waits moves to the front. */
  private grow(): void {
    const old = this.items;
    const waiting = this.tail - this.head;
    const items = new Array<SystemMessage | undefined>(Math.max(INITIAL_SLOTS, waiting * 2));
    let n = 0;
    for (let i = this.head; i < this.tail; i++) items[n++] = old[i];
    this.items = items;
    this.head = 0;
    this.tail = n;
  }
}
