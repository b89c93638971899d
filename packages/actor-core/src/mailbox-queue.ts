import type { AnyActorRef } from './actor-ref.js';
import { giveSegment, SEGMENT_SLOTS, takeSegment } from './segment-pool.js';

/** Slots of a new mailbox: 2 messages (most actors hold few; a busy one doubles a few times, once). */
const INITIAL_SLOTS = 4;
/** An emptied mailbox larger than this gives its array back (after a burst). */
const SHRINK_ABOVE = 4096;
const MAX_SLOTS = 0x40000000;
/** Put in a spill's list where a segment was taken out, so the list holds no stale array. */
const TAKEN: unknown[] = [];

/**
 * What waits behind a full ring of `segmentSlots`: whole segments of the same size, oldest first,
 * the last one being filled. Made on the first spill; most mailboxes never have one.
 */
class Spill {
  readonly segments: unknown[][] = [];
  /** Index in `segments` of the oldest segment still waiting. */
  first = 0;
  /** Slots used in the last segment. */
  tailFill = 0;
}

/**
 * An actor's mailbox: a power-of-two ring that stores each message next to its sender (two
 * adjacent slots). The ring grows by doubling up to `segmentSlots`; past that, messages spill
 * into a chain of fixed segments of the same size, and each segment becomes the ring in turn as
 * the one before it empties — so a burst of a million messages costs no copies and no large
 * arrays, and FIFO order holds across every segment boundary. It shrinks back when it empties
 * after a burst.
 *
 * Why not `@zactor/ringbuffer`'s queues: the mailbox is the hottest structure in the
 * runtime, and measured on the ping-pong benchmark (32 pairs x 100 in flight) a
 * SegmentedHeapQueue of 64-slot segments gave 43M msg/s and a FixedHeapQueue 57M,
 * paying two calls and two bound checks per message; one ring that moves the
 * (message, sender) pair in one call does better (docs/architecture.md has the figures).
 *
 * Invariants: `head` and `length` are even, so a pair never straddles the wrap; the ring is
 * empty only when nothing is spilled (`length === 0` implies `spilled === 0`),
 * so `empty` (and `shift`) test one number; while anything is spilled `threshold` is 0, so every
 * `push` takes the slow path and lands behind it. `head` goes back to slot 0 only when the ring
 * empties with a spill or after a burst (`emptied`); every other read goes through `head` and `mask`.
 */
export class MailboxQueue {
  /** The sender of the message `shift`, `take` or `peek` returned last. */
  sender: AnyActorRef | null = null;
  private slots: unknown[];
  private mask: number;
  private head = 0;
  private length = 0;
  /** Slots the messages may use: twice the bound, or MAX_SLOTS. */
  private readonly limit: number;
  /** min(array size, limit), or 0 while spilled: `push` takes its slow path at or above it. */
  private threshold: number;
  private readonly segmentSlots: number;
  private spill: Spill | null = null;
  /** Slots used in the spill's segments (kept beside the ring: `size` is one addition). */
  private spilled = 0;

  /**
   * `maxMessages` 0 means unbounded. `segmentSlots` (a power of two, default 8192) is for tests
   * that cross segment boundaries with few messages.
   */
  constructor(maxMessages: number, segmentSlots = SEGMENT_SLOTS) {
    this.limit = maxMessages === 0 ? MAX_SLOTS : maxMessages * 2;
    this.segmentSlots = segmentSlots;
    const initial = Math.min(INITIAL_SLOTS, segmentSlots);
    this.slots = new Array<unknown>(initial).fill(undefined);
    this.mask = initial - 1;
    this.threshold = Math.min(initial, this.limit);
  }

  /** Messages waiting. */
  get size(): number {
    return (this.length + this.spilled) >>> 1;
  }

  /** No message waits (the ring is empty only when nothing is spilled). */
  get empty(): boolean {
    return this.length === 0;
  }

  /** Appends a message; false when a bounded mailbox is full. */
  push(message: unknown, sender: AnyActorRef | null): boolean {
    const length = this.length;
    if (length >= this.threshold) return this.pushSlow(message, sender);
    const slots = this.slots;
    const i = (this.head + length) & this.mask;
    slots[i] = message;
    slots[i + 1] = sender;
    this.length = length + 2;
    return true;
  }

  /** Removes the oldest message (its sender goes to `sender`); undefined when empty. */
  shift(): unknown {
    return this.length === 0 ? undefined : this.take();
  }

  /**
   * Removes the oldest message of a queue that is not `empty` (its sender goes to `sender`);
   * on an empty queue it breaks the queue, so only a caller that has just tested `empty` calls it:
   * the turn's loop tests `empty` itself, and a shift that tests again and returns undefined
   * read 2% slower on the same-worker ping-pong (pinned, alternated runs).
   */
  take(): unknown {
    const length = this.length;
    const slots = this.slots;
    const head = this.head;
    const message = slots[head];
    this.sender = slots[head + 1] as AnyActorRef | null;
    slots[head] = undefined;
    slots[head + 1] = undefined;
    this.length = length - 2;
    this.head = (head + 2) & this.mask;
    if (length === 2 && (this.spill !== null || slots.length > SHRINK_ABOVE)) this.emptied();
    return message;
  }

  /** The ring has just emptied with segments waiting, or after a burst: see promote and reset. */
  private emptied(): void {
    this.head = 0;
    if (this.spill !== null) this.promote();
    else this.reset();
  }

  /** Whether a waiting message `match`es (oldest first); the queue is left as it is. */
  some(match: (message: unknown) => boolean): boolean {
    const slots = this.slots;
    for (let i = 0; i < this.length; i += 2) {
      if (match(slots[(this.head + i) & this.mask])) return true;
    }
    const spill = this.spill;
    if (spill === null || this.spilled === 0) return false;
    const segments = spill.segments;
    for (let s = spill.first; s < segments.length; s++) {
      const segment = segments[s]!;
      const fill = s === segments.length - 1 ? spill.tailFill : this.segmentSlots;
      for (let i = 0; i < fill; i += 2) if (match(segment[i])) return true;
    }
    return false;
  }

  /** The oldest message, left in place (its sender goes to `sender`); undefined when empty. */
  peek(): unknown {
    if (this.length === 0) return undefined;
    const slots = this.slots;
    this.sender = slots[this.head + 1] as AnyActorRef | null;
    return slots[this.head];
  }

  /** The ring is at its threshold: grow it, spill, or refuse (a full bounded mailbox). */
  private pushSlow(message: unknown, sender: AnyActorRef | null): boolean {
    const spill = this.spill;
    const spilled = this.spilled;
    if (this.length + spilled >= this.limit) return false;
    if (spilled === 0 && this.slots.length < this.segmentSlots) {
      this.grow();
      const slots = this.slots;
      const length = this.length;
      slots[length] = message;
      slots[length + 1] = sender;
      this.length = length + 2;
      return true;
    }
    this.spillPush(spill ?? (this.spill = new Spill()), message, sender);
    return true;
  }

  private spillPush(spill: Spill, message: unknown, sender: AnyActorRef | null): void {
    const size = this.segmentSlots;
    const segments = spill.segments;
    let fill = spill.tailFill;
    if (this.spilled === 0 || fill === size) {
      segments.push(takeSegment(size));
      fill = 0;
    }
    const tail = segments[segments.length - 1]!;
    tail[fill] = message;
    tail[fill + 1] = sender;
    spill.tailFill = fill + 2;
    this.spilled += 2;
    this.threshold = 0;
  }

  /** The ring has emptied with segments waiting: the oldest becomes the ring. */
  private promote(): void {
    const spill = this.spill!;
    if (this.spilled === 0) {
      // Nothing waits: leave spill mode, keeping the ring's full size for the next burst.
      this.spill = null;
      this.threshold = Math.min(this.slots.length, this.limit);
      if (this.slots.length > SHRINK_ABOVE) this.reset();
      return;
    }
    const size = this.segmentSlots;
    giveSegment(this.slots);
    const segments = spill.segments;
    const last = spill.first === segments.length - 1;
    this.slots = segments[spill.first]!;
    segments[spill.first++] = TAKEN;
    this.mask = size - 1;
    const fill = last ? spill.tailFill : size;
    this.length = fill;
    this.spilled -= fill;
    if (last) {
      segments.length = 0;
      spill.first = 0;
      spill.tailFill = 0;
      // The ring is the tail again: pushes go straight to it until it fills.
      this.threshold = Math.min(size, this.limit);
    }
  }

  private grow(): void {
    const old = this.slots;
    const capacity = old.length;
    const slots = takeSegment(capacity * 2);
    const mask = this.mask;
    for (let i = 0, h = this.head; i < capacity; i++, h = (h + 1) & mask) slots[i] = old[h];
    this.slots = slots;
    this.mask = capacity * 2 - 1;
    this.head = 0;
    this.threshold = Math.min(capacity * 2, this.limit);
  }

  private reset(): void {
    giveSegment(this.slots);
    const initial = Math.min(INITIAL_SLOTS, this.segmentSlots);
    this.slots = new Array<unknown>(initial).fill(undefined);
    this.mask = initial - 1;
    this.threshold = Math.min(initial, this.limit);
    this.spill = null;
  }
}
