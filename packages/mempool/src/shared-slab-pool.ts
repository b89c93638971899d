/**
 * Fixed-size blocks in a SharedArrayBuffer, allocated and freed lock-free from any worker.
 *
 * The free blocks form a Treiber stack (R. K. Treiber, "Systems Programming: Coping with
 * Parallelism", IBM RJ 5118, 1986) of block indices, linked through a side array rather than
 * through the blocks themselves, so a write after free cannot corrupt the free list. The head
 * word carries a version tag next to the index (the "tagged pointer" counter of IBM System/370
 * and of Michael & Scott, PODC 1996) so that a stale pop cannot succeed after the same block
 * was popped and pushed again (ABA). The exact layout and its invariants are in layout.ts.
 */

import { type BlockAllocator, NO_BLOCK } from './block-allocator.js';
import { MemPoolError } from './errors.js';
import { type FreeListGuard, poolCorrupt, recheckLink } from './free-list-guard.js';
import {
  SLAB_ALLOCATED,
  SLAB_ALLOCS_WORD,
  SLAB_BLOCK_COUNT_WORD,
  SLAB_BLOCK_SIZE_WORD,
  SLAB_DATA_OFFSET_WORD,
  SLAB_FAILURES_WORD,
  SLAB_FLAG_DEBUG,
  SLAB_FLAGS_WORD,
  SLAB_FREES_WORD,
  SLAB_HEAD_WORD,
  SLAB_HIGH_WATER_WORD,
  SLAB_INDEX_BITS_WORD,
  SLAB_LINKS_OFFSET,
  SLAB_LINKS_WORD,
  SLAB_TOTAL_BYTES_WORD,
} from './layout.js';
import { formatBytes, type LeakTracked, type OutstandingCount } from './leak-check.js';
import { formatSlabPool, type SlabShape, slabGeometry, validateSlabHeader } from './slab-header.js';
import { firstUnpoisoned, poisonWords, useAfterFree } from './slab-poison.js';

export interface SlabPoolOptions extends SlabShape {
  /**
   * Debug mode (stored in the buffer, so every worker that attaches gets it): freed blocks are
   * filled with a poison word that `alloc` verifies, which catches writes after free. Costs a
   * fill and a scan of the block per operation.
   */
  readonly debug?: boolean;
}

/** A snapshot of a pool's shared counters. */
export interface SlabStats {
  readonly blockSize: number;
  readonly blockCount: number;
  /** Blocks handed out and not yet freed. */
  readonly outstanding: number;
  /**
   * The most blocks seen outstanding at once, as computed by allocating threads from a plain read
   * of FREES: exact on one thread, approximate (never above blockCount) under contention.
   */
  readonly highWater: number;
  /** Successful allocations, mod 2^32. */
  readonly allocs: number;
  /** Successful frees, mod 2^32. */
  readonly frees: number;
  /** Allocations that found the pool empty, mod 2^32. */
  readonly failures: number;
}

export class SharedSlabPool implements BlockAllocator, LeakTracked {
  readonly buffer: SharedArrayBuffer;
  /** Where this pool's header starts in `buffer`. */
  readonly byteOffset: number;
  /** Bytes this pool occupies from `byteOffset` (what `bytesFor` returned). */
  readonly byteLength: number;
  readonly blockSize: number;
  readonly blockCount: number;
  readonly debug: boolean;
  /** Absolute offset of block 0's first byte. */
  readonly dataStart: number;
  /** Absolute offset just past the last block. */
  readonly dataEnd: number;

  /** Header, links and blocks of this pool; element 0 is the magic word. */
  private readonly words: Int32Array;
  private readonly shift: number;
  private readonly blockMask: number;
  /** Low INDEX_BITS set; also the NIL index. */
  private readonly indexMask: number;
  private readonly tagMask: number;
  /** Adding it to HEAD bumps the tag by one. */
  private readonly tagUnit: number;
  /** What the cold corruption checks need to know about this pool. */
  private readonly guard: FreeListGuard;

  /** Bytes a pool of this shape occupies in a buffer (a multiple of 128). */
  static bytesFor(shape: SlabShape): number {
    return slabGeometry('SharedSlabPool.bytesFor', shape).totalBytes;
  }

  /** Allocates a SharedArrayBuffer holding one new pool with every block free. */
  static create(options: SlabPoolOptions): SharedSlabPool {
    const { totalBytes } = slabGeometry('SharedSlabPool.create', options);
    return SharedSlabPool.createIn(new SharedArrayBuffer(totalBytes), 0, options);
  }

  /**
   * Formats a new pool, every block free, into `buffer` at `byteOffset` (a multiple of 128) and
   * attaches it; for laying out several structures in one buffer. Overwrites whatever was there.
   * Must finish before any other thread attaches: post the buffer after this returns.
   */
  static createIn(
    buffer: SharedArrayBuffer,
    byteOffset: number,
    options: SlabPoolOptions,
  ): SharedSlabPool {
    formatSlabPool('SharedSlabPool.createIn', buffer, byteOffset, options.debug === true, options);
    return new SharedSlabPool(buffer, byteOffset);
  }

  /**
   * Attaches to a pool another thread created, without changing it. Validates the header
   * (magic, layout version, sizes, that the buffer is long enough) and throws a `MemPoolError`
   * with code `BAD_LAYOUT` when the buffer does not hold a pool at `byteOffset`.
   */
  static attach(buffer: SharedArrayBuffer, byteOffset = 0): SharedSlabPool {
    validateSlabHeader('SharedSlabPool.attach', buffer, byteOffset);
    return new SharedSlabPool(buffer, byteOffset);
  }

  private constructor(buffer: SharedArrayBuffer, byteOffset: number) {
    const header = new Int32Array(buffer, byteOffset, SLAB_LINKS_OFFSET / 4);
    const blockSize = header[SLAB_BLOCK_SIZE_WORD] ?? 0;
    const blockCount = header[SLAB_BLOCK_COUNT_WORD] ?? 0;
    const indexBits = header[SLAB_INDEX_BITS_WORD] ?? 0;
    const dataOffset = header[SLAB_DATA_OFFSET_WORD] ?? 0;
    const totalBytes = header[SLAB_TOTAL_BYTES_WORD] ?? 0;
    this.buffer = buffer;
    this.byteOffset = byteOffset;
    this.byteLength = totalBytes;
    this.blockSize = blockSize;
    this.blockCount = blockCount;
    this.debug = ((header[SLAB_FLAGS_WORD] ?? 0) & SLAB_FLAG_DEBUG) !== 0;
    this.dataStart = byteOffset + dataOffset;
    this.dataEnd = this.dataStart + blockSize * blockCount;
    this.words = new Int32Array(buffer, byteOffset, totalBytes / 4);
    this.shift = 31 - Math.clz32(blockSize);
    this.blockMask = blockSize - 1;
    this.indexMask = 2 ** indexBits - 1;
    this.tagMask = ~this.indexMask;
    this.tagUnit = 2 ** indexBits;
    this.guard = { blockCount, nil: this.indexMask, byteOffset };
  }

  /**
   * Takes a free block and returns the absolute offset of its first byte in `buffer`, or
   * `NO_BLOCK` when every block is handed out or `bytes` is more than `blockSize` (the optional
   * `bytes` lets a pool stand in for any `BlockAllocator`). Never throws for those; in debug mode
   * it throws `USE_AFTER_FREE` when the block was written while it was free.
   *
   * Untrusted words: HEAD's index and the top block's link are bounds-checked before use, so a
   * returned offset is always the start of one of this pool's blocks; a word the protocol never
   * writes throws `POOL_CORRUPT` and pops nothing (what is and is not detected: free-list-guard.ts).
   *
   * Concurrency: any thread, any number at once; lock-free. An `Atomics.load` of HEAD acquires
   * the free() that pushed the top block (so its link and its bytes as that thread left them are
   * visible), then the pop is one `Atomics.compareExchange` on HEAD. Then one `Atomics.add` on
   * ALLOCS and plain reads of FREES and HIGH_WATER (a CAS only when the high-water mark rises).
   * The block's content is whatever its last owner (or the poison of debug mode) left; it is not
   * zeroed. Cost: three Atomics calls, one of them the statistics counter.
   */
  alloc(bytes = 0): number {
    if (bytes > this.blockSize) return NO_BLOCK;
    const words = this.words;
    const indexMask = this.indexMask;
    const blockCount = this.blockCount;
    let head = Atomics.load(words, SLAB_HEAD_WORD);
    for (;;) {
      const index = head & indexMask;
      // NIL (indexMask) is >= blockCount, so one comparison guards both the empty stack and an
      // index out of range.
      if (index >= blockCount) {
        if (index === indexMask) {
          Atomics.add(words, SLAB_FAILURES_WORD, 1);
          return NO_BLOCK;
        }
        throw poolCorrupt(this.guard, 'alloc', `HEAD (0x${(head >>> 0).toString(16)})`);
      }
      // A plain read is enough: the Atomics.load of HEAD above acquired the push that wrote it.
      // It may be stale or SLAB_ALLOCATED if another thread pops `index` first; the CAS below
      // then fails because that pop bumped the tag.
      const below = words[SLAB_LINKS_WORD + index] as number;
      // A link is a block index or NIL; anything else is a stale read or corruption.
      if (below >>> 0 >= blockCount && below !== indexMask) {
        head = recheckLink(words, head, index, this.guard);
        continue;
      }
      const next = ((head + this.tagUnit) & this.tagMask) | below;
      const seen = Atomics.compareExchange(words, SLAB_HEAD_WORD, head, next);
      if (seen === head) {
        const offset = this.dataStart + index * this.blockSize;
        if (this.debug) this.checkPoison(index, offset);
        // Plain store: whoever frees the block got its offset through something that
        // synchronises (a ring publish, postMessage), which also orders this store.
        words[SLAB_LINKS_WORD + index] = SLAB_ALLOCATED;
        this.countAlloc(words);
        return offset;
      }
      head = seen;
    }
  }

  /**
   * Returns a block. Throws `NOT_A_BLOCK` when `offset` is not the first byte of one of this
   * pool's blocks, and `DOUBLE_FREE` when the block is already free (always detected: the
   * block's link word is claimed by CAS); `POOL_CORRUPT`, freeing nothing, when that word is
   * neither SLAB_ALLOCATED nor a link. A block freed and then handed out again cannot be told
   * from a fresh one, so freeing it a second time through a stale offset frees the new owner's
   * block; debug mode catches the writes that usually follow.
   *
   * Concurrency: any thread, whichever ended up owning the block; lock-free. One CAS on the
   * block's link word (the double-free check), one `Atomics.add` on FREES (the statistics
   * counter), then the push: a plain store of the link and an `Atomics.compareExchange` on HEAD,
   * which releases the block's bytes to the next alloc. Cost: three Atomics calls.
   */
  free(offset: number): void {
    const index = this.blockIndex(offset);
    if (index < 0) throw this.notABlock('SharedSlabPool.free', offset);
    const words = this.words;
    const claimed = Atomics.compareExchange(
      words,
      SLAB_LINKS_WORD + index,
      SLAB_ALLOCATED,
      this.indexMask,
    );
    if (claimed !== SLAB_ALLOCATED) {
      if (claimed >>> 0 >= this.blockCount && claimed !== this.indexMask) {
        throw poolCorrupt(this.guard, 'free', `the link of block ${index} is ${claimed}`);
      }
      throw new MemPoolError(
        'SharedSlabPool.free',
        'DOUBLE_FREE',
        `block ${index} at offset ${offset} is already free`,
      );
    }
    if (this.debug) this.poison(offset);
    // Counted before the push, so ALLOCS - FREES never exceeds the blocks really out.
    Atomics.add(words, SLAB_FREES_WORD, 1);
    this.push(index);
  }

  /**
   * Blocks handed out and not yet freed. Concurrency: any thread; two `Atomics.load`s (FREES,
   * then ALLOCS), so it is exact when no alloc or free is in flight and otherwise a value the
   * count had during the call.
   */
  outstanding(): number {
    const frees = Atomics.load(this.words, SLAB_FREES_WORD);
    return (Atomics.load(this.words, SLAB_ALLOCS_WORD) - frees) | 0;
  }

  /** Whether `offset` lies inside this pool's blocks (not necessarily at a block start). */
  owns(offset: number): boolean {
    return offset >= this.dataStart && offset < this.dataEnd;
  }

  /**
   * Whether `offset` is the first byte of one of this pool's blocks and that block is handed out
   * now (its link word says so). Never throws. For a receiver to check a block offset it was
   * given through untrusted memory before reading or freeing the block; a well-formed offset of
   * another owner's block still passes. Concurrency: any thread; one `Atomics.load` of the link
   * word, so the answer can be stale at once unless the caller owns the block.
   */
  isAllocated(offset: number): boolean {
    const index = this.blockIndex(offset);
    return index >= 0 && Atomics.load(this.words, SLAB_LINKS_WORD + index) === SLAB_ALLOCATED;
  }

  /** The index of the block that starts at `offset`, or -1 when no block starts there. */
  private blockIndex(offset: number): number {
    const relative = offset - this.dataStart;
    if (
      (relative | 0) !== relative ||
      relative < 0 ||
      relative >= this.dataEnd - this.dataStart ||
      (relative & this.blockMask) !== 0
    ) {
      return -1;
    }
    return relative >> this.shift;
  }

  /** A snapshot of the shared counters (any thread; the fields are read one by one). */
  stats(): SlabStats {
    const words = this.words;
    const frees = Atomics.load(words, SLAB_FREES_WORD);
    const allocs = Atomics.load(words, SLAB_ALLOCS_WORD);
    return {
      blockSize: this.blockSize,
      blockCount: this.blockCount,
      outstanding: (allocs - frees) | 0,
      highWater: Atomics.load(words, SLAB_HIGH_WATER_WORD),
      allocs: allocs >>> 0,
      frees: frees >>> 0,
      failures: Atomics.load(words, SLAB_FAILURES_WORD) >>> 0,
    };
  }

  outstandingByClass(): readonly OutstandingCount[] {
    return [{ label: `${formatBytes(this.blockSize)} blocks`, outstanding: this.outstanding() }];
  }

  private countAlloc(words: Int32Array): void {
    const allocs = Atomics.add(words, SLAB_ALLOCS_WORD, 1) + 1;
    // Plain reads (an Atomics.load costs ~8 ns here): the mark is a statistic. A stale FREES
    // can only make `out` too large, so it is capped at the block count.
    const out = Math.min((allocs - (words[SLAB_FREES_WORD] as number)) | 0, this.blockCount);
    let high = words[SLAB_HIGH_WATER_WORD] as number;
    while (out > high) {
      const seen = Atomics.compareExchange(words, SLAB_HIGH_WATER_WORD, high, out);
      if (seen === high) return;
      high = seen;
    }
  }

  /** Pushes a claimed block (its link word no longer SLAB_ALLOCATED) onto the free stack. */
  private push(index: number): void {
    const words = this.words;
    // A plain read is enough for a first guess: the CAS below checks it, and returns the
    // current value when it was stale.
    let head = words[SLAB_HEAD_WORD] as number;
    for (;;) {
      // Plain store: the CAS below publishes it to the thread that pops this block.
      words[SLAB_LINKS_WORD + index] = head & this.indexMask;
      // A push keeps the tag: only pops must change it to defeat ABA.
      const seen = Atomics.compareExchange(
        words,
        SLAB_HEAD_WORD,
        head,
        (head & this.tagMask) | index,
      );
      if (seen === head) return;
      head = seen;
    }
  }

  private poison(offset: number): void {
    poisonWords(this.words, (offset - this.byteOffset) >> 2, this.blockSize >> 2);
  }

  /** Debug mode: a popped block must still be all poison, or someone wrote it while free. */
  private checkPoison(index: number, offset: number): void {
    const first = (offset - this.byteOffset) >> 2;
    const bad = firstUnpoisoned(this.words, first, this.blockSize >> 2);
    if (bad < 0) return;
    const word = this.words[bad] ?? 0;
    // Re-poison and give the block back so the pool stays whole, then report.
    this.poison(offset);
    this.push(index);
    throw useAfterFree(index, offset, (bad - first) * 4, word);
  }

  private notABlock(where: string, offset: number): MemPoolError {
    return new MemPoolError(
      where,
      'NOT_A_BLOCK',
      `offset ${offset} is not the start of a block (blocks of ${this.blockSize} bytes from ${this.dataStart} to ${this.dataEnd})`,
    );
  }
}
