import { testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BumpArena,
  NO_BLOCK,
  ObjectPool,
  SharedSlabPool,
  SizeClassAllocator,
} from '../src/index.js';
import { codeOf } from './error-code.js';

// Every property runs from a printed seed; SEED=<n> replays a failure.
function params(label: string): fc.Parameters<unknown> {
  return { seed: testSeed(label) | 0, numRuns: 200 };
}

type SlabOp =
  | { kind: 'alloc' }
  | { kind: 'free'; pick: number }
  | { kind: 'double'; pick: number }
  | { kind: 'bad'; pick: number; delta: number };

const slabOp: fc.Arbitrary<SlabOp> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'alloc' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('double' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bad' as const),
      pick: fc.nat(),
      delta: fc.integer({ min: -5000, max: 5000 }),
    }),
  },
);

describe('SharedSlabPool against a model', () => {
  it('matches a set of outstanding blocks for any sequence of allocs and frees', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 12 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(slabOp, { maxLength: 300 }),
        (log2, blockCount, ops) => {
          const blockSize = 2 ** log2;
          const pool = SharedSlabPool.create({ blockSize, blockCount });
          const held: number[] = [];
          const freed: number[] = [];
          let failures = 0;
          let highWater = 0;
          for (const op of ops) {
            if (op.kind === 'alloc') {
              const offset = pool.alloc();
              if (held.length === blockCount) {
                expect(offset).toBe(NO_BLOCK);
                failures++;
                continue;
              }
              expect(offset).not.toBe(NO_BLOCK);
              expect(held).not.toContain(offset);
              expect((offset - pool.dataStart) % blockSize).toBe(0);
              expect(offset >= pool.dataStart && offset < pool.dataEnd).toBe(true);
              held.push(offset);
              const reused = freed.indexOf(offset);
              if (reused >= 0) freed.splice(reused, 1);
              highWater = Math.max(highWater, held.length);
            } else if (op.kind === 'free') {
              if (held.length === 0) continue;
              const [offset] = held.splice(op.pick % held.length, 1);
              pool.free(offset!);
              freed.push(offset!);
            } else if (op.kind === 'double') {
              if (freed.length === 0) continue;
              expect(codeOf(() => pool.free(freed[op.pick % freed.length]!))).toBe('DOUBLE_FREE');
            } else {
              const base = held.length > 0 ? held[op.pick % held.length]! : pool.dataStart;
              const bad = base + op.delta;
              const isStart =
                bad >= pool.dataStart &&
                bad < pool.dataEnd &&
                (bad - pool.dataStart) % blockSize === 0;
              if (!isStart) expect(codeOf(() => pool.free(bad))).toBe('NOT_A_BLOCK');
            }
            expect(pool.outstanding()).toBe(held.length);
          }
          expect(pool.stats()).toMatchObject({ outstanding: held.length, highWater, failures });
        },
      ),
      params('slab model'),
    );
  });
});

describe('SizeClassAllocator against a model', () => {
  const classesArb = fc
    .uniqueArray(fc.integer({ min: 3, max: 14 }), { minLength: 1, maxLength: 5 })
    .chain((logs) =>
      fc.tuple(
        ...logs
          .sort((a, b) => a - b)
          .map((log2) =>
            fc
              .integer({ min: 1, max: 6 })
              .map((blockCount) => ({ blockSize: 2 ** log2, blockCount })),
          ),
      ),
    );

  it('serves the smallest fitting class with room, and frees by offset', () => {
    fc.assert(
      fc.property(
        classesArb,
        fc.array(fc.oneof(fc.nat({ max: 20000 }), fc.constant(-1)), { maxLength: 200 }),
        fc.nat(),
        (classes, requests, pickSeed) => {
          const allocator = SizeClassAllocator.create({ classes });
          const free = classes.map((c) => c.blockCount);
          const held: { offset: number; c: number; bytes: number }[] = [];
          let pick = pickSeed;
          for (const bytes of requests) {
            if (bytes < 0) {
              if (held.length === 0) continue;
              const [block] = held.splice(pick++ % held.length, 1);
              allocator.free(block!.offset);
              free[block!.c]!++;
              continue;
            }
            const offset = allocator.alloc(bytes);
            const expected = classes.findIndex((c, i) => c.blockSize >= bytes && free[i]! > 0);
            if (expected < 0) {
              expect(offset).toBe(NO_BLOCK);
              continue;
            }
            expect(allocator.classIndexOf(offset)).toBe(expected);
            expect(allocator.capacityOf(offset)).toBeGreaterThanOrEqual(bytes);
            for (const other of held) {
              const apart =
                offset + allocator.capacityOf(offset) <= other.offset ||
                other.offset + allocator.capacityOf(other.offset) <= offset;
              expect(apart).toBe(true);
            }
            free[expected]!--;
            held.push({ offset, c: expected, bytes });
          }
          expect(allocator.outstanding()).toBe(held.length);
          for (const block of held) allocator.free(block.offset);
          expect(allocator.stats().map((s) => s.outstanding)).toEqual(classes.map(() => 0));
        },
      ),
      params('size-class model'),
    );
  });
});

describe('BumpArena against a model', () => {
  it('hands out disjoint aligned ranges exactly while they fit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(
          fc.tuple(
            fc.nat({ max: 700 }),
            fc.integer({ min: 0, max: 12 }).map((k) => 2 ** k),
          ),
          { maxLength: 100 },
        ),
        (capacity, requests) => {
          const arena = BumpArena.create({ capacity });
          let top = 0;
          for (const [bytes, align] of requests) {
            const offset = arena.alloc(bytes, align);
            const start = Math.ceil((arena.dataStart + top) / align) * align;
            if (start - arena.dataStart + bytes > capacity) {
              expect(offset).toBe(NO_BLOCK);
            } else {
              expect(offset).toBe(start);
              top = start - arena.dataStart + bytes;
            }
            expect(arena.used()).toBe(top);
          }
        },
      ),
      params('arena model'),
    );
  });
});

describe('ObjectPool against a model', () => {
  it('keeps its counters consistent for any sequence of acquires and releases', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        fc.array(fc.oneof(fc.constant(-1), fc.nat()), { maxLength: 200 }),
        (maxSize, debug, ops) => {
          const pool = new ObjectPool({ create: () => ({ id: 0 }), maxSize, debug });
          const out: { id: number }[] = [];
          let idle = 0;
          let hits = 0;
          let misses = 0;
          let dropped = 0;
          let highWater = 0;
          for (const op of ops) {
            if (op < 0) {
              const item = pool.acquire();
              expect(out).not.toContain(item);
              out.push(item);
              if (idle > 0) {
                idle--;
                hits++;
              } else {
                misses++;
              }
              highWater = Math.max(highWater, out.length);
            } else if (out.length > 0) {
              const [item] = out.splice(op % out.length, 1);
              pool.release(item!);
              if (idle < maxSize) idle++;
              else dropped++;
            }
          }
          expect(pool.stats()).toEqual({
            hits,
            misses,
            inUse: out.length,
            highWater,
            idle,
            dropped,
            maxSize,
          });
        },
      ),
      params('object pool model'),
    );
  });
});
