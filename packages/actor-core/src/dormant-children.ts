import type { AnyActorRef } from './actor-ref.js';
import { refIdSlot } from './ref-id.js';

/** Slots per chunk: 4096 (16 KiB of `Int32Array`). */
const CHUNK = 4096;
/** The first chunk's size: it doubles up to CHUNK before a second chunk is made. */
const FIRST_CHUNK = 16;
/** Below this many listed slots the list is never compacted. */
const COMPACT_FROM = 64;

/** Role: what a parent's `DormantChildren` asks of its system's actor table (`CellFactory`). */
export interface DormantSlots {
  /** The ref of the dormant actor in `slot` when it is a child of `parent`; else undefined. */
  dormantChildAt(slot: number, parent: object): AnyActorRef | undefined;
}

/**
 * A parent's dormant children (spawned, no cell yet: cell-factory.ts), by table slot. A slot is
 * read back through the table when the list is walked, so an entry whose child woke, stopped,
 * or whose slot now holds another actor is skipped, and the list keeps nothing alive (a list of
 * refs kept every woken child's cell, stopped or not, until a compaction). A child that wakes
 * stays listed until the list is compacted (when fewer than a quarter of its entries are still
 * dormant), so a wake costs no search; but the newest, the common case of a child told as soon
 * as it is spawned, leaves at once, so that pattern keeps the list empty. The slots sit in
 * `Int32Array` chunks: nothing for the collector to trace; the first starts at 16 slots and
 * doubles up to 4096, then chunks of 4096 follow (no large array grown by copying).
 *
 * Thread contract: the parent's thread only.
 */
export class DormantChildren {
  private readonly slots: DormantSlots;
  private readonly parent: object;
  /** Every chunk but the last is full (CHUNK entries); none before the first entry. */
  private chunks: Int32Array[] = [];
  /** Entries in the last chunk. */
  private tail = 0;
  /** Entries listed, dormant or not (a slot may be listed twice: see `compact`). */
  private listed = 0;
  /** Children still dormant. */
  private dormant = 0;

  constructor(slots: DormantSlots, parent: object) {
    this.slots = slots;
    this.parent = parent;
  }

  /** Children still dormant. */
  get count(): number {
    return this.dormant;
  }

  add(ref: AnyActorRef): void {
    this.push(refIdSlot(ref.id));
    this.dormant++;
  }

  /** `ref`, one of them, woke. */
  woke(ref: AnyActorRef): void {
    this.dormant--;
    const chunks = this.chunks;
    if (this.tail !== 0 && chunks.at(-1)![this.tail - 1] === refIdSlot(ref.id)) {
      this.tail--;
      this.listed--;
      if (this.tail === 0 && chunks.length > 1) {
        chunks.pop();
        this.tail = CHUNK;
      }
    } else if (this.listed > COMPACT_FROM && this.dormant * 4 < this.listed) this.compact();
  }

  /**
   * Calls `each` with every child still dormant, and empties the list. Each entry is read back
   * when it is reached, so `each` may wake or stop children (a slot listed twice is passed once:
   * the second time it is no longer dormant).
   */
  drain(each: (ref: AnyActorRef) => void): void {
    const chunks = this.chunks;
    const tail = this.tail;
    this.chunks = [];
    this.tail = 0;
    this.listed = 0;
    this.dormant = 0;
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      const end = c === chunks.length - 1 ? tail : chunk.length;
      for (let i = 0; i < end; i++) {
        const ref = this.slots.dormantChildAt(chunk[i]!, this.parent);
        if (ref !== undefined) each(ref);
      }
    }
  }

  /**
   * Keeps the entries still dormant, each slot once: a slot freed by a child that woke and
   * stopped may be taken by a new dormant child of the same parent and listed again.
   */
  private compact(): void {
    const kept: number[] = [];
    this.drain((ref) => kept.push(refIdSlot(ref.id)));
    kept.sort((a, b) => a - b);
    for (let i = 0; i < kept.length; i++)
      if (i === 0 || kept[i] !== kept[i - 1]) this.push(kept[i]!);
    this.dormant = this.listed;
  }

  private push(slot: number): void {
    const chunks = this.chunks;
    let last = chunks.at(-1);
    if (last === undefined) {
      // Most parents have a few children: a list starts small.
      last = new Int32Array(FIRST_CHUNK);
      chunks.push(last);
    } else if (this.tail === last.length) {
      if (last.length < CHUNK) {
        const grown = new Int32Array(last.length * 2);
        grown.set(last);
        chunks[chunks.length - 1] = last = grown;
      } else {
        last = new Int32Array(CHUNK);
        chunks.push(last);
        this.tail = 0;
      }
    }
    last[this.tail++] = slot;
    this.listed++;
  }
}
