/**
 * The checks that keep a corrupt word of a SharedSlabPool's free list (layout.ts) from turning
 * into a wild offset or a block handed out twice. HEAD and LINKS live in shared memory, so any
 * thread (or a stray write) can leave a value there that the protocol never writes; the pool
 * bounds-checks every index it reads before using it. The hot checks are one comparison each and
 * sit inline in `SharedSlabPool.alloc` and `free`; the cold paths are here.
 *
 * What is detected, and reported as a `MemPoolError` with code `POOL_CORRUPT`:
 * - HEAD's index field at or past `blockCount` and not NIL (alloc).
 * - The link of the block on top of the stack neither a block index nor NIL (alloc), including
 *   SLAB_ALLOCATED: HEAD or a link named a block that is handed out. Every pop marks its block
 *   SLAB_ALLOCATED before returning it, so a corrupt link or HEAD that names a block in use, or a
 *   cycle that brings a popped block back to the top, is caught when that block comes up again
 *   instead of handing it out a second time.
 * - A link word of a block being freed that is neither SLAB_ALLOCATED nor a link (free).
 * The operation that finds one changes nothing (HEAD keeps its value, the block is not pushed),
 * so later operations that reach the same word report it again; the pool is not repaired.
 *
 * What is not detected:
 * - A link changed to another in-range index or to NIL: the blocks it skipped drop off the list
 *   (a leak, seen as `outstanding()` that never returns to 0). None goes out twice unless it is
 *   already out, which the mark above catches.
 * - The link of a block in use overwritten with a valid link: its `free` reports `DOUBLE_FREE`.
 * - Under concurrency, one narrow window: a block whose link was corrupted to point at itself (or
 *   into a cycle) can go out twice if a second pop reads its link between another thread's pop
 *   CAS and that thread's SLAB_ALLOCATED store. On one thread every case above is caught.
 * - Header words (block size and count, data offset): `attach` validates them once and every
 *   handle keeps its own copies, so a later write to them changes nothing for attached handles
 *   and makes a new `attach` throw `BAD_LAYOUT`.
 */

import { MemPoolError } from './errors.js';
import { SLAB_ALLOCATED, SLAB_HEAD_WORD, SLAB_LINKS_WORD } from './layout.js';

/** What the cold checks need to know about one pool (fixed at attach). */
export interface FreeListGuard {
  readonly blockCount: number;
  /** The NIL index: every bit of HEAD's index field set; always >= blockCount. */
  readonly nil: number;
  /** Where the pool starts in its buffer, for the message. */
  readonly byteOffset: number;
}

/** The `POOL_CORRUPT` error for a bad word found by `SharedSlabPool.<method>`. */
export function poolCorrupt(guard: FreeListGuard, method: string, what: string): MemPoolError {
  return new MemPoolError(
    `SharedSlabPool.${method}`,
    'POOL_CORRUPT',
    `${what}, not a block index below ${guard.blockCount} or NIL (${guard.nil}): the pool at byteOffset ${guard.byteOffset} is corrupt`,
  );
}

/**
 * Cold path of alloc: the link of block `index`, read with a plain read after an `Atomics.load`
 * of HEAD returned `head`, is neither a block index nor NIL. Either the read raced another
 * thread's pop of `index` (which stores SLAB_ALLOCATED, and may then free it with a new link), or
 * the word is corrupt. A CAS of HEAD from `head` to `head` tells which: when it finds `head`, no
 * pop ran since the load (every pop bumps the tag), so `index` is still on top and nobody has
 * written its link since it was pushed; an `Atomics.load` then reads the word as it stands.
 *
 * Returns the HEAD to retry from (a newer one, or `head` when the reread link is fine), or
 * throws `POOL_CORRUPT`. Concurrency: any thread inside alloc; the CAS writes the value HEAD
 * already holds, so no other thread can observe it.
 */
export function recheckLink(
  words: Int32Array,
  head: number,
  index: number,
  guard: FreeListGuard,
): number {
  const seen = Atomics.compareExchange(words, SLAB_HEAD_WORD, head, head);
  if (seen !== head) return seen;
  const link = Atomics.load(words, SLAB_LINKS_WORD + index);
  if (link >>> 0 < guard.blockCount || link === guard.nil) return head;
  throw poolCorrupt(
    guard,
    'alloc',
    link === SLAB_ALLOCATED
      ? `block ${index} is on top of the free list but marked handed out (HEAD or a link named a block in use)`
      : `the link of block ${index} is ${link}`,
  );
}
