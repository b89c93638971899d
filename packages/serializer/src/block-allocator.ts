/**
 * Role: hands out blocks of one SharedArrayBuffer by offset, so a medium message can be written
 * into a block and only the offset crosses workers. `SizeClassAllocator` from @zactor/mempool
 * satisfies it structurally; the serializer depends only on this interface.
 *
 * Concurrency: the allocator's own contract governs alloc/free from several workers. The bytes
 * of a block are written with plain stores; the writer publishes the block's offset through an
 * Atomics-published record (e.g. a ring), and the reader acquires that record before reading.
 */
export interface BlockAllocator {
  /** The buffer every offset points into. */
  readonly buffer: SharedArrayBuffer;
  /** The offset of a block of at least `bytes` bytes, or -1 when none is free. */
  alloc(bytes: number): number;
  /** Gives a block back; the worker that consumed the message calls this. */
  free(offset: number): void;
}

/** What `alloc` returns when it has no block. */
export const NO_BLOCK = -1;
