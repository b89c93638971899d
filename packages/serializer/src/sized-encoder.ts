/**
 * Encodes a message into the smallest home that holds it (see size-class.ts) and reports the
 * class and handle in reusable fields, so the hot path allocates nothing for inline and block
 * messages.
 *
 * Flow: try the inline room first (a fixed-size or small message is written in one pass with
 * no size computation), then ask the codec for the exact size and take a block, or a new
 * SharedArrayBuffer when the message is larger than `blockMax` or no block is free.
 *
 * Not thread-safe: one SizedEncoder per producing thread. The bytes are written with plain
 * stores; publish the record that refers to them with an Atomics store afterwards.
 */
import type { BlockAllocator } from './block-allocator.js';
import type { Encoder } from './codec.js';
import { SerializerError } from './errors.js';
import { BLOCK_MAX_BYTES, INLINE_MAX_BYTES } from './layout.js';
import { SizeClass } from './size-class.js';

export interface SizedEncoderOptions {
  /** Where medium messages go; without one they go to their own SharedArrayBuffer. */
  readonly allocator?: BlockAllocator;
  /** The largest inline message in bytes (default 64). */
  readonly inlineMax?: number;
  /** The largest block message in bytes (default 1024). */
  readonly blockMax?: number;
}

function checkLimit(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) {
    throw new SerializerError(
      'SizedEncoder.constructor',
      'INVALID_ARGUMENT',
      `${name} (${value}) must be a non-negative integer`,
    );
  }
  return value;
}

export class SizedEncoder {
  readonly allocator: BlockAllocator | undefined;
  readonly inlineMax: number;
  readonly blockMax: number;
  /** A DataView over the allocator's buffer, made once. */
  readonly blockView: DataView | undefined;

  /** The class chosen by the last `encode`. */
  sizeClass: SizeClass = SizeClass.Inline;
  /** Bytes written by the last `encode`. */
  length = 0;
  /** Block: the block's offset in `allocator.buffer`; otherwise -1. */
  blockOffset = -1;
  /** Large: the buffer holding the message at offset 0; otherwise undefined. */
  largeBuffer: SharedArrayBuffer | undefined = undefined;

  constructor(options: SizedEncoderOptions = {}) {
    this.allocator = options.allocator;
    this.inlineMax = checkLimit('inlineMax', options.inlineMax ?? INLINE_MAX_BYTES);
    this.blockMax = checkLimit('blockMax', options.blockMax ?? BLOCK_MAX_BYTES);
    this.blockView = this.allocator === undefined ? undefined : new DataView(this.allocator.buffer);
  }

  /**
   * Encodes `value` with `codec`, inline at `offset` in `view` if it fits in
   * `min(capacity, inlineMax)` bytes, else in a block or a large buffer. Returns the class and
   * fills `length` and `blockOffset` / `largeBuffer`. Rethrows the codec's EncodeError for a
   * value its schema cannot represent, after freeing any block it took.
   */
  encode<T>(
    codec: Encoder<T>,
    value: T,
    view: DataView,
    offset: number,
    capacity: number,
  ): SizeClass {
    const room = Math.min(capacity, this.inlineMax);
    if (room > 0) {
      const written = codec.encode(value, view, offset, offset + room);
      if (written >= 0) return this.done(SizeClass.Inline, written, -1, undefined);
    }
    const size = codec.sizeOf(value);
    const allocator = this.allocator;
    if (size <= this.blockMax && allocator !== undefined) {
      const block = allocator.alloc(size);
      if (block >= 0) {
        let written: number;
        try {
          written = codec.encode(value, this.blockView!, block, block + size);
        } catch (error) {
          // A value its schema cannot represent may only show up here (UNENCODABLE).
          allocator.free(block);
          throw error;
        }
        if (written !== size) {
          allocator.free(block);
          throw this.sizeMismatch(size, written);
        }
        return this.done(SizeClass.Block, written, block, undefined);
      }
    }
    const buffer = new SharedArrayBuffer(size);
    const written = codec.encode(value, new DataView(buffer), 0, size);
    if (written !== size) throw this.sizeMismatch(size, written);
    return this.done(SizeClass.Large, written, -1, buffer);
  }

  private done(
    sizeClass: SizeClass,
    length: number,
    blockOffset: number,
    largeBuffer: SharedArrayBuffer | undefined,
  ): SizeClass {
    this.sizeClass = sizeClass;
    this.length = length;
    this.blockOffset = blockOffset;
    this.largeBuffer = largeBuffer;
    return sizeClass;
  }

  private sizeMismatch(size: number, written: number): SerializerError {
    return new SerializerError(
      'SizedEncoder.encode',
      'SIZE_MISMATCH',
      `the codec's sizeOf said ${size} bytes but encode wrote ${written}`,
    );
  }
}
