/**
 * Several SharedSlabPools of growing block sizes in ONE SharedArrayBuffer, so a single buffer
 * (posted once to every worker) serves requests of any size up to the largest class, and any
 * worker can free any block: the class is found from the offset alone.
 */

import { type BlockAllocator, NO_BLOCK } from './block-allocator.js';
import { MemPoolError } from './errors.js';
import {
  SIZE_CLASS_COUNT_WORD,
  SIZE_CLASS_HEADER_BYTES,
  SIZE_CLASS_LAYOUT_VERSION,
  SIZE_CLASS_MAGIC,
  SIZE_CLASS_MAGIC_WORD,
  SIZE_CLASS_MAX_CLASSES,
  SIZE_CLASS_POOL_OFFSET_WORD,
  SIZE_CLASS_TOTAL_BYTES_WORD,
  SIZE_CLASS_VERSION_WORD,
} from './layout.js';
import type { LeakTracked, OutstandingCount } from './leak-check.js';
import { SharedSlabPool, type SlabStats } from './shared-slab-pool.js';
import { type SlabShape, slabGeometry } from './slab-header.js';
import { requireAttachable } from './validation.js';

/**
 * The default classes: 64 B x 4096, 256 B x 2048, 1 KiB x 1024, 4 KiB x 256, 16 KiB x 64,
 * about 3.8 MiB in all. Small classes get many blocks because small messages are many.
 */
export const DEFAULT_SIZE_CLASSES: readonly SlabShape[] = Object.freeze([
  Object.freeze({ blockSize: 64, blockCount: 4096 }),
  Object.freeze({ blockSize: 256, blockCount: 2048 }),
  Object.freeze({ blockSize: 1024, blockCount: 1024 }),
  Object.freeze({ blockSize: 4096, blockCount: 256 }),
  Object.freeze({ blockSize: 16384, blockCount: 64 }),
]);

export interface SizeClassAllocatorOptions {
  /** Block shapes with strictly increasing block sizes; 1 to 16 classes. */
  readonly classes?: readonly SlabShape[];
  /** Debug mode for every class (see `SlabPoolOptions.debug`). */
  readonly debug?: boolean;
}

/** Byte offset of each class's pool from the allocator's start, and the total size. */
function plan(where: string, classes: readonly SlabShape[]): { offsets: number[]; total: number } {
  if (!Array.isArray(classes) || classes.length < 1 || classes.length > SIZE_CLASS_MAX_CLASSES) {
    throw new MemPoolError(
      where,
      'INVALID_OPTIONS',
      `classes must be an array of 1 to ${SIZE_CLASS_MAX_CLASSES} block shapes`,
    );
  }
  const offsets: number[] = [];
  let total = SIZE_CLASS_HEADER_BYTES;
  let previous = 0;
  for (const shape of classes) {
    const bytes = slabGeometry(where, shape).totalBytes;
    if (shape.blockSize <= previous) {
      throw new MemPoolError(
        where,
        'INVALID_OPTIONS',
        `block sizes must strictly increase (${shape.blockSize} after ${previous})`,
      );
    }
    previous = shape.blockSize;
    offsets.push(total);
    total += bytes;
  }
  return { offsets, total };
}

export class SizeClassAllocator implements BlockAllocator, LeakTracked {
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  /** The largest request `alloc` can satisfy. */
  readonly maxBlockSize: number;
  readonly classCount: number;
  readonly debug: boolean;

  private readonly pools: readonly SharedSlabPool[];
  /** For k = ceil(log2(bytes)): the first class whose blocks hold 2^k bytes, or -1. */
  private readonly classForLog2: Int8Array;
  private readonly dataStarts: Int32Array;
  private readonly dataEnds: Int32Array;

  /** Bytes an allocator with these classes occupies (a multiple of 128). */
  static bytesFor(classes: readonly SlabShape[]): number {
    return plan('SizeClassAllocator.bytesFor', classes).total;
  }

  /** Allocates a SharedArrayBuffer and formats the classes (default `DEFAULT_SIZE_CLASSES`). */
  static create(options: SizeClassAllocatorOptions = {}): SizeClassAllocator {
    const classes = options.classes ?? DEFAULT_SIZE_CLASSES;
    const { total } = plan('SizeClassAllocator.create', classes);
    return SizeClassAllocator.createIn(new SharedArrayBuffer(total), 0, { ...options, classes });
  }

  /**
   * Formats a new allocator into `buffer` at `byteOffset` (a multiple of 128) and attaches it.
   * Must finish before any other thread attaches.
   */
  static createIn(
    buffer: SharedArrayBuffer,
    byteOffset: number,
    options: SizeClassAllocatorOptions = {},
  ): SizeClassAllocator {
    const where = 'SizeClassAllocator.createIn';
    const classes = options.classes ?? DEFAULT_SIZE_CLASSES;
    const { offsets, total } = plan(where, classes);
    requireAttachable(where, buffer, byteOffset, total);
    const header = new Int32Array(buffer, byteOffset, SIZE_CLASS_HEADER_BYTES / 4);
    header[SIZE_CLASS_VERSION_WORD] = SIZE_CLASS_LAYOUT_VERSION;
    header[SIZE_CLASS_COUNT_WORD] = classes.length;
    header[SIZE_CLASS_TOTAL_BYTES_WORD] = total;
    classes.forEach((shape, c) => {
      const offset = offsets[c] ?? 0;
      header[SIZE_CLASS_POOL_OFFSET_WORD + c] = offset;
      SharedSlabPool.createIn(buffer, byteOffset + offset, {
        blockSize: shape.blockSize,
        blockCount: shape.blockCount,
        debug: options.debug === true,
      });
    });
    // Publishes the directory after every pool is formatted.
    Atomics.store(header, SIZE_CLASS_MAGIC_WORD, SIZE_CLASS_MAGIC);
    return SizeClassAllocator.attach(buffer, byteOffset);
  }

  /**
   * Attaches to an allocator another thread created (typically after receiving `buffer` by
   * postMessage). Validates the directory and every class's pool header; throws `BAD_LAYOUT`.
   */
  static attach(buffer: SharedArrayBuffer, byteOffset = 0): SizeClassAllocator {
    const where = 'SizeClassAllocator.attach';
    requireAttachable(where, buffer, byteOffset, SIZE_CLASS_HEADER_BYTES);
    const header = new Int32Array(buffer, byteOffset, SIZE_CLASS_HEADER_BYTES / 4);
    const magic = Atomics.load(header, SIZE_CLASS_MAGIC_WORD);
    if (magic !== SIZE_CLASS_MAGIC) {
      throw new MemPoolError(
        where,
        'BAD_LAYOUT',
        `no size-class allocator at byteOffset ${byteOffset} (magic 0x${(magic >>> 0).toString(16)})`,
      );
    }
    const version = header[SIZE_CLASS_VERSION_WORD];
    const count = header[SIZE_CLASS_COUNT_WORD] ?? 0;
    if (version !== SIZE_CLASS_LAYOUT_VERSION || count < 1 || count > SIZE_CLASS_MAX_CLASSES) {
      throw new MemPoolError(
        where,
        'BAD_LAYOUT',
        `corrupt header (layout version ${version}, ${count} classes)`,
      );
    }
    const pools: SharedSlabPool[] = [];
    let part = 'directory';
    try {
      for (let c = 0; c < count; c++) {
        part = `class ${c}`;
        const offset = header[SIZE_CLASS_POOL_OFFSET_WORD + c] ?? 0;
        pools.push(SharedSlabPool.attach(buffer, byteOffset + offset));
      }
      part = 'directory';
      const { offsets, total } = plan(where, pools);
      if (
        header[SIZE_CLASS_TOTAL_BYTES_WORD] !== total ||
        offsets.some((offset, c) => header[SIZE_CLASS_POOL_OFFSET_WORD + c] !== offset)
      ) {
        throw new Error('class offsets do not match the class sizes');
      }
    } catch (error) {
      throw new MemPoolError(where, 'BAD_LAYOUT', `corrupt ${part}: ${(error as Error).message}`);
    }
    return new SizeClassAllocator(buffer, byteOffset, pools);
  }

  private constructor(
    buffer: SharedArrayBuffer,
    byteOffset: number,
    pools: readonly SharedSlabPool[],
  ) {
    this.buffer = buffer;
    this.byteOffset = byteOffset;
    this.pools = pools;
    this.classCount = pools.length;
    this.maxBlockSize = pools[pools.length - 1]?.blockSize ?? 0;
    this.debug = pools[0]?.debug === true;
    this.classForLog2 = new Int8Array(32).fill(-1);
    for (let k = 0; k < 32; k++) {
      const c = pools.findIndex((pool) => pool.blockSize >= 2 ** k);
      this.classForLog2[k] = c;
    }
    this.dataStarts = Int32Array.from(pools, (pool) => pool.dataStart);
    this.dataEnds = Int32Array.from(pools, (pool) => pool.dataEnd);
  }

  /**
   * Offset of a block of at least `bytes` bytes, or `NO_BLOCK` when `bytes` exceeds
   * `maxBlockSize` or no class that fits has a free block. Takes the smallest class that fits and,
   * when it is empty, the next larger ones in turn (each empty class counts a failure). Throws
   * `INVALID_SIZE` only for a negative or fractional `bytes`.
   *
   * Concurrency: any thread; lock-free; see `SharedSlabPool.alloc` (one CAS and one counter bump
   * per class tried).
   */
  alloc(bytes: number): number {
    if (bytes > this.maxBlockSize) return NO_BLOCK;
    if ((bytes | 0) !== bytes || bytes < 0) throw this.invalidSize(bytes);
    const pools = this.pools;
    const count = pools.length;
    for (
      let c = this.classForLog2[bytes <= 1 ? 0 : 32 - Math.clz32(bytes - 1)] ?? count;
      c < count;
      c++
    ) {
      const offset = pools[c]!.alloc();
      if (offset !== NO_BLOCK) return offset;
    }
    return NO_BLOCK;
  }

  /**
   * Returns a block to its class, found from the offset. Throws `NOT_A_BLOCK` or `DOUBLE_FREE`
   * (see `SharedSlabPool.free`). Concurrency: any thread that attached the same buffer.
   */
  free(offset: number): void {
    const c = this.classIndexOf(offset);
    if (c < 0) throw this.notABlock('SizeClassAllocator.free', offset);
    this.pools[c]!.free(offset);
  }

  /** The block size of the class `offset` belongs to; throws `NOT_A_BLOCK` for a non-block. */
  capacityOf(offset: number): number {
    const c = this.classIndexOf(offset);
    const pool = this.pools[c];
    if (pool === undefined || ((offset - pool.dataStart) & (pool.blockSize - 1)) !== 0) {
      throw this.notABlock('SizeClassAllocator.capacityOf', offset);
    }
    return pool.blockSize;
  }

  /**
   * Whether `offset` is the first byte of a block of some class that is handed out now; never
   * throws (see `SharedSlabPool.isAllocated`). Concurrency: any thread; a snapshot.
   */
  isAllocated(offset: number): boolean {
    const pool = this.pools[this.classIndexOf(offset)];
    return pool?.isAllocated(offset) === true;
  }

  /** The class number (0 = smallest) whose blocks contain `offset`, or -1. */
  classIndexOf(offset: number): number {
    const starts = this.dataStarts;
    const ends = this.dataEnds;
    for (let c = 0; c < starts.length; c++) {
      if (offset >= starts[c]! && offset < ends[c]!) return c;
    }
    return -1;
  }

  /** The pool of class `c` (0 = smallest), for per-class inspection. */
  pool(c: number): SharedSlabPool {
    const pool = this.pools[c];
    if (pool === undefined) {
      throw new MemPoolError(
        'SizeClassAllocator.pool',
        'INVALID_OPTIONS',
        `class ${c} does not exist (there are ${this.pools.length})`,
      );
    }
    return pool;
  }

  /** Blocks handed out in all classes (a snapshot; see `SharedSlabPool.outstanding`). */
  outstanding(): number {
    let sum = 0;
    for (const pool of this.pools) sum += pool.outstanding();
    return sum;
  }

  /** Per-class snapshots of the shared counters, smallest class first. */
  stats(): readonly SlabStats[] {
    return this.pools.map((pool) => pool.stats());
  }

  outstandingByClass(): readonly OutstandingCount[] {
    return this.pools.flatMap((pool) => pool.outstandingByClass());
  }

  private invalidSize(bytes: number): MemPoolError {
    return new MemPoolError(
      'SizeClassAllocator.alloc',
      'INVALID_SIZE',
      `bytes (${bytes}) must be a non-negative integer`,
    );
  }

  private notABlock(where: string, offset: number): MemPoolError {
    return new MemPoolError(
      where,
      'NOT_A_BLOCK',
      `offset ${offset} is not inside any class's blocks`,
    );
  }
}
