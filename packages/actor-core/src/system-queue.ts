import type { SystemMessage } from './system-message.js';

/**
 * A cell's queue of system messages: an array read from a head index, emptied in place when the
 * last message is taken. Most cells see one or two system messages in their life (their own
 * `Stop`, a child's termination), so it is two small objects where `@zactor/ringbuffer`'s
 * `SegmentedHeapQueue` made a queue, a segment and a 16-slot array per cell (the segment's
 * constructor alone was 6% of a Skynet run). A parent with a million children stopping
 * together stays linear: a drain takes every message, and the array restarts from 0.
 *
 * Thread contract: owned by one cell on one event loop; nothing here is shared.
 */
export class SystemQueue {
  private readonly items: (SystemMessage | undefined)[] = [];
  private head = 0;

  push(message: SystemMessage): void {
    this.items.push(message);
  }

  /** The oldest message, or undefined when none waits. */
  shift(): SystemMessage | undefined {
    const items = this.items;
    const head = this.head;
    if (head === items.length) return undefined;
    const message = items[head];
    if (head + 1 === items.length) {
      items.length = 0;
      this.head = 0;
    } else {
      items[head] = undefined;
      this.head = head + 1;
    }
    return message;
  }
}
