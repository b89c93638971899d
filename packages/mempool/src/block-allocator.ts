/**
 * What `alloc` returns when no block can be handed out (the pool is exhausted, or the request is
 * larger than any block). Hot paths return it instead of throwing.
 */
export const NO_BLOCK = -1;

/**
 * Role: hands out byte ranges of one SharedArrayBuffer by offset, so the offset can cross workers
 * (in a ring record, in a message) and be freed by whichever worker ends up owning it.
 * `SharedSlabPool` and `SizeClassAllocator` fill this role; the serializer codes against it.
 */
export interface BlockAllocator {
  /** The buffer every returned offset points into. */
  readonly buffer: SharedArrayBuffer;
  /**
   * Offset of a block of at least `bytes` bytes, or `NO_BLOCK`. Never throws for exhaustion;
   * throws a `MemPoolError` with code `POOL_CORRUPT` when a shared word it would have to trust is
   * corrupt (it never returns an offset outside its blocks).
   */
  alloc(bytes: number): number;
  /** Returns a block obtained from `alloc`; misuse (not a block, double free) throws. */
  free(offset: number): void;
}
