/**
 * Debug mode of SharedSlabPool (flag bit 0 of the header, layout.ts): a free block is filled
 * with SLAB_POISON, and `alloc` checks that it still is, which catches writes after free.
 * Plain reads and writes: the block belongs to the calling thread at both points (it has just
 * claimed it in `free`, or popped it in `alloc`).
 */

import { MemPoolError } from './errors.js';
import { SLAB_POISON } from './layout.js';

/** Fills `count` words from `first` (indices into the pool's words) with the poison word. */
export function poisonWords(words: Int32Array, first: number, count: number): void {
  words.fill(SLAB_POISON, first, first + count);
}

/** The first of the `count` words from `first` that is not the poison word, or -1. */
export function firstUnpoisoned(words: Int32Array, first: number, count: number): number {
  for (let i = first; i < first + count; i++) {
    if (words[i] !== SLAB_POISON) return i;
  }
  return -1;
}

/** The `USE_AFTER_FREE` error for block `index`: byte `byte` of it holds `word`. */
export function useAfterFree(
  index: number,
  offset: number,
  byte: number,
  word: number,
): MemPoolError {
  return new MemPoolError(
    'SharedSlabPool.alloc',
    'USE_AFTER_FREE',
    `block ${index} at offset ${offset} was written after it was freed (byte ${byte} is 0x${(word >>> 0).toString(16)})`,
  );
}
