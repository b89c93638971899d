import { describe, expect, it } from 'vitest';
import { BumpArena, MemPoolError, NO_BLOCK } from '../src/index.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MemPoolError);
    return (error as MemPoolError).code;
  }
  return undefined;
}

describe('BumpArena', () => {
  it('hands out aligned, non-overlapping ranges one after another', () => {
    const arena = BumpArena.create({ capacity: 1024 });
    const a = arena.alloc(3);
    const b = arena.alloc(8);
    const c = arena.alloc(10, 64);
    const d = arena.alloc(1, 1);
    expect(a).toBe(arena.dataStart);
    expect(b).toBe(arena.dataStart + 8);
    expect(c % 64).toBe(0);
    expect(c).toBeGreaterThanOrEqual(b + 8);
    expect(d).toBe(c + 10);
    expect(arena.used()).toBe(d + 1 - arena.dataStart);
  });

  it('returns NO_BLOCK when a request does not fit, and leaves the rest usable', () => {
    const arena = BumpArena.create({ capacity: 100 });
    expect(arena.alloc(96)).toBe(arena.dataStart);
    expect(arena.alloc(8)).toBe(NO_BLOCK);
    expect(arena.used()).toBe(96);
    expect(arena.alloc(4, 4)).toBe(arena.dataStart + 96);
    expect(arena.alloc(0, 1)).toBe(arena.dataStart + 100);
    expect(arena.alloc(1, 1)).toBe(NO_BLOCK);
    expect(arena.stats()).toEqual({ capacity: 100, used: 100, generation: 0, failures: 2 });
  });

  it('makes the whole capacity free again on reset and bumps the generation', () => {
    const arena = BumpArena.create({ capacity: 256 });
    const first = arena.alloc(256);
    expect(arena.alloc(1)).toBe(NO_BLOCK);
    arena.reset();
    expect(arena.generation()).toBe(1);
    expect(arena.used()).toBe(0);
    expect(arena.alloc(256)).toBe(first);
  });

  it('shares its top with every handle attached to the same buffer', () => {
    const arena = BumpArena.create({ capacity: 64 });
    const other = BumpArena.attach(arena.buffer);
    expect(other.capacity).toBe(64);
    const a = arena.alloc(16);
    const b = other.alloc(16);
    expect(b).toBe(a + 16);
    other.reset();
    expect(arena.used()).toBe(0);
  });

  it('can live at an offset inside a larger buffer', () => {
    const buffer = new SharedArrayBuffer(128 + BumpArena.bytesFor({ capacity: 500 }));
    const arena = BumpArena.createIn(buffer, 128, { capacity: 500 });
    expect(arena.alloc(10)).toBe(128 + 256);
    expect(BumpArena.attach(buffer, 128).used()).toBe(10);
  });

  it('throws INVALID_SIZE for a bad size or alignment', () => {
    const arena = BumpArena.create({ capacity: 64 });
    for (const [bytes, align] of [
      [-1, 8],
      [1.5, 8],
      [8, 3],
      [8, 0],
      [8, 8192],
      [8, Number.NaN],
    ] as const) {
      expect(
        codeOf(() => arena.alloc(bytes, align)),
        `${bytes}/${align}`,
      ).toBe('INVALID_SIZE');
    }
    expect(arena.used()).toBe(0);
  });

  it('rejects a capacity it cannot hold', () => {
    for (const capacity of [0, -5, 1.5, 2 ** 31]) {
      expect(codeOf(() => BumpArena.create({ capacity }))).toBe('INVALID_OPTIONS');
    }
  });

  it('aligns on absolute buffer positions for alignments above 128', () => {
    const buffer = new SharedArrayBuffer(128 + BumpArena.bytesFor({ capacity: 8192 }));
    const arena = BumpArena.createIn(buffer, 128, { capacity: 8192 });
    arena.alloc(1);
    const offset = arena.alloc(100, 4096);
    expect(offset % 4096).toBe(0);
    expect(offset).toBe(4096);
  });
});
