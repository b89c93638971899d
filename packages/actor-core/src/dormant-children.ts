import { type AnyActorRef, isDormant } from './actor-ref.js';

/** Refs per chunk: 4096 (a 32 KiB array, below V8's large-object size). */
const CHUNK = 4096;
/** Below this many refs the list is never compacted. */
const COMPACT_FROM = 64;

/**
 * A parent's dormant children (spawned, no cell yet: cell-factory.ts), by ref. A child that
 * wakes stays listed until the list is compacted (when fewer than a quarter of its refs are
 * still dormant), so a wake costs no search; but the newest, the common case of a child told
 * as soon as it is spawned, leaves at once, so that pattern keeps the list empty. The refs sit in chunks of 4096, not in one array:
 * one array of a million refs grows by copying, and as a large (old) object every young ref
 * stored into it is a remembered-set entry each scavenge visits (the reason the actor table is
 * chunked too). Measured: spawning 1M dormant actors, one array's pushes were a quarter of it.
 *
 * Thread contract: the parent's thread only.
 */
export class DormantChildren {
  private chunks: AnyActorRef[][] = [[]];
  /** Refs listed, dormant or not. */
  private listed = 0;
  /** Those still dormant. */
  private dormant = 0;

  /** Children still dormant. */
  get count(): number {
    return this.dormant;
  }

  add(ref: AnyActorRef): void {
    const chunks = this.chunks;
    let last = chunks[chunks.length - 1]!;
    if (last.length === CHUNK) {
      last = [];
      chunks.push(last);
    }
    last.push(ref);
    this.listed++;
    this.dormant++;
  }

  /**
   * `ref`, one of them, woke. The newest one (a child told right after its spawn) leaves the
   * list at once; others stay listed until a compaction.
   */
  woke(ref: AnyActorRef): void {
    this.dormant--;
    const chunks = this.chunks;
    const last = chunks[chunks.length - 1]!;
    if (last[last.length - 1] === ref) {
      last.pop();
      this.listed--;
      if (last.length === 0 && chunks.length > 1) chunks.pop();
    } else if (this.listed > COMPACT_FROM && this.dormant * 4 < this.listed) this.compact();
  }

  /** Calls `each` with every child still dormant, and empties the list. */
  drain(each: (ref: AnyActorRef) => void): void {
    const chunks = this.chunks;
    this.chunks = [[]];
    this.listed = 0;
    this.dormant = 0;
    for (const chunk of chunks) for (const ref of chunk) if (isDormant(ref)) each(ref);
  }

  private compact(): void {
    const dormant = this.dormant;
    this.drain((ref) => this.add(ref));
    this.dormant = dormant;
  }
}
