import { testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recheckLink } from '../src/free-list-guard.js';
import { BumpArena, NO_BLOCK, SharedSlabPool, SizeClassAllocator } from '../src/index.js';
import {
  ARENA_TOP_WORD,
  SIZE_CLASS_POOL_OFFSET_WORD,
  SLAB_ALLOCATED,
  SLAB_DATA_OFFSET_WORD,
  SLAB_HEAD_WORD,
  SLAB_LINKS_WORD,
} from '../src/layout.js';
import { codeOf } from './error-code.js';

function wordsOf(pool: SharedSlabPool): Int32Array {
  return new Int32Array(pool.buffer, pool.byteOffset, pool.byteLength / 4);
}

/** Index of the block at `offset`. */
function indexOf(pool: SharedSlabPool, offset: number): number {
  return (offset - pool.dataStart) / pool.blockSize;
}

describe('SharedSlabPool with corrupt free-list words', () => {
  it('reports POOL_CORRUPT for a HEAD index past the blocks, and pops nothing', () => {
    // 4 blocks: 3 index bits, NIL = 7, so 4..6 fit the field but name no block.
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 4 });
    const words = wordsOf(pool);
    const held = pool.alloc();
    const head = (words[SLAB_HEAD_WORD]! & ~7) | 5;
    words[SLAB_HEAD_WORD] = head;
    expect(codeOf(() => pool.alloc())).toBe('POOL_CORRUPT');
    expect(words[SLAB_HEAD_WORD]).toBe(head);
    expect(pool.outstanding()).toBe(1);
    // A free pushes above the bad word, which moves into the freed block's link: still caught.
    pool.free(held);
    expect(codeOf(() => pool.alloc())).toBe('POOL_CORRUPT');
    expect(pool.outstanding()).toBe(0);
  });

  it('reports POOL_CORRUPT for a link past the blocks when the walk reaches it', () => {
    for (const bad of [4, 6, 1 << 20, 0x10002, -7]) {
      const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 4 });
      const words = wordsOf(pool);
      words[SLAB_LINKS_WORD + 1] = bad;
      expect(pool.alloc()).toBe(pool.dataStart);
      expect(codeOf(() => pool.alloc())).toBe('POOL_CORRUPT');
      expect(pool.outstanding()).toBe(1);
    }
  });

  it('never hands out a block twice when a link names a block already handed out', () => {
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 4 });
    const words = wordsOf(pool);
    const first = pool.alloc();
    // Block 1 is on top; its link now names block 0, which its owner still holds.
    words[SLAB_LINKS_WORD + 1] = indexOf(pool, first);
    const second = pool.alloc();
    expect(second).not.toBe(first);
    expect(codeOf(() => pool.alloc())).toBe('POOL_CORRUPT');
    expect(words[SLAB_LINKS_WORD + indexOf(pool, first)]).toBe(SLAB_ALLOCATED);
  });

  it('hands a block in a corrupt cycle out once, then reports POOL_CORRUPT', () => {
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 4 });
    const words = wordsOf(pool);
    words[SLAB_LINKS_WORD + 0] = 0;
    expect(pool.alloc()).toBe(pool.dataStart);
    expect(codeOf(() => pool.alloc())).toBe('POOL_CORRUPT');
  });

  it('reports POOL_CORRUPT from free when the link word is neither allocated nor a link', () => {
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 4 });
    const words = wordsOf(pool);
    const offset = pool.alloc();
    words[SLAB_LINKS_WORD + indexOf(pool, offset)] = 1234;
    expect(codeOf(() => pool.free(offset))).toBe('POOL_CORRUPT');
    expect(pool.outstanding()).toBe(1);
    // A link that could be real is indistinguishable from a block already free.
    words[SLAB_LINKS_WORD + indexOf(pool, offset)] = 2;
    expect(codeOf(() => pool.free(offset))).toBe('DOUBLE_FREE');
  });

  it('rejects a misaligned data offset or class offset at attach with BAD_LAYOUT', () => {
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 4 });
    wordsOf(pool)[SLAB_DATA_OFFSET_WORD]! += 4;
    expect(codeOf(() => SharedSlabPool.attach(pool.buffer))).toBe('BAD_LAYOUT');
    const classes = SizeClassAllocator.create();
    new Int32Array(classes.buffer)[SIZE_CLASS_POOL_OFFSET_WORD + 1]! += 4;
    expect(codeOf(() => SizeClassAllocator.attach(classes.buffer))).toBe('BAD_LAYOUT');
  });

  it('passes a corrupt class pool through SizeClassAllocator.alloc as POOL_CORRUPT', () => {
    const classes = SizeClassAllocator.create();
    const pool = classes.pool(0);
    wordsOf(pool)[SLAB_HEAD_WORD] = pool.blockCount; // 4096 blocks: index bits 13, NIL 8191
    expect(codeOf(() => classes.alloc(10))).toBe('POOL_CORRUPT');
    expect(classes.pool(1).owns(classes.alloc(200))).toBe(true);
  });

  it('retries instead of reporting when HEAD moved since the link was read (a stale read)', () => {
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 4 });
    const words = wordsOf(pool);
    const stale = words[SLAB_HEAD_WORD]!;
    pool.alloc(); // another thread's pop: block 0 now says SLAB_ALLOCATED, HEAD has a new tag
    const guard = { blockCount: 4, nil: 7, byteOffset: 0 };
    expect(recheckLink(words, stale, 0, guard)).toBe(words[SLAB_HEAD_WORD]);
    expect(codeOf(() => recheckLink(words, words[SLAB_HEAD_WORD]!, 1, guard))).toBeUndefined();
    words[SLAB_LINKS_WORD + 1] = SLAB_ALLOCATED;
    expect(codeOf(() => recheckLink(words, words[SLAB_HEAD_WORD]!, 1, guard))).toBe('POOL_CORRUPT');
  });
});

describe('isAllocated, for a receiver checking an offset it was handed', () => {
  it('is true only for the first byte of a block that is handed out, and never throws', () => {
    const classes = SizeClassAllocator.create();
    const offset = classes.alloc(300);
    const free = classes.alloc(300);
    classes.free(free);
    expect(classes.isAllocated(offset)).toBe(true);
    expect(classes.pool(2).isAllocated(offset)).toBe(true);
    for (const bad of [free, offset + 8, offset - 1024 * 4096, -1, 2 ** 40, Number.NaN, 0.5]) {
      expect(classes.isAllocated(bad)).toBe(false);
    }
    classes.free(offset);
    expect(classes.isAllocated(offset)).toBe(false);
  });
});

describe('BumpArena with a corrupt TOP word', () => {
  it('reports POOL_CORRUPT instead of an offset outside the data region; reset repairs it', () => {
    const arena = BumpArena.create({ capacity: 1024 });
    const words = new Int32Array(arena.buffer);
    for (const bad of [-256, -1, 1025, 2 ** 30]) {
      words[ARENA_TOP_WORD] = bad;
      expect(codeOf(() => arena.alloc(8))).toBe('POOL_CORRUPT');
    }
    arena.reset();
    expect(arena.alloc(8)).toBe(arena.dataStart);
  });
});

type Op = { kind: 'alloc' } | { kind: 'free'; pick: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'alloc' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }) },
);

describe('SharedSlabPool under random corruption of one word', () => {
  it('never returns an offset outside its blocks or one still out, and throws only typed errors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 7 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(op, { maxLength: 60 }),
        fc.nat(),
        fc.oneof(
          fc.integer({ min: -2, max: 70 }),
          fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        ),
        fc.array(op, { maxLength: 120 }),
        (log2, blockCount, before, where, value, after) => {
          const blockSize = 2 ** log2;
          let pool = SharedSlabPool.create({ blockSize, blockCount });
          const words = wordsOf(pool);
          const held = new Set<number>();
          const run = (ops: readonly Op[]) => {
            for (const step of ops) {
              if (step.kind === 'alloc') {
                let offset = NO_BLOCK;
                const code = codeOf(() => {
                  offset = pool.alloc();
                });
                if (code !== undefined) {
                  // USE_AFTER_FREE: the corrupt word was FLAGS and turned on debug mode for the
                  // new attach, whose poison check then finds blocks that were never poisoned.
                  expect(['POOL_CORRUPT', 'USE_AFTER_FREE']).toContain(code);
                  continue;
                }
                if (offset === NO_BLOCK) continue;
                expect(offset).toBeGreaterThanOrEqual(pool.dataStart);
                expect(offset).toBeLessThan(pool.dataEnd);
                expect((offset - pool.dataStart) % blockSize).toBe(0);
                expect(held.has(offset)).toBe(false);
                held.add(offset);
              } else if (held.size > 0) {
                const offset = [...held][step.pick % held.size]!;
                held.delete(offset); // a free that throws gives the block up
                const code = codeOf(() => pool.free(offset));
                if (code !== undefined) expect(['POOL_CORRUPT', 'DOUBLE_FREE']).toContain(code);
              }
            }
          };
          run(before);
          // Any word of the header, the hot line or the links.
          words[where % (SLAB_LINKS_WORD + blockCount)] = value;
          const code = codeOf(() => {
            pool = SharedSlabPool.attach(pool.buffer);
          });
          if (code !== undefined) expect(code).toBe('BAD_LAYOUT');
          run(after);
        },
      ),
      { seed: testSeed('mempool corruption property') | 0, numRuns: 500 },
    );
  });
});
