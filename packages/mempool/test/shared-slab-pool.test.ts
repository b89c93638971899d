import { describe, expect, it } from 'vitest';
import { type BlockAllocator, MemPoolError, NO_BLOCK, SharedSlabPool } from '../src/index.js';
import {
  SLAB_ALLOCS_WORD,
  SLAB_FREES_WORD,
  SLAB_HEAD_WORD,
  SLAB_HIGH_WATER_WORD,
  SLAB_LINKS_WORD,
} from '../src/layout.js';

function allocAll(pool: SharedSlabPool): number[] {
  const offsets: number[] = [];
  for (let offset = pool.alloc(); offset !== NO_BLOCK; offset = pool.alloc()) offsets.push(offset);
  return offsets;
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MemPoolError);
    return (error as MemPoolError).code;
  }
  return undefined;
}

describe('SharedSlabPool', () => {
  it('hands out every block exactly once, then NO_BLOCK, counting the failure', () => {
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 10 });
    const offsets = allocAll(pool);
    expect(offsets).toHaveLength(10);
    expect(new Set(offsets).size).toBe(10);
    expect(pool.alloc()).toBe(NO_BLOCK);
    expect(pool.stats()).toEqual({
      blockSize: 64,
      blockCount: 10,
      outstanding: 10,
      highWater: 10,
      allocs: 10,
      frees: 0,
      failures: 2,
    });
  });

  it('returns offsets of whole, aligned blocks inside the buffer', () => {
    for (const blockSize of [8, 16, 64, 256, 4096]) {
      const pool = SharedSlabPool.create({ blockSize, blockCount: 7 });
      const sorted = allocAll(pool).sort((a, b) => a - b);
      for (const [i, offset] of sorted.entries()) {
        expect(offset % Math.min(blockSize, 128)).toBe(0);
        expect(offset).toBe(pool.dataStart + i * blockSize);
        expect(offset + blockSize).toBeLessThanOrEqual(pool.buffer.byteLength);
      }
      expect(pool.dataEnd).toBe(pool.dataStart + 7 * blockSize);
    }
  });

  it('sizes its buffer with bytesFor, in multiples of 128 bytes', () => {
    const shape = { blockSize: 32, blockCount: 1000 };
    const pool = SharedSlabPool.create(shape);
    expect(pool.buffer.byteLength).toBe(SharedSlabPool.bytesFor(shape));
    expect(pool.byteLength).toBe(SharedSlabPool.bytesFor(shape));
    expect(SharedSlabPool.bytesFor(shape) % 128).toBe(0);
    expect(SharedSlabPool.bytesFor(shape)).toBeGreaterThanOrEqual(32 * 1000 + 4 * 1000);
  });

  it('hands the most recently freed block out first', () => {
    const pool = SharedSlabPool.create({ blockSize: 16, blockCount: 4 });
    const [a, b] = [pool.alloc(), pool.alloc()];
    pool.free(a);
    pool.free(b);
    expect(pool.alloc()).toBe(b);
    expect(pool.alloc()).toBe(a);
  });

  it('refuses a request larger than a block without counting a failure', () => {
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 2 });
    expect(pool.alloc(65)).toBe(NO_BLOCK);
    expect(pool.alloc(64)).not.toBe(NO_BLOCK);
    expect(pool.stats().failures).toBe(0);
    const asAllocator: BlockAllocator = pool;
    expect(asAllocator.alloc(10)).not.toBe(NO_BLOCK);
  });

  it('throws NOT_A_BLOCK for an offset that is not the start of one of its blocks', () => {
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 4 });
    const offset = pool.alloc();
    for (const bad of [
      offset + 1,
      offset + 32,
      0,
      pool.dataStart - 64,
      pool.dataEnd,
      pool.dataEnd + 64,
      offset + 0.5,
      Number.NaN,
      -64,
    ]) {
      expect(
        codeOf(() => pool.free(bad)),
        `offset ${bad}`,
      ).toBe('NOT_A_BLOCK');
    }
    expect(() => pool.free(offset + 1)).toThrow(/^@zactor\/mempool\/SharedSlabPool\.free: /);
    pool.free(offset);
    expect(pool.outstanding()).toBe(0);
  });

  it('throws DOUBLE_FREE on a second free and stays whole', () => {
    const pool = SharedSlabPool.create({ blockSize: 8, blockCount: 3 });
    const offset = pool.alloc();
    pool.free(offset);
    expect(codeOf(() => pool.free(offset))).toBe('DOUBLE_FREE');
    const never = pool.dataStart + 8 * 2;
    expect(codeOf(() => pool.free(never))).toBe('DOUBLE_FREE');
    expect(pool.stats().frees).toBe(1);
    const all = allocAll(pool);
    expect(new Set(all).size).toBe(3);
    for (const each of all) pool.free(each);
    expect(pool.outstanding()).toBe(0);
  });

  it('tracks outstanding blocks and the high-water mark', () => {
    const pool = SharedSlabPool.create({ blockSize: 8, blockCount: 8 });
    const held = [pool.alloc(), pool.alloc(), pool.alloc()];
    pool.free(held.pop()!);
    held.push(pool.alloc());
    expect(pool.outstanding()).toBe(3);
    for (const offset of held) pool.free(offset);
    expect(pool.stats()).toMatchObject({ outstanding: 0, highWater: 3, allocs: 4, frees: 4 });
    expect(pool.outstandingByClass()).toEqual([{ label: '8 B blocks', outstanding: 0 }]);
  });

  it('shares its state with every handle attached to the same buffer', () => {
    const pool = SharedSlabPool.create({ blockSize: 128, blockCount: 5 });
    const other = SharedSlabPool.attach(pool.buffer);
    expect(other.blockSize).toBe(128);
    expect(other.blockCount).toBe(5);
    const offset = pool.alloc();
    expect(other.outstanding()).toBe(1);
    other.free(offset);
    expect(pool.outstanding()).toBe(0);
    expect(codeOf(() => pool.free(offset))).toBe('DOUBLE_FREE');
  });

  it('lays out two independent pools in one buffer with createIn', () => {
    const a = { blockSize: 32, blockCount: 3 };
    const b = { blockSize: 1024, blockCount: 2 };
    const buffer = new SharedArrayBuffer(
      SharedSlabPool.bytesFor(a) + SharedSlabPool.bytesFor(b) + 128,
    );
    const first = SharedSlabPool.createIn(buffer, 128, a);
    const second = SharedSlabPool.createIn(buffer, 128 + first.byteLength, b);
    expect(allocAll(first)).toHaveLength(3);
    expect(allocAll(second)).toHaveLength(2);
    const again = SharedSlabPool.attach(buffer, 128 + first.byteLength);
    expect(again.blockSize).toBe(1024);
    expect(again.outstanding()).toBe(2);
    expect(first.outstanding()).toBe(3);
  });

  it('rejects shapes it cannot hold with INVALID_OPTIONS', () => {
    for (const shape of [
      { blockSize: 48, blockCount: 4 },
      { blockSize: 4, blockCount: 4 },
      { blockSize: 2 ** 31, blockCount: 1 },
      { blockSize: 64, blockCount: 0 },
      { blockSize: 64, blockCount: 65536 },
      { blockSize: 64, blockCount: 2.5 },
      { blockSize: 2 ** 30, blockCount: 2 },
    ]) {
      expect(
        codeOf(() => SharedSlabPool.create(shape)),
        JSON.stringify(shape),
      ).toBe('INVALID_OPTIONS');
    }
    const buffer = new SharedArrayBuffer(4096);
    const shape = { blockSize: 64, blockCount: 8 };
    expect(codeOf(() => SharedSlabPool.createIn(buffer, 64, shape))).toBe('BAD_LAYOUT');
    expect(codeOf(() => SharedSlabPool.createIn(buffer, 3968, shape))).toBe('BAD_LAYOUT');
  });

  it('accepts the largest block count and keeps a 16-bit tag', () => {
    const pool = SharedSlabPool.create({ blockSize: 8, blockCount: 65535 });
    expect(allocAll(pool)).toHaveLength(65535);
    expect(pool.outstanding()).toBe(65535);
  });

  it('fails a stale pop after the same block was popped and pushed back (ABA)', () => {
    const pool = SharedSlabPool.create({ blockSize: 8, blockCount: 4 });
    const words = new Int32Array(pool.buffer);
    // A popper reads the head and the link below it, then stalls...
    const staleHead = Atomics.load(words, SLAB_HEAD_WORD);
    const staleIndex = staleHead & 7;
    const staleBelow = Atomics.load(words, SLAB_LINKS_WORD + staleIndex);
    // ...while others pop that block and the one below, and push the first back.
    const a = pool.alloc();
    const b = pool.alloc();
    pool.free(a);
    expect(Atomics.load(words, SLAB_HEAD_WORD) & 7).toBe(staleIndex);
    // Its CAS would now make the allocated block `b` the top; the tag makes it fail.
    const staleNext = ((staleHead + 8) & ~7) | staleBelow;
    expect(Atomics.compareExchange(words, SLAB_HEAD_WORD, staleHead, staleNext)).not.toBe(
      staleHead,
    );
    pool.free(b);
    expect(new Set(allocAll(pool)).size).toBe(4);
  });

  it('keeps working when the head tag and the counters wrap around', () => {
    const pool = SharedSlabPool.create({ blockSize: 8, blockCount: 3 });
    const words = new Int32Array(pool.buffer);
    // indexBits is 2 for 3 blocks: put the tag 5 pops before it wraps past 2^31 and 2^32.
    Atomics.store(words, SLAB_HEAD_WORD, (0x3ffffffb << 2) | 0);
    Atomics.store(words, SLAB_ALLOCS_WORD, 2 ** 31 - 3);
    Atomics.store(words, SLAB_FREES_WORD, 2 ** 31 - 3);
    for (let round = 0; round < 20; round++) {
      const held = allocAll(pool);
      expect(new Set(held).size).toBe(3);
      expect(pool.outstanding()).toBe(3);
      for (const offset of held) pool.free(offset);
      expect(pool.outstanding()).toBe(0);
    }
    expect(pool.stats().allocs).toBe((2 ** 31 - 3 + 60) >>> 0);
    expect(Atomics.load(words, SLAB_HIGH_WATER_WORD)).toBe(3);
  });
});

describe('SharedSlabPool in debug mode', () => {
  it('catches a write to a block after it was freed and keeps the block', () => {
    const pool = SharedSlabPool.create({ blockSize: 16, blockCount: 2, debug: true });
    const view = new Int32Array(pool.buffer);
    const offset = pool.alloc();
    view[offset / 4] = 42;
    pool.free(offset);
    view[offset / 4 + 3] = 7;
    expect(() => pool.alloc()).toThrow(/was written after it was freed \(byte 12 is 0x7\)/);
    expect(pool.outstanding()).toBe(0);
    // The block went back poisoned, so both blocks are still there.
    const all = allocAll(pool);
    expect(all).toContain(offset);
    expect(all).toHaveLength(2);
  });

  it('tells attached handles that it is in debug mode', () => {
    const pool = SharedSlabPool.create({ blockSize: 16, blockCount: 2, debug: true });
    expect(SharedSlabPool.attach(pool.buffer).debug).toBe(true);
    expect(SharedSlabPool.create({ blockSize: 16, blockCount: 2 }).debug).toBe(false);
  });

  it('hands out untouched blocks without complaint', () => {
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 8, debug: true });
    for (let round = 0; round < 3; round++) {
      const all = allocAll(pool);
      expect(all).toHaveLength(8);
      for (const offset of all) new Uint8Array(pool.buffer, offset, 64).fill(round + 1);
      for (const offset of all) pool.free(offset);
    }
    expect(pool.stats().allocs).toBe(24);
  });
});
