import { MessageChannel } from 'node:worker_threads';
import { runTsWorker, stressMode, testSeed } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import {
  assertNoLeaks,
  BumpArena,
  NO_BLOCK,
  SharedSlabPool,
  SizeClassAllocator,
} from '../src/index.js';
import { SLAB_ALLOCS_WORD, SLAB_FREES_WORD, SLAB_HEAD_WORD } from '../src/layout.js';
import type { ArenaJob, ArenaResult } from './workers/arena-worker.js';
import type { ChurnJob, ChurnResult } from './workers/churn-worker.js';
import type { HandoffConsumerResult } from './workers/handoff-consumer-worker.js';

const WORKERS = 4;
// Successful allocs + frees per worker: 4 x 2^19, about 2 x 10^6 in all; ten times that under
// STRESS=1, which is long enough for preemption to hit the narrow ABA window now and then.
const OPS_PER_WORKER = (stressMode() ? 10 : 1) * 2 ** 19;

const churnWorker = new URL('./workers/churn-worker.ts', import.meta.url);
const arenaWorker = new URL('./workers/arena-worker.ts', import.meta.url);

async function churn(
  kind: ChurnJob['kind'],
  buffer: SharedArrayBuffer,
  hold: number,
  label: string,
): Promise<ChurnResult[]> {
  const seed = testSeed(label);
  const startLine = new SharedArrayBuffer(8);
  return Promise.all(
    Array.from({ length: WORKERS }, (_, w) =>
      runTsWorker<ChurnResult>(churnWorker, {
        kind,
        buffer,
        startLine,
        parties: WORKERS,
        id: w + 1,
        ops: OPS_PER_WORKER,
        hold,
        seed: (seed + w * 0x9e3779b9) >>> 0,
      } satisfies ChurnJob),
    ),
  );
}

function sum(results: readonly ChurnResult[], key: keyof ChurnResult): number {
  return results.reduce((total, result) => total + result[key], 0);
}

/** Allocates every block once: all must come back, each exactly once, with no owner left. */
function expectEveryBlockBack(pool: SharedSlabPool): void {
  const words = new Int32Array(pool.buffer);
  const offsets = new Set<number>();
  for (let offset = pool.alloc(); offset !== NO_BLOCK; offset = pool.alloc()) {
    expect(words[offset >> 2]).toBe(0);
    offsets.add(offset);
  }
  expect(offsets.size).toBe(pool.blockCount);
  for (const offset of offsets) pool.free(offset);
}

describe('four workers sharing one pool', () => {
  it('hand no block out twice and lose none in a SharedSlabPool, across counter and tag wrap', async () => {
    // Fewer blocks than one worker may hold, so the empty-pool path runs even without overlap.
    const pool = SharedSlabPool.create({ blockSize: 64, blockCount: 24 });
    const words = new Int32Array(pool.buffer);
    // Start the counters just below 2^31 and the head tag 16 pops before it wraps, so the run
    // crosses both.
    const start = 2 ** 31 - 1000;
    Atomics.store(words, SLAB_ALLOCS_WORD, start);
    Atomics.store(words, SLAB_FREES_WORD, start);
    const indexBits = 32 - Math.clz32(pool.blockCount);
    Atomics.store(words, SLAB_HEAD_WORD, ((2 ** (32 - indexBits) - 16) * 2 ** indexBits) | 0);

    const results = await churn('slab', pool.buffer, 32, 'slab churn');
    expect(sum(results, 'duplicates')).toBe(0);
    expect(sum(results, 'corruptions')).toBe(0);
    expect(sum(results, 'allocs') + sum(results, 'frees')).toBeGreaterThanOrEqual(10 ** 6);
    expect(sum(results, 'allocs')).toBe(sum(results, 'frees'));
    expect(sum(results, 'failures')).toBeGreaterThan(0);
    const stats = pool.stats();
    expect(stats.outstanding).toBe(0);
    expect(stats.allocs).toBe((start + sum(results, 'allocs')) >>> 0);
    expect(stats.frees).toBe(stats.allocs);
    expect(stats.failures).toBe(sum(results, 'failures'));
    // Approximate under contention, but the pool ran dry many times.
    expect(stats.highWater).toBeLessThanOrEqual(pool.blockCount);
    expect(stats.highWater).toBeGreaterThanOrEqual(pool.blockCount - 2);
    expectEveryBlockBack(pool);
    assertNoLeaks(pool);
  });

  it('hand no block out twice and lose none in a SizeClassAllocator', async () => {
    const allocator = SizeClassAllocator.create({
      classes: [
        { blockSize: 64, blockCount: 48 },
        { blockSize: 256, blockCount: 24 },
        { blockSize: 1024, blockCount: 4 },
      ],
    });
    const results = await churn('classes', allocator.buffer, 24, 'size-class churn');
    expect(sum(results, 'duplicates')).toBe(0);
    expect(sum(results, 'corruptions')).toBe(0);
    expect(sum(results, 'allocs') + sum(results, 'frees')).toBeGreaterThanOrEqual(10 ** 6);
    const stats = allocator.stats();
    expect(stats.reduce((total, s) => total + s.allocs, 0)).toBe(sum(results, 'allocs'));
    expect(stats.reduce((total, s) => total + s.frees, 0)).toBe(sum(results, 'frees'));
    expect(stats.every((s) => s.allocs > 0)).toBe(true);
    expect(sum(results, 'failures')).toBeGreaterThan(0);
    assertNoLeaks(allocator);
    for (let c = 0; c < allocator.classCount; c++) expectEveryBlockBack(allocator.pool(c));
  });
});

describe('blocks crossing workers', () => {
  it('lets a consumer worker free what a producer worker allocated, without a copy', async () => {
    const allocator = SizeClassAllocator.create({
      classes: [
        { blockSize: 256, blockCount: 32 },
        { blockSize: 4096, blockCount: 16 },
      ],
    });
    const messages = stressMode() ? 200_000 : 20_000;
    const { port1, port2 } = new MessageChannel();
    const [produced, consumed] = await Promise.all([
      runTsWorker<{ sent: number }>(
        new URL('./workers/handoff-producer-worker.ts', import.meta.url),
        { buffer: allocator.buffer, port: port1, messages, seed: testSeed('handoff') },
        { transferList: [port1] },
      ),
      runTsWorker<HandoffConsumerResult>(
        new URL('./workers/handoff-consumer-worker.ts', import.meta.url),
        { buffer: allocator.buffer, port: port2 },
        { transferList: [port2] },
      ),
    ]);
    expect(produced.sent).toBe(messages);
    expect(consumed).toEqual({ received: messages, outOfOrder: 0, corrupt: 0 });
    expect(allocator.stats().reduce((total, s) => total + s.allocs, 0)).toBe(messages);
    assertNoLeaks(allocator);
  });
});

describe('four workers sharing one arena', () => {
  it('never hand out overlapping ranges', async () => {
    const arena = BumpArena.create({ capacity: stressMode() ? 1 << 22 : 1 << 18 });
    const seed = testSeed('arena');
    const startLine = new SharedArrayBuffer(8);
    const results = await Promise.all(
      Array.from({ length: WORKERS }, (_, w) =>
        runTsWorker<ArenaResult>(arenaWorker, {
          buffer: arena.buffer,
          startLine,
          parties: WORKERS,
          id: w + 1,
          seed: (seed + w) >>> 0,
        } satisfies ArenaJob),
      ),
    );
    expect(results.map((r) => r.overwritten)).toEqual([0, 0, 0, 0]);
    expect(results.map((r) => r.misaligned)).toEqual([0, 0, 0, 0]);
    const bytes = results.reduce((total, r) => total + r.bytes, 0);
    expect(bytes).toBeLessThanOrEqual(arena.used());
    expect(arena.used()).toBeLessThanOrEqual(arena.capacity);
    expect(arena.capacity - arena.used()).toBeLessThan(64 + 64);
  });
});
