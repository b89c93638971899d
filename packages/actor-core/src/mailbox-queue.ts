import type { AnyActorRef } from './actor-ref.js';

/** Slots of a new mailbox: 8 messages. */
const INITIAL_SLOTS = 16;
/** An emptied mailbox larger than this gives its array back (after a burst). */
const SHRINK_ABOVE = 4096;
const MAX_SLOTS = 0x40000000;

/**
 * An actor's mailbox: a power-of-two ring that stores each message next to its
 * sender (two adjacent slots), grows by doubling up to a limit, and shrinks back when
 * it empties after a burst.
 *
 * Why not `@zactor/ringbuffer`'s queues: the mailbox is the hottest structure in the
 * runtime, and measured on the ping-pong benchmark (32 pairs x 100 in flight) a
 * SegmentedHeapQueue of 64-slot segments gave 43M msg/s and a FixedHeapQueue 57M,
 * paying two calls and two bound checks per message; one ring that moves the
 * (message, sender) pair in one call does better (docs/architecture.md has the figures).
 * Growth copies the ring, but only log2(peak) times in an actor's life.
 *
 * Invariants: `head` and `length` are even, so a pair never straddles the wrap.
 */
export class MailboxQueue {
  /** The sender of the message `shift` returned last. */
  sender: AnyActorRef | null = null;
  private slots: unknown[];
  private mask: number;
  private head = 0;
  private length = 0;
  /** Slots the messages may use: twice the bound, or MAX_SLOTS. */
  private readonly limit: number;
  /** min(array size, limit): the one number `push` compares against. */
  private threshold: number;

  /** `maxMessages` 0 means unbounded. */
  constructor(maxMessages: number) {
    this.limit = maxMessages === 0 ? MAX_SLOTS : maxMessages * 2;
    this.slots = new Array<unknown>(INITIAL_SLOTS).fill(undefined);
    this.mask = INITIAL_SLOTS - 1;
    this.threshold = Math.min(INITIAL_SLOTS, this.limit);
  }

  /** Messages waiting. */
  get size(): number {
    return this.length >>> 1;
  }

  /** Appends a message; false when a bounded mailbox is full. */
  push(message: unknown, sender: AnyActorRef | null): boolean {
    const length = this.length;
    if (length === this.threshold && !this.grow()) return false;
    const slots = this.slots;
    const i = (this.head + length) & this.mask;
    slots[i] = message;
    slots[i + 1] = sender;
    this.length = length + 2;
    return true;
  }

  /** Removes the oldest message (its sender goes to `sender`); undefined when empty. */
  shift(): unknown {
    const length = this.length;
    if (length === 0) return undefined;
    const slots = this.slots;
    const head = this.head;
    const message = slots[head];
    this.sender = slots[head + 1] as AnyActorRef | null;
    slots[head] = undefined;
    slots[head + 1] = undefined;
    this.length = length - 2;
    if (length === 2) {
      this.head = 0;
      if (slots.length > SHRINK_ABOVE) this.reset();
    } else {
      this.head = (head + 2) & this.mask;
    }
    return message;
  }

  private grow(): boolean {
    const old = this.slots;
    const capacity = old.length;
    if (this.length === this.limit) return false;
    const slots = new Array<unknown>(capacity * 2).fill(undefined);
    const mask = this.mask;
    for (let i = 0, h = this.head; i < capacity; i++, h = (h + 1) & mask) slots[i] = old[h];
    this.slots = slots;
    this.mask = capacity * 2 - 1;
    this.head = 0;
    this.threshold = Math.min(capacity * 2, this.limit);
    return true;
  }

  private reset(): void {
    this.slots = new Array<unknown>(INITIAL_SLOTS).fill(undefined);
    this.mask = INITIAL_SLOTS - 1;
    this.threshold = Math.min(INITIAL_SLOTS, this.limit);
  }
}
