/**
 * The consumer's side of size classes: decode a message from whichever home the producer chose
 * and give its block back. Inline messages need no helper: `codec.decode(view, offset,
 * offset + length)` on the ring's bytes.
 *
 * Call only after acquiring (Atomics.load) the record that published the handle.
 */
import type { BlockAllocator } from './block-allocator.js';
import type { Decoder } from './codec.js';
import { SerializerError } from './errors.js';

export class SizedDecoder {
  readonly allocator: BlockAllocator | undefined;
  /** A DataView over the allocator's buffer, made once. */
  readonly blockView: DataView | undefined;

  constructor(allocator?: BlockAllocator) {
    this.allocator = allocator;
    this.blockView = allocator === undefined ? undefined : new DataView(allocator.buffer);
  }

  /** Decodes the block message at `blockOffset` and frees the block (even if decoding throws). */
  decodeBlock<TOut>(codec: Decoder<TOut, unknown>, blockOffset: number, length: number): TOut {
    const view = this.requireBlockView();
    try {
      return codec.decode(view, blockOffset, blockOffset + length);
    } finally {
      this.allocator!.free(blockOffset);
    }
  }

  /** A lazy view of the block message; call `release(blockOffset)` once done with it. */
  viewBlock<TView>(codec: Decoder<unknown, TView>, blockOffset: number, length: number): TView {
    return codec.view(this.requireBlockView(), blockOffset, blockOffset + length);
  }

  /** Frees a block read through `viewBlock`. */
  release(blockOffset: number): void {
    this.requireBlockView();
    this.allocator!.free(blockOffset);
  }

  /** Decodes a large message from its own buffer. */
  decodeLarge<TOut>(
    codec: Decoder<TOut, unknown>,
    buffer: SharedArrayBuffer,
    length: number,
  ): TOut {
    return codec.decode(new DataView(buffer), 0, length);
  }

  /** A lazy view of a large message (valid as long as the buffer is kept). */
  viewLarge<TView>(
    codec: Decoder<unknown, TView>,
    buffer: SharedArrayBuffer,
    length: number,
  ): TView {
    return codec.view(new DataView(buffer), 0, length);
  }

  private requireBlockView(): DataView {
    if (this.blockView === undefined) {
      throw new SerializerError(
        'SizedDecoder',
        'NO_ALLOCATOR',
        'a block message needs the BlockAllocator it was written into',
      );
    }
    return this.blockView;
  }
}
