/**
 * Every SharedArrayBuffer layout of this package, drawn once. All offsets are relative to the
 * start of the structure (its `byteOffset` in the buffer); `*_WORD` constants index an
 * Int32Array whose element 0 is that start.
 *
 * Shared rules:
 * - A structure starts on a REGION_ALIGN (128-byte) boundary and every region inside it starts
 *   on one too, so the words threads fight over never share a cache line (nor the adjacent line
 *   the prefetcher pulls in) with read-only header words.
 * - Header words other than the hot line are written once by the creator before it publishes the
 *   magic with `Atomics.store`, and only read afterwards.
 * - Byte offsets handed to users are absolute positions in the buffer and always fit in an Int32
 *   (the whole structure must end below 2^31), so `offset | 0` round-trips.
 */

/** Alignment of every structure and every region inside one, in bytes. */
export const REGION_ALIGN = 128;
/** Structures must end below this buffer position so every offset is a non-negative Int32. */
export const MAX_BUFFER_END = 2 ** 31 - 1;

/*
 * SharedSlabPool: fixed-size blocks and a Treiber free stack of block indices.
 *
 *  byte  word
 *     0     0  MAGIC            'ZSLB' (0x5a534c42), stored last by the creator
 *     4     1  LAYOUT_VERSION   SLAB_LAYOUT_VERSION
 *     8     2  FLAGS            bit 0: debug (poison freed blocks, verify on alloc)
 *    12     3  BLOCK_SIZE       power of two, SLAB_MIN_BLOCK_SIZE .. SLAB_MAX_BLOCK_SIZE
 *    16     4  BLOCK_COUNT      1 .. SLAB_MAX_BLOCK_COUNT
 *    20     5  INDEX_BITS       bit length of BLOCK_COUNT (width of the index field of HEAD)
 *    24     6  DATA_OFFSET      where block 0 starts (REGION_ALIGN multiple)
 *    28     7  TOTAL_BYTES      SharedSlabPool.bytesFor(...) of this pool
 *          ..  read-only padding up to byte 128
 *   128    32  HEAD             tagged top of the free stack: (tag << INDEX_BITS) | index
 *   132    33  ALLOCS           successful allocations, mod 2^32
 *   136    34  FREES            successful frees, mod 2^32
 *   140    35  HIGH_WATER       largest ALLOCS - FREES seen by an allocating thread (approximate)
 *   144    36  FAILURES         allocations that found the stack empty, mod 2^32
 *          ..  padding up to byte 256
 *   256    64  LINKS[0 .. BLOCK_COUNT)   one word per block
 *          ..  padding up to DATA_OFFSET
 *   DATA_OFFSET                BLOCK_COUNT blocks of BLOCK_SIZE bytes, block i at
 *                              DATA_OFFSET + i * BLOCK_SIZE
 *
 * Invariants:
 * - index == NIL (all INDEX_BITS set) means the stack is empty; NIL >= BLOCK_COUNT because
 *   INDEX_BITS is the bit length of BLOCK_COUNT.
 * - LINKS[i] is the index below i on the stack (or NIL) while block i is free, and
 *   SLAB_ALLOCATED while it is handed out. free() claims a block by CAS ALLOCATED -> NIL, which
 *   is what makes a double free detectable without a debug mode.
 * - The tag (the 32 - INDEX_BITS high bits of HEAD) grows by one on every successful pop, so a
 *   popper that read HEAD, then stalled while the same block was popped and pushed again, fails
 *   its CAS. It could only succeed wrongly after exactly a multiple of 2^(32 - INDEX_BITS) pops
 *   (at least 65536, because BLOCK_COUNT < 2^16) during its stall.
 * - The hot words share one cache line on purpose: every alloc or free CASes HEAD and then
 *   bumps one counter, so keeping them together costs one line transfer per operation, not two.
 * - FREES <= ALLOCS (mod 2^32) at every instant: FREES is bumped only after the block was claimed
 *   back, which is after its ALLOCS bump. So ALLOCS - FREES is never negative.
 */
export const SLAB_MAGIC = 0x5a534c42;
export const SLAB_LAYOUT_VERSION = 1;
export const SLAB_FLAG_DEBUG = 1;

export const SLAB_MAGIC_WORD = 0;
export const SLAB_VERSION_WORD = 1;
export const SLAB_FLAGS_WORD = 2;
export const SLAB_BLOCK_SIZE_WORD = 3;
export const SLAB_BLOCK_COUNT_WORD = 4;
export const SLAB_INDEX_BITS_WORD = 5;
export const SLAB_DATA_OFFSET_WORD = 6;
export const SLAB_TOTAL_BYTES_WORD = 7;

export const SLAB_HEAD_WORD = 32;
export const SLAB_ALLOCS_WORD = 33;
export const SLAB_FREES_WORD = 34;
export const SLAB_HIGH_WATER_WORD = 35;
export const SLAB_FAILURES_WORD = 36;

/** Byte offset of LINKS[0]. */
export const SLAB_LINKS_OFFSET = 256;
export const SLAB_LINKS_WORD = SLAB_LINKS_OFFSET / 4;

/** LINKS[i] of a block that is handed out. Never a valid index (indices are >= 0). */
export const SLAB_ALLOCATED = -1;

/** Smallest block: room for an 8-byte aligned Float64 and keeps blocks 8-byte aligned. */
export const SLAB_MIN_BLOCK_SIZE = 8;
export const SLAB_MAX_BLOCK_SIZE = 2 ** 30;
/** Keeps INDEX_BITS <= 16, so the ABA tag of HEAD has at least 16 bits. */
export const SLAB_MAX_BLOCK_COUNT = 2 ** 16 - 1;

/** Debug mode fills free blocks with this word and checks it on alloc. */
export const SLAB_POISON = 0xdeadbeef | 0;

/*
 * SizeClassAllocator: a small directory followed by one SharedSlabPool per class.
 *
 *  byte  word
 *     0     0  MAGIC            'ZSCA' (0x5a534341), stored last by the creator
 *     4     1  LAYOUT_VERSION   SIZE_CLASS_LAYOUT_VERSION
 *     8     2  CLASS_COUNT      1 .. SIZE_CLASS_MAX_CLASSES
 *    12     3  TOTAL_BYTES      SizeClassAllocator.bytesFor(...)
 *    16     4  POOL_OFFSET[0 .. SIZE_CLASS_MAX_CLASSES)   byte offset of each class's pool
 *          ..  padding up to byte 128
 *   128        class 0 pool (the SharedSlabPool layout above)
 *    ..        class 1 pool, ... each starting on a REGION_ALIGN boundary
 *
 * Invariants: block sizes strictly increase with the class number; pools do not overlap and
 * follow each other in class order, so a block offset finds its class by range.
 */
export const SIZE_CLASS_MAGIC = 0x5a534341;
export const SIZE_CLASS_LAYOUT_VERSION = 1;
export const SIZE_CLASS_MAX_CLASSES = 16;

export const SIZE_CLASS_MAGIC_WORD = 0;
export const SIZE_CLASS_VERSION_WORD = 1;
export const SIZE_CLASS_COUNT_WORD = 2;
export const SIZE_CLASS_TOTAL_BYTES_WORD = 3;
export const SIZE_CLASS_POOL_OFFSET_WORD = 4;
/** Byte offset of the first pool. */
export const SIZE_CLASS_HEADER_BYTES = 128;

/*
 * BumpArena: one atomic "bytes used" word in front of a data region.
 *
 *  byte  word
 *     0     0  MAGIC            'ZBMP' (0x5a424d50), stored last by the creator
 *     4     1  LAYOUT_VERSION   ARENA_LAYOUT_VERSION
 *     8     2  CAPACITY         usable bytes in the data region
 *    12     3  TOTAL_BYTES      BumpArena.bytesFor(...)
 *          ..  padding up to byte 128
 *   128    32  TOP              bytes handed out since the last reset (0 .. CAPACITY)
 *   132    33  GENERATION       bumped by every reset, mod 2^32
 *   136    34  FAILURES         allocations that did not fit, mod 2^32
 *          ..  padding up to byte 256
 *   256        data, CAPACITY bytes (rounded up to REGION_ALIGN)
 *
 * Invariants: TOP only grows between resets and never exceeds CAPACITY (an allocation that does
 * not fit leaves it unchanged); alignment is computed on absolute buffer positions.
 */
export const ARENA_MAGIC = 0x5a424d50;
export const ARENA_LAYOUT_VERSION = 1;

export const ARENA_MAGIC_WORD = 0;
export const ARENA_VERSION_WORD = 1;
export const ARENA_CAPACITY_WORD = 2;
export const ARENA_TOTAL_BYTES_WORD = 3;

export const ARENA_TOP_WORD = 32;
export const ARENA_GENERATION_WORD = 33;
export const ARENA_FAILURES_WORD = 34;

/** Byte offset of the data region. */
export const ARENA_DATA_OFFSET = 256;
/** Largest alignment `BumpArena.alloc` accepts. */
export const ARENA_MAX_ALIGN = 4096;
