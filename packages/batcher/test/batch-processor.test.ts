import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AdaptiveBatcher,
  type Batcher,
  BatcherError,
  BatchProcessor,
  type BatchStats,
  FixedBatcher,
  ManualClock,
} from '../src/index.js';
import { ArraySource } from './support/array-source.js';

/** A batcher that answers a scripted size and remembers what it was told. */
class ScriptedBatcher implements Batcher {
  readonly recorded: [number, number, number][] = [];
  constructor(
    public size: number,
    readonly maxSize = 64,
  ) {}
  record(items: number, elapsedMs: number, latencyMs: number): number {
    this.recorded.push([items, elapsedMs, latencyMs]);
    return this.size;
  }
}

describe('BatchProcessor', () => {
  it('drains one batch of the batcher’s size per turn, in order', () => {
    const source = new ArraySource<number>();
    source.push(1, 2, 3, 4, 5, 6, 7);
    const batches: number[][] = [];
    const processor = new BatchProcessor<number>({
      source,
      batcher: new FixedBatcher(3),
      handler: (items, count) => batches.push(items.slice(0, count)),
      clock: new ManualClock(),
    });
    expect(processor.runOnce()).toBe(3);
    expect(processor.runOnce()).toBe(3);
    expect(processor.runOnce()).toBe(1);
    expect(processor.runOnce()).toBe(0);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(processor.batches).toBe(3);
    expect(processor.items).toBe(7);
  });

  it('calls neither the handler nor the batcher when the source is empty', () => {
    const batcher = new ScriptedBatcher(8);
    let handled = 0;
    const processor = new BatchProcessor<number>({
      source: new ArraySource<number>(),
      batcher,
      handler: () => handled++,
      clock: new ManualClock(),
      onStats: () => handled++,
    });
    expect(processor.runOnce()).toBe(0);
    expect(handled).toBe(0);
    expect(batcher.recorded).toEqual([]);
    expect(processor.batches).toBe(0);
  });

  it('asks the batcher for the size of every turn', () => {
    const source = new ArraySource<number>();
    source.push(...Array.from({ length: 20 }, (_, i) => i));
    const batcher = new ScriptedBatcher(2);
    const processor = new BatchProcessor<number>({
      source,
      batcher,
      handler: () => {},
      clock: new ManualClock(),
    });
    expect(processor.runOnce()).toBe(2);
    batcher.size = 5;
    expect(processor.runOnce()).toBe(5);
    batcher.size = 1;
    expect(processor.runOnce()).toBe(1);
  });

  it('reports the batch’s elapsed time as its latency when items carry no timestamp', () => {
    const clock = new ManualClock(50);
    const source = new ArraySource<number>();
    source.push(1, 2, 3);
    const batcher = new ScriptedBatcher(4, 4);
    const seen: BatchStats[] = [];
    const processor = new BatchProcessor<number>({
      source,
      batcher,
      handler: (_items, count) => clock.advance(count * 0.25),
      clock,
      onStats: (stats) => seen.push({ ...stats }),
    });
    processor.runOnce();
    expect(batcher.recorded).toEqual([[3, 0.75, 0.75]]);
    expect(seen).toEqual([
      { items: 3, requested: 4, elapsedMs: 0.75, latencyMs: 0.75, nextSize: 4 },
    ]);
    expect(processor.lastBatch).toEqual(seen[0]);
  });

  it('reports the age of the oldest item as the latency when items carry a timestamp', () => {
    const clock = new ManualClock(100);
    const source = new ArraySource<{ at: number }>();
    source.push({ at: 97 }, { at: 90 }, { at: 99 });
    const batcher = new ScriptedBatcher(8, 8);
    const processor = new BatchProcessor<{ at: number }>({
      source,
      batcher,
      handler: () => clock.advance(1),
      clock,
      enqueuedAt: (item) => item.at,
    });
    processor.runOnce();
    // Finished at 101; the oldest item entered at 90.
    expect(batcher.recorded).toEqual([[3, 1, 11]]);
  });

  it('lets an exception from the handler through without recording the batch', () => {
    const source = new ArraySource<number>();
    source.push(1, 2, 3, 4);
    const batcher = new ScriptedBatcher(2, 2);
    let fail = true;
    const handled: number[][] = [];
    const processor = new BatchProcessor<number>({
      source,
      batcher,
      handler: (items, count) => {
        if (fail) throw new Error('handler failed');
        handled.push(items.slice(0, count));
      },
      clock: new ManualClock(),
    });
    expect(() => processor.runOnce()).toThrow('handler failed');
    expect(batcher.recorded).toEqual([]);
    fail = false;
    expect(processor.runOnce()).toBe(2);
    expect(handled).toEqual([[3, 4]]);
  });

  it('refuses to be run from its own handler', () => {
    const source = new ArraySource<number>();
    source.push(1, 2, 3);
    let caught: unknown;
    const processor: BatchProcessor<number> = new BatchProcessor<number>({
      source,
      batcher: new FixedBatcher(1),
      handler: () => {
        try {
          processor.runOnce();
        } catch (error) {
          caught = error;
        }
      },
      clock: new ManualClock(),
    });
    expect(processor.runOnce()).toBe(1);
    expect(caught).toBeInstanceOf(BatcherError);
    expect((caught as BatcherError).code).toBe('REENTRANT_CALL');
    expect(processor.runOnce()).toBe(1);
  });

  it('drops its references to handled items', () => {
    const source = new ArraySource<object>();
    source.push({}, {});
    let seen: readonly (object | undefined)[] = [];
    const processor = new BatchProcessor<object>({
      source,
      batcher: new FixedBatcher(2),
      handler: (items) => {
        seen = items;
      },
      clock: new ManualClock(),
    });
    processor.runOnce();
    expect(seen[0]).toBeUndefined();
    expect(seen[1]).toBeUndefined();
  });

  it('delivers every item exactly once and in order, whatever the sizes and arrivals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 16 })), {
          maxLength: 100,
        }),
        (turns) => {
          const source = new ArraySource<number>();
          const batcher = new ScriptedBatcher(1, 16);
          const delivered: number[] = [];
          const processor = new BatchProcessor<number>({
            source,
            batcher,
            handler: (items, count) => {
              expect(count).toBeLessThanOrEqual(batcher.size);
              for (let i = 0; i < count; i++) delivered.push(items[i]!);
            },
            clock: new ManualClock(),
          });
          let next = 0;
          for (const [arrivals, size] of turns) {
            for (let i = 0; i < arrivals; i++) source.push(next++);
            batcher.size = size;
            const expected = Math.min(size, source.length);
            expect(processor.runOnce()).toBe(expected);
          }
          batcher.size = 16;
          while (processor.runOnce() > 0) {}
          expect(delivered).toEqual(Array.from({ length: next }, (_, i) => i));
          expect(processor.items).toBe(next);
        },
      ),
    );
  });

  it('settles near the latency target when an AdaptiveBatcher sizes a costly handler', () => {
    // Each batch costs 0.05 ms plus 0.01 ms per item on the manual clock: with a 1 ms target
    // the ideal is 95 items, the hold band 85..95.
    const clock = new ManualClock();
    const source = new ArraySource<number>();
    const batcher = new AdaptiveBatcher({ minSize: 1, maxSize: 1024, targetLatencyMs: 1 });
    const sizes: number[] = [];
    const processor = new BatchProcessor<number>({
      source,
      batcher,
      handler: (_items, count) => clock.advance(0.05 + 0.01 * count),
      clock,
      onStats: (stats) => sizes.push(stats.items),
    });
    let next = 0;
    for (let turn = 0; turn < 500; turn++) {
      while (source.length < 2000) source.push(next++);
      processor.runOnce();
    }
    const last = sizes.slice(-100);
    expect(Math.min(...last)).toBeGreaterThanOrEqual(85);
    expect(Math.max(...last)).toBeLessThanOrEqual(96);
    expect(batcher.averageLatencyMs).toBeLessThanOrEqual(1);
  });
});
