import { describe, expect, it } from 'vitest';
import {
  type BlockAllocator,
  DEFAULT_SIZE_CLASSES,
  MemPoolError,
  NO_BLOCK,
  SizeClassAllocator,
} from '../src/index.js';

const small = [
  { blockSize: 64, blockCount: 4 },
  { blockSize: 256, blockCount: 2 },
  { blockSize: 1024, blockCount: 1 },
] as const;

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MemPoolError);
    return (error as MemPoolError).code;
  }
  return undefined;
}

describe('SizeClassAllocator', () => {
  it('defaults to 64 B, 256 B, 1 KiB, 4 KiB and 16 KiB classes in one buffer', () => {
    const allocator = SizeClassAllocator.create();
    expect(allocator.stats().map((s) => s.blockSize)).toEqual([64, 256, 1024, 4096, 16384]);
    expect(allocator.maxBlockSize).toBe(16384);
    expect(allocator.classCount).toBe(5);
    expect(allocator.buffer.byteLength).toBe(SizeClassAllocator.bytesFor(DEFAULT_SIZE_CLASSES));
  });

  it('serves each request from the smallest class that holds it', () => {
    const allocator = SizeClassAllocator.create();
    const cases: [number, number][] = [
      [0, 64],
      [1, 64],
      [64, 64],
      [65, 256],
      [256, 256],
      [257, 1024],
      [1024, 1024],
      [1025, 4096],
      [4097, 16384],
      [16384, 16384],
    ];
    for (const [bytes, capacity] of cases) {
      const offset = allocator.alloc(bytes);
      expect(offset, `${bytes} bytes`).not.toBe(NO_BLOCK);
      expect(allocator.capacityOf(offset), `${bytes} bytes`).toBe(capacity);
      allocator.free(offset);
    }
    expect(allocator.outstanding()).toBe(0);
  });

  it('returns NO_BLOCK for a request larger than the largest class, without throwing', () => {
    const allocator = SizeClassAllocator.create();
    expect(allocator.alloc(16385)).toBe(NO_BLOCK);
    expect(allocator.alloc(2 ** 40)).toBe(NO_BLOCK);
    expect(allocator.alloc(Number.POSITIVE_INFINITY)).toBe(NO_BLOCK);
    expect(allocator.stats().every((s) => s.failures === 0 && s.allocs === 0)).toBe(true);
  });

  it('spills into larger classes when the right one is empty, then returns NO_BLOCK', () => {
    const allocator = SizeClassAllocator.create({ classes: small });
    const got = Array.from({ length: 8 }, () => allocator.alloc(10));
    expect(got.slice(0, 7).map((offset) => allocator.capacityOf(offset))).toEqual([
      64, 64, 64, 64, 256, 256, 1024,
    ]);
    expect(got[7]).toBe(NO_BLOCK);
    expect(allocator.stats().map((s) => [s.allocs, s.failures])).toEqual([
      [4, 4],
      [2, 2],
      [1, 1],
    ]);
    for (const offset of got.slice(0, 7)) allocator.free(offset);
    expect(allocator.outstandingByClass()).toEqual([
      { label: '64 B blocks', outstanding: 0 },
      { label: '256 B blocks', outstanding: 0 },
      { label: '1 KiB blocks', outstanding: 0 },
    ]);
  });

  it('finds the class of a block from its offset alone, in any attached handle', () => {
    const allocator = SizeClassAllocator.create({ classes: small });
    const other = SizeClassAllocator.attach(allocator.buffer);
    const offsets = [allocator.alloc(1), allocator.alloc(200), allocator.alloc(1000)];
    expect(offsets.map((offset) => other.classIndexOf(offset))).toEqual([0, 1, 2]);
    for (const offset of offsets) other.free(offset);
    expect(allocator.outstanding()).toBe(0);
    expect(allocator.stats().map((s) => s.frees)).toEqual([1, 1, 1]);
  });

  it('throws NOT_A_BLOCK for offsets outside every class or inside a block', () => {
    const allocator = SizeClassAllocator.create({ classes: small });
    const offset = allocator.alloc(100);
    expect(codeOf(() => allocator.free(0))).toBe('NOT_A_BLOCK');
    expect(codeOf(() => allocator.free(allocator.buffer.byteLength))).toBe('NOT_A_BLOCK');
    expect(codeOf(() => allocator.free(offset + 8))).toBe('NOT_A_BLOCK');
    expect(codeOf(() => allocator.capacityOf(offset + 8))).toBe('NOT_A_BLOCK');
    expect(codeOf(() => allocator.capacityOf(16))).toBe('NOT_A_BLOCK');
    expect(allocator.classIndexOf(16)).toBe(-1);
    allocator.free(offset);
    expect(codeOf(() => allocator.free(offset))).toBe('DOUBLE_FREE');
  });

  it('throws INVALID_SIZE for a negative or fractional request', () => {
    const allocator = SizeClassAllocator.create({ classes: small });
    for (const bytes of [-1, 1.5, Number.NaN]) {
      expect(
        codeOf(() => allocator.alloc(bytes)),
        String(bytes),
      ).toBe('INVALID_SIZE');
    }
  });

  it('rejects class lists it cannot lay out', () => {
    for (const classes of [
      [],
      [
        { blockSize: 256, blockCount: 1 },
        { blockSize: 64, blockCount: 1 },
      ],
      [
        { blockSize: 64, blockCount: 1 },
        { blockSize: 64, blockCount: 1 },
      ],
      [{ blockSize: 100, blockCount: 1 }],
      Array.from({ length: 17 }, (_, i) => ({ blockSize: 8 << i, blockCount: 1 })),
    ]) {
      expect(codeOf(() => SizeClassAllocator.create({ classes }))).toBe('INVALID_OPTIONS');
    }
    expect(() => SizeClassAllocator.create({ classes: [] })).toThrow(
      /^@zactor\/mempool\/SizeClassAllocator\.create: /,
    );
  });

  it('carries its debug mode into every class', () => {
    const allocator = SizeClassAllocator.create({ classes: small, debug: true });
    expect(SizeClassAllocator.attach(allocator.buffer).debug).toBe(true);
    expect(allocator.pool(2).debug).toBe(true);
    expect(() => allocator.pool(3)).toThrow(MemPoolError);
  });

  it('can live at an offset inside a larger buffer', () => {
    const buffer = new SharedArrayBuffer(256 + SizeClassAllocator.bytesFor(small));
    const allocator = SizeClassAllocator.createIn(buffer, 256, { classes: small });
    const offset = allocator.alloc(64);
    expect(offset).toBeGreaterThan(256);
    expect(SizeClassAllocator.attach(buffer, 256).capacityOf(offset)).toBe(64);
    allocator.free(offset);
  });

  it('fills the BlockAllocator role the serializer codes against', () => {
    const allocator: BlockAllocator = SizeClassAllocator.create({ classes: small });
    const offset = allocator.alloc(300);
    new Uint8Array(allocator.buffer, offset, 300).fill(9);
    allocator.free(offset);
  });
});
