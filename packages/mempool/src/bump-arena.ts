/**
 * A bump-pointer arena in a SharedArrayBuffer for short-lived batches: allocation moves one
 * shared "bytes used" word forward by CAS, nothing is freed one by one, and `reset` makes the
 * whole region free again at once.
 */

import { NO_BLOCK } from './block-allocator.js';
import { MemPoolError } from './errors.js';
import {
  ARENA_CAPACITY_WORD,
  ARENA_DATA_OFFSET,
  ARENA_FAILURES_WORD,
  ARENA_GENERATION_WORD,
  ARENA_LAYOUT_VERSION,
  ARENA_MAGIC,
  ARENA_MAGIC_WORD,
  ARENA_MAX_ALIGN,
  ARENA_TOP_WORD,
  ARENA_TOTAL_BYTES_WORD,
  ARENA_VERSION_WORD,
  MAX_BUFFER_END,
  REGION_ALIGN,
} from './layout.js';
import { alignUp, requireAttachable, requireIntegerInRange } from './validation.js';

export interface BumpArenaOptions {
  /** Usable bytes: at least 1; the arena must end well below 2^31. */
  readonly capacity: number;
}

/** A snapshot of an arena's shared words. */
export interface BumpArenaStats {
  readonly capacity: number;
  /** Bytes handed out (alignment padding included) since the last reset. */
  readonly used: number;
  /** Number of resets so far, mod 2^32. */
  readonly generation: number;
  /** Allocations that did not fit, mod 2^32. */
  readonly failures: number;
}

// Room for the header and for rounding a position up to ARENA_MAX_ALIGN without leaving Int32.
const MAX_CAPACITY = MAX_BUFFER_END - ARENA_DATA_OFFSET - REGION_ALIGN - ARENA_MAX_ALIGN;

function totalBytesFor(where: string, options: BumpArenaOptions): number {
  const capacity = requireIntegerInRange(where, 'capacity', options.capacity, 1, MAX_CAPACITY);
  return ARENA_DATA_OFFSET + alignUp(capacity, REGION_ALIGN);
}

export class BumpArena {
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly capacity: number;
  /** Absolute offset of the data region's first byte. */
  readonly dataStart: number;

  private readonly words: Int32Array;

  /** Bytes an arena of this capacity occupies in a buffer (a multiple of 128). */
  static bytesFor(options: BumpArenaOptions): number {
    return totalBytesFor('BumpArena.bytesFor', options);
  }

  /** Allocates a SharedArrayBuffer holding one empty arena. */
  static create(options: BumpArenaOptions): BumpArena {
    const total = totalBytesFor('BumpArena.create', options);
    return BumpArena.createIn(new SharedArrayBuffer(total), 0, options);
  }

  /**
   * Formats an empty arena into `buffer` at `byteOffset` (a multiple of 128) and attaches it.
   * Must finish before any other thread attaches.
   */
  static createIn(
    buffer: SharedArrayBuffer,
    byteOffset: number,
    options: BumpArenaOptions,
  ): BumpArena {
    const where = 'BumpArena.createIn';
    const total = totalBytesFor(where, options);
    requireAttachable(where, buffer, byteOffset, total);
    if (byteOffset + total + ARENA_MAX_ALIGN > MAX_BUFFER_END) {
      throw new MemPoolError(
        where,
        'INVALID_OPTIONS',
        `the arena must end below ${MAX_BUFFER_END}`,
      );
    }
    const words = new Int32Array(buffer, byteOffset, ARENA_DATA_OFFSET / 4);
    words[ARENA_VERSION_WORD] = ARENA_LAYOUT_VERSION;
    words[ARENA_CAPACITY_WORD] = options.capacity;
    words[ARENA_TOTAL_BYTES_WORD] = total;
    words[ARENA_TOP_WORD] = 0;
    words[ARENA_GENERATION_WORD] = 0;
    words[ARENA_FAILURES_WORD] = 0;
    // Publishes the header.
    Atomics.store(words, ARENA_MAGIC_WORD, ARENA_MAGIC);
    return new BumpArena(buffer, byteOffset);
  }

  /** Attaches to an arena another thread created; validates the header, throws `BAD_LAYOUT`. */
  static attach(buffer: SharedArrayBuffer, byteOffset = 0): BumpArena {
    const where = 'BumpArena.attach';
    requireAttachable(where, buffer, byteOffset, ARENA_DATA_OFFSET);
    const words = new Int32Array(buffer, byteOffset, ARENA_DATA_OFFSET / 4);
    const magic = Atomics.load(words, ARENA_MAGIC_WORD);
    if (magic !== ARENA_MAGIC) {
      throw new MemPoolError(
        where,
        'BAD_LAYOUT',
        `no bump arena at byteOffset ${byteOffset} (magic 0x${(magic >>> 0).toString(16)})`,
      );
    }
    const capacity = words[ARENA_CAPACITY_WORD] ?? 0;
    const total = words[ARENA_TOTAL_BYTES_WORD] ?? 0;
    if (
      words[ARENA_VERSION_WORD] !== ARENA_LAYOUT_VERSION ||
      capacity < 1 ||
      capacity > MAX_CAPACITY ||
      total !== ARENA_DATA_OFFSET + alignUp(capacity, REGION_ALIGN)
    ) {
      throw new MemPoolError(where, 'BAD_LAYOUT', 'corrupt header');
    }
    if (byteOffset + total > buffer.byteLength) {
      throw new MemPoolError(
        where,
        'BAD_LAYOUT',
        `the arena needs ${total} bytes from byteOffset ${byteOffset}, the buffer has ${buffer.byteLength}`,
      );
    }
    return new BumpArena(buffer, byteOffset);
  }

  private constructor(buffer: SharedArrayBuffer, byteOffset: number) {
    this.buffer = buffer;
    this.byteOffset = byteOffset;
    this.words = new Int32Array(buffer, byteOffset, ARENA_DATA_OFFSET / 4);
    this.capacity = this.words[ARENA_CAPACITY_WORD] ?? 0;
    this.byteLength = this.words[ARENA_TOTAL_BYTES_WORD] ?? 0;
    this.dataStart = byteOffset + ARENA_DATA_OFFSET;
  }

  /**
   * Reserves `bytes` bytes whose absolute offset is a multiple of `align` (a power of two up to
   * 4096) and returns that offset, or `NO_BLOCK` when they do not fit before the next reset.
   * Throws `INVALID_SIZE` for a negative or fractional `bytes` or a bad `align` (misuse).
   *
   * Throws `POOL_CORRUPT` when the shared TOP word is outside `[0, capacity]` (never written by
   * this class), so a returned offset always lies in the data region.
   *
   * Concurrency: any thread, any number at once; lock-free. One `Atomics.load` and one
   * `Atomics.compareExchange` on TOP per attempt; reservations never overlap. The bytes are not
   * zeroed: after a reset they hold the previous generation's data.
   */
  alloc(bytes: number, align = 8): number {
    if (
      (bytes | 0) !== bytes ||
      bytes < 0 ||
      !(align >= 1 && align <= ARENA_MAX_ALIGN) ||
      (align & (align - 1)) !== 0
    ) {
      throw new MemPoolError(
        'BumpArena.alloc',
        'INVALID_SIZE',
        `bytes (${bytes}) must be a non-negative integer and align (${align}) a power of two up to ${ARENA_MAX_ALIGN}`,
      );
    }
    const words = this.words;
    const dataStart = this.dataStart;
    const mask = align - 1;
    let top = Atomics.load(words, ARENA_TOP_WORD);
    for (;;) {
      // TOP is shared: a value outside [0, CAPACITY] is never written by alloc or reset, and
      // using it would put `start` outside the data region.
      if (top >>> 0 > this.capacity) throw this.corruptTop(top);
      const start = (dataStart + top + mask) & ~mask;
      const end = start - dataStart + bytes;
      if (end > this.capacity) {
        Atomics.add(words, ARENA_FAILURES_WORD, 1);
        return NO_BLOCK;
      }
      const seen = Atomics.compareExchange(words, ARENA_TOP_WORD, top, end);
      if (seen === top) return start;
      top = seen;
    }
  }

  /**
   * Makes the whole capacity free again and bumps the generation.
   *
   * Contract: any thread may call it, but only when every block handed out since the previous
   * reset is dead (no thread will touch it again) and no `alloc` runs at the same time; typically
   * the one thread that owns the batch, after its consumers said they are done through something
   * that synchronises (an Atomics counter, a ring, postMessage). An `alloc` racing a reset cannot
   * corrupt the arena, but it may hand out a block that the next generation hands out again.
   * Publishes with `Atomics.add` on GENERATION, then `Atomics.store` of TOP = 0.
   */
  reset(): void {
    Atomics.add(this.words, ARENA_GENERATION_WORD, 1);
    Atomics.store(this.words, ARENA_TOP_WORD, 0);
  }

  /** Bytes handed out since the last reset, padding included. Any thread; may be stale. */
  used(): number {
    return Atomics.load(this.words, ARENA_TOP_WORD);
  }

  /** Number of resets so far, mod 2^32; a handle can carry it to detect use after a reset. */
  generation(): number {
    return Atomics.load(this.words, ARENA_GENERATION_WORD) >>> 0;
  }

  private corruptTop(top: number): MemPoolError {
    return new MemPoolError(
      'BumpArena.alloc',
      'POOL_CORRUPT',
      `TOP (${top}) is outside 0..${this.capacity}: the arena at byteOffset ${this.byteOffset} is corrupt (reset() rewrites it)`,
    );
  }

  /** A snapshot of the shared words (read one by one; any thread). */
  stats(): BumpArenaStats {
    return {
      capacity: this.capacity,
      used: this.used(),
      generation: this.generation(),
      failures: Atomics.load(this.words, ARENA_FAILURES_WORD) >>> 0,
    };
  }
}
