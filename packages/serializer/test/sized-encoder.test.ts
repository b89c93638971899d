import { SizeClassAllocator } from '@zactor/mempool';
import { describe, expect, it } from 'vitest';
import {
  type BlockAllocator,
  CodecRegistry,
  codec,
  SerializerError,
  SizeClass,
  SizedDecoder,
  SizedEncoder,
  t,
} from '../src/index.js';
import { TestBlockAllocator } from './support/test-allocator.js';

const Note = t.struct({ id: t.u32, text: t.utf8 });
const noteCodec = codec(Note, { name: 'Note' });

function ring(): DataView {
  return new DataView(new SharedArrayBuffer(256));
}

describe('SizedEncoder', () => {
  it('puts a message of up to 64 bytes inline, up to 1 KiB in a block, and larger in its own buffer', () => {
    const allocator = new TestBlockAllocator(1024, 4);
    const encoder = new SizedEncoder({ allocator });
    const decoder = new SizedDecoder(allocator);
    const view = ring();

    const small = { id: 1, text: 'x'.repeat(64 - 12) };
    expect(encoder.encode(noteCodec, small, view, 8, 200)).toBe(SizeClass.Inline);
    expect(encoder.length).toBe(64);
    expect(encoder.blockOffset).toBe(-1);
    expect(noteCodec.decode(view, 8, 8 + encoder.length)).toEqual(small);

    const medium = { id: 2, text: 'y'.repeat(65 - 12) };
    expect(encoder.encode(noteCodec, medium, view, 8, 200)).toBe(SizeClass.Block);
    expect(encoder.length).toBe(65);
    expect(allocator.outstanding.has(encoder.blockOffset)).toBe(true);
    expect(decoder.decodeBlock(noteCodec, encoder.blockOffset, encoder.length)).toEqual(medium);
    expect(allocator.outstanding.size).toBe(0);

    const fullBlock = { id: 3, text: 'z'.repeat(1024 - 12) };
    expect(encoder.encode(noteCodec, fullBlock, view, 8, 200)).toBe(SizeClass.Block);
    const lazy = decoder.viewBlock(noteCodec, encoder.blockOffset, encoder.length);
    expect(lazy.text.length).toBe(1012);
    decoder.release(encoder.blockOffset);
    expect(allocator.outstanding.size).toBe(0);

    const large = { id: 4, text: 'w'.repeat(1025 - 12) };
    expect(encoder.encode(noteCodec, large, view, 8, 200)).toBe(SizeClass.Large);
    expect(encoder.length).toBe(1025);
    expect(encoder.largeBuffer?.byteLength).toBe(1025);
    expect(decoder.decodeLarge(noteCodec, encoder.largeBuffer!, encoder.length)).toEqual(large);
    expect(decoder.viewLarge(noteCodec, encoder.largeBuffer!, encoder.length).id).toBe(4);
  });

  it('uses a block when the ring offers less room than the inline limit', () => {
    const allocator = new TestBlockAllocator(256, 1);
    const encoder = new SizedEncoder({ allocator });
    expect(encoder.encode(noteCodec, { id: 1, text: 'abcdefghij' }, ring(), 0, 21)).toBe(
      SizeClass.Block,
    );
    expect(encoder.length).toBe(22);
    expect(encoder.encode(noteCodec, { id: 1, text: 'abcdefghi' }, ring(), 0, 21)).toBe(
      SizeClass.Inline,
    );
    // No inline room at all, and the only block is still taken by the first message.
    expect(encoder.encode(noteCodec, { id: 1, text: '' }, ring(), 0, 0)).toBe(SizeClass.Large);
  });

  it('falls back to a large buffer when no block is free or there is no allocator', () => {
    const allocator = new TestBlockAllocator(1024, 1);
    const encoder = new SizedEncoder({ allocator });
    const medium = { id: 2, text: 'm'.repeat(100) };
    expect(encoder.encode(noteCodec, medium, ring(), 0, 64)).toBe(SizeClass.Block);
    expect(encoder.encode(noteCodec, medium, ring(), 0, 64)).toBe(SizeClass.Large);
    expect(new SizedEncoder().encode(noteCodec, medium, ring(), 0, 64)).toBe(SizeClass.Large);
  });

  it('honours custom limits', () => {
    const allocator = new TestBlockAllocator(4096, 2);
    const encoder = new SizedEncoder({ allocator, inlineMax: 16, blockMax: 4096 });
    expect(encoder.encode(noteCodec, { id: 1, text: 'abcd' }, ring(), 0, 200)).toBe(
      SizeClass.Inline,
    );
    expect(encoder.encode(noteCodec, { id: 1, text: 'abcde' }, ring(), 0, 200)).toBe(
      SizeClass.Block,
    );
    expect(encoder.encode(noteCodec, { id: 1, text: 'a'.repeat(4000) }, ring(), 0, 200)).toBe(
      SizeClass.Block,
    );
    expect(() => new SizedEncoder({ inlineMax: -1 })).toThrow(SerializerError);
    expect(() => new SizedEncoder({ blockMax: 1.5 })).toThrow(/blockMax/);
  });

  it('frees the block and throws when a codec writes another size than sizeOf said', () => {
    const allocator = new TestBlockAllocator(1024, 1);
    const encoder = new SizedEncoder({ allocator });
    const lying = { sizeOf: () => 100, encode: () => 90 };
    expect(() => encoder.encode(lying, {}, ring(), 0, 0)).toThrow(
      /sizeOf said 100 bytes but encode wrote 90/,
    );
    expect(allocator.outstanding.size).toBe(0);
  });

  it('frees a block even when decoding it fails', () => {
    const allocator = new TestBlockAllocator(1024, 1);
    const decoder = new SizedDecoder(allocator);
    const block = allocator.alloc(100);
    new Uint8Array(allocator.buffer).fill(0xff, block, block + 100);
    expect(() => decoder.decodeBlock(noteCodec, block, 100)).toThrow(/OUT_OF_BOUNDS|past the end/);
    expect(allocator.outstanding.size).toBe(0);
    expect(() => new SizedDecoder().decodeBlock(noteCodec, 0, 8)).toThrow(/BlockAllocator/);
  });

  it('sends registered and fallback frames through the size classes', () => {
    const allocator = new TestBlockAllocator(1024, 2);
    const registry = new CodecRegistry();
    const note = registry.register(1, Note, { name: 'Note' });
    const encoder = new SizedEncoder({ allocator });
    const decoder = new SizedDecoder(allocator);
    expect(encoder.encode(note, { id: 1, text: 'hi' }, ring(), 0, 64)).toBe(SizeClass.Inline);
    const value = { list: Array.from({ length: 40 }, (_, i) => i) };
    expect(encoder.encode(registry.fallback, value, ring(), 0, 64)).toBe(SizeClass.Block);
    expect(decoder.decodeBlock(registry, encoder.blockOffset, encoder.length)).toEqual(value);
  });
});

describe('SizedEncoder with @zactor/mempool', () => {
  it('writes medium messages into SizeClassAllocator blocks and frees them', () => {
    const allocator = SizeClassAllocator.create();
    const asRole: BlockAllocator = allocator;
    const encoder = new SizedEncoder({ allocator: asRole });
    const decoder = new SizedDecoder(asRole);
    const offsets = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const value = { id: i, text: `message ${i} `.repeat(1 + (i % 60)) };
      const cls = encoder.encode(noteCodec, value, ring(), 0, 64);
      const expected = noteCodec.sizeOf(value);
      expect(cls).toBe(
        expected <= 64 ? SizeClass.Inline : expected <= 1024 ? SizeClass.Block : SizeClass.Large,
      );
      if (cls === SizeClass.Block) {
        expect(allocator.capacityOf(encoder.blockOffset)).toBeGreaterThanOrEqual(encoder.length);
        offsets.add(encoder.blockOffset);
        const lazy = decoder.viewBlock(noteCodec, encoder.blockOffset, encoder.length);
        expect(lazy.text).toBe(value.text);
        decoder.release(encoder.blockOffset);
      }
    }
    expect(offsets.size).toBeGreaterThan(0);
    expect(allocator.outstanding()).toBe(0);
  });
});
