/**
 * The header of a SharedSlabPool (drawn in layout.ts): the sizes a block shape implies, how a new
 * pool is formatted, and the checks `attach` runs before trusting a buffer.
 */

import { MemPoolError } from './errors.js';
import {
  MAX_BUFFER_END,
  REGION_ALIGN,
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
  SLAB_LAYOUT_VERSION,
  SLAB_LINKS_OFFSET,
  SLAB_LINKS_WORD,
  SLAB_MAGIC,
  SLAB_MAGIC_WORD,
  SLAB_MAX_BLOCK_COUNT,
  SLAB_MAX_BLOCK_SIZE,
  SLAB_MIN_BLOCK_SIZE,
  SLAB_TOTAL_BYTES_WORD,
  SLAB_VERSION_WORD,
} from './layout.js';
import { poisonWords } from './slab-poison.js';
import {
  alignUp,
  requireAttachable,
  requireIntegerInRange,
  requirePowerOfTwo,
} from './validation.js';

/** The shape of a slab pool: how big each block is and how many there are. */
export interface SlabShape {
  /** Bytes per block: a power of two from 8 to 2^30. */
  readonly blockSize: number;
  /** Number of blocks: 1 to 65535. */
  readonly blockCount: number;
}

/** Derived sizes of a pool of this shape (internal). */
export interface SlabGeometry {
  readonly indexBits: number;
  readonly dataOffset: number;
  readonly totalBytes: number;
}

/** Validates a block shape and derives the pool's sizes; throws `INVALID_OPTIONS` (internal). */
export function slabGeometry(where: string, shape: SlabShape): SlabGeometry {
  const blockSize = requirePowerOfTwo(
    where,
    'blockSize',
    shape.blockSize,
    SLAB_MIN_BLOCK_SIZE,
    SLAB_MAX_BLOCK_SIZE,
  );
  const blockCount = requireIntegerInRange(
    where,
    'blockCount',
    shape.blockCount,
    1,
    SLAB_MAX_BLOCK_COUNT,
  );
  const dataOffset = alignUp(SLAB_LINKS_OFFSET + 4 * blockCount, REGION_ALIGN);
  const totalBytes = dataOffset + alignUp(blockSize * blockCount, REGION_ALIGN);
  if (totalBytes > MAX_BUFFER_END) {
    throw new MemPoolError(
      where,
      'INVALID_OPTIONS',
      `${blockCount} blocks of ${blockSize} bytes need ${totalBytes} bytes, more than ${MAX_BUFFER_END}`,
    );
  }
  return { indexBits: 32 - Math.clz32(blockCount), dataOffset, totalBytes };
}

function badLayout(where: string, message: string): MemPoolError {
  return new MemPoolError(where, 'BAD_LAYOUT', message);
}

/**
 * Throws `BAD_LAYOUT` unless `buffer` holds a well-formed slab pool header at `byteOffset` and is
 * long enough for the whole pool.
 */
export function validateSlabHeader(
  where: string,
  buffer: SharedArrayBuffer,
  byteOffset: number,
): void {
  requireAttachable(where, buffer, byteOffset, SLAB_LINKS_OFFSET);
  const header = new Int32Array(buffer, byteOffset, SLAB_LINKS_OFFSET / 4);
  const magic = Atomics.load(header, SLAB_MAGIC_WORD);
  if (magic !== SLAB_MAGIC) {
    throw badLayout(
      where,
      `no slab pool at byteOffset ${byteOffset} (magic 0x${(magic >>> 0).toString(16)})`,
    );
  }
  const version = header[SLAB_VERSION_WORD];
  if (version !== SLAB_LAYOUT_VERSION) {
    throw badLayout(where, `layout version ${version} is not ${SLAB_LAYOUT_VERSION}`);
  }
  const shape = {
    blockSize: header[SLAB_BLOCK_SIZE_WORD] ?? 0,
    blockCount: header[SLAB_BLOCK_COUNT_WORD] ?? 0,
  };
  let expected: SlabGeometry;
  try {
    expected = slabGeometry(where, shape);
  } catch (error) {
    throw badLayout(where, `corrupt header: ${(error as Error).message}`);
  }
  if (
    header[SLAB_INDEX_BITS_WORD] !== expected.indexBits ||
    header[SLAB_DATA_OFFSET_WORD] !== expected.dataOffset ||
    header[SLAB_TOTAL_BYTES_WORD] !== expected.totalBytes ||
    ((header[SLAB_FLAGS_WORD] ?? 0) & ~SLAB_FLAG_DEBUG) !== 0
  ) {
    throw badLayout(where, 'corrupt header: derived sizes do not match the block shape');
  }
  if (byteOffset + expected.totalBytes > buffer.byteLength) {
    throw badLayout(
      where,
      `the pool needs ${expected.totalBytes} bytes from byteOffset ${byteOffset}, the buffer has ${buffer.byteLength}`,
    );
  }
}

/**
 * Formats a new pool, every block free, into `buffer` at `byteOffset`: the header words, the
 * free list (block 0 on top, each block linked to the next, the last to NIL), zeroed counters,
 * the poison of debug mode, and last the magic. Throws `INVALID_OPTIONS` / `BAD_LAYOUT`.
 */
export function formatSlabPool(
  where: string,
  buffer: SharedArrayBuffer,
  byteOffset: number,
  debug: boolean,
  shape: SlabShape,
): void {
  const { indexBits, dataOffset, totalBytes } = slabGeometry(where, shape);
  requireAttachable(where, buffer, byteOffset, totalBytes);
  if (byteOffset + totalBytes > MAX_BUFFER_END) {
    throw new MemPoolError(where, 'INVALID_OPTIONS', `the pool must end below ${MAX_BUFFER_END}`);
  }
  const { blockSize, blockCount } = shape;
  const words = new Int32Array(buffer, byteOffset, totalBytes / 4);
  words[SLAB_VERSION_WORD] = SLAB_LAYOUT_VERSION;
  words[SLAB_FLAGS_WORD] = debug ? SLAB_FLAG_DEBUG : 0;
  words[SLAB_BLOCK_SIZE_WORD] = blockSize;
  words[SLAB_BLOCK_COUNT_WORD] = blockCount;
  words[SLAB_INDEX_BITS_WORD] = indexBits;
  words[SLAB_DATA_OFFSET_WORD] = dataOffset;
  words[SLAB_TOTAL_BYTES_WORD] = totalBytes;
  const nil = 2 ** indexBits - 1;
  words[SLAB_HEAD_WORD] = 0;
  for (let i = 0; i < blockCount; i++) {
    words[SLAB_LINKS_WORD + i] = i + 1 < blockCount ? i + 1 : nil;
  }
  words[SLAB_ALLOCS_WORD] = 0;
  words[SLAB_FREES_WORD] = 0;
  words[SLAB_HIGH_WATER_WORD] = 0;
  words[SLAB_FAILURES_WORD] = 0;
  if (debug) poisonWords(words, dataOffset / 4, (blockSize * blockCount) / 4);
  // Publishes the header: an attacher that sees the magic sees every word above.
  Atomics.store(words, SLAB_MAGIC_WORD, SLAB_MAGIC);
}
