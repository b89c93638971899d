import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  AdaptiveBatcher,
  BatchAccumulator,
  type BatchStats,
  type FlushReason,
  ManualClock,
} from '../src/index.js';

interface Flushed<T> {
  items: T[];
  reason: FlushReason;
  at: number;
}

/** An accumulator on a manual clock that records every flush (copying the reused array). */
function recording<T>(size: number, lingerMs: number, clock = new ManualClock()) {
  const flushes: Flushed<T>[] = [];
  const accumulator = new BatchAccumulator<T>({
    size,
    lingerMs,
    clock,
    onFlush: (items, count, reason) => {
      flushes.push({ items: items.slice(0, count), reason, at: clock.now() });
    },
  });
  return { accumulator, flushes, clock };
}

describe('BatchAccumulator', () => {
  it('hands an error thrown by onFlush during a linger flush to onError and keeps working', () => {
    const clock = new ManualClock();
    const errors: [unknown, FlushReason][] = [];
    const delivered: number[][] = [];
    let fail = true;
    const accumulator = new BatchAccumulator<number>({
      size: 10,
      lingerMs: 5,
      clock,
      onFlush: (items, count) => {
        if (fail) {
          fail = false;
          throw new Error('handler broke');
        }
        delivered.push(items.slice(0, count));
      },
      onError: (error, reason) => errors.push([error, reason]),
    });
    accumulator.add(1);
    expect(() => clock.advance(5)).not.toThrow();
    expect(errors).toHaveLength(1);
    expect((errors[0]![0] as Error).message).toBe('handler broke');
    expect(errors[0]![1]).toBe('linger');
    accumulator.add(2);
    clock.advance(5);
    expect(delivered).toEqual([[2]]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('turns a linger-flush error into a process warning when no onError is given', () => {
    const clock = new ManualClock();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    onTestFinished(() => {
      process.off('warning', onWarning);
    });
    const accumulator = new BatchAccumulator<number>({
      size: 10,
      lingerMs: 1,
      clock,
      onFlush: () => {
        throw new Error('nobody catches this');
      },
    });
    accumulator.add(1);
    expect(() => clock.advance(1)).not.toThrow();
    return new Promise<void>((resolve) => {
      setImmediate(() => {
        expect(warnings.some((w) => w.includes('nobody catches this'))).toBe(true);
        resolve();
      });
    });
  });

  it('flushes as soon as a batch reaches its size', () => {
    const { accumulator, flushes } = recording<number>(3, 100);
    expect(accumulator.add(1)).toBe(true);
    expect(accumulator.add(2)).toBe(true);
    expect(flushes).toEqual([]);
    expect(accumulator.pending).toBe(2);
    accumulator.add(3);
    accumulator.add(4);
    expect(flushes).toEqual([{ items: [1, 2, 3], reason: 'size', at: 0 }]);
    expect(accumulator.pending).toBe(1);
  });

  it('flushes a partial batch lingerMs after its first item, not its last', () => {
    const { accumulator, flushes, clock } = recording<string>(100, 5);
    accumulator.add('a');
    clock.advance(3);
    accumulator.add('b');
    clock.advance(1.9);
    accumulator.add('c');
    expect(flushes).toEqual([]);
    clock.advance(0.1);
    expect(flushes).toEqual([{ items: ['a', 'b', 'c'], reason: 'linger', at: 5 }]);
    expect(accumulator.pending).toBe(0);
  });

  it('times each batch from its own first item even when an earlier timer is still set', () => {
    const { accumulator, flushes, clock } = recording<number>(2, 5);
    accumulator.add(1);
    accumulator.add(2); // full at t=0: flushed by size; the linger timer stays set for now
    clock.advance(2);
    accumulator.add(3); // first item of the next batch, at t=2: due at t=7
    clock.advance(4.9);
    expect(flushes.map((f) => f.reason)).toEqual(['size']);
    clock.advance(0.1);
    expect(flushes[1]).toEqual({ items: [3], reason: 'linger', at: 7 });
  });

  it('lets its timer lapse when nothing is waiting', () => {
    const { accumulator, flushes, clock } = recording<number>(1, 5);
    accumulator.add(1);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(5);
    expect(clock.pendingTimers).toBe(0);
    expect(flushes).toHaveLength(1);
  });

  it('with lingerMs 0 flushes on the next timer turn', () => {
    const { accumulator, flushes, clock } = recording<number>(100, 0);
    accumulator.add(1);
    accumulator.add(2);
    expect(flushes).toEqual([]);
    clock.advance(0);
    expect(flushes).toEqual([{ items: [1, 2], reason: 'linger', at: 0 }]);
  });

  it('with an infinite lingerMs never sets a timer', () => {
    const { accumulator, flushes, clock } = recording<number>(100, Number.POSITIVE_INFINITY);
    accumulator.add(1);
    expect(clock.pendingTimers).toBe(0);
    clock.advance(1e9);
    expect(flushes).toEqual([]);
    expect(accumulator.flush()).toBe(1);
  });

  it('flushes on demand and returns how many items went out', () => {
    const { accumulator, flushes } = recording<number>(10, 50);
    expect(accumulator.flush()).toBe(0);
    expect(flushes).toEqual([]);
    accumulator.add(7);
    accumulator.add(8);
    expect(accumulator.flush()).toBe(2);
    expect(flushes).toEqual([{ items: [7, 8], reason: 'flush', at: 0 }]);
  });

  it('flushes what is waiting on close and leaves no timer running', () => {
    const { accumulator, flushes, clock } = recording<number>(10, 50);
    accumulator.add(1);
    accumulator.add(2);
    expect(clock.pendingTimers).toBe(1);
    expect(accumulator.close()).toBe(2);
    expect(flushes).toEqual([{ items: [1, 2], reason: 'close', at: 0 }]);
    expect(clock.pendingTimers).toBe(0);
    expect(accumulator.closed).toBe(true);
  });

  it('cancels a timer left over from a size flush on close', () => {
    const { accumulator, clock } = recording<number>(1, 50);
    accumulator.add(1);
    expect(clock.pendingTimers).toBe(1);
    expect(accumulator.close()).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses items after close, and a second close does nothing', () => {
    const { accumulator, flushes, clock } = recording<number>(10, 50);
    accumulator.close();
    expect(accumulator.add(1)).toBe(false);
    expect(accumulator.pending).toBe(0);
    expect(accumulator.close()).toBe(0);
    expect(accumulator.flush()).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(flushes).toEqual([]);
  });

  it('drops its references to flushed items', () => {
    let seen: readonly (object | undefined)[] = [];
    const accumulator = new BatchAccumulator<object>({
      size: 2,
      lingerMs: 10,
      clock: new ManualClock(),
      onFlush: (items) => {
        seen = items;
      },
    });
    accumulator.add({});
    accumulator.add({});
    expect(seen[0]).toBeUndefined();
    expect(seen[1]).toBeUndefined();
  });

  it('puts items added from inside onFlush into the next batch', () => {
    const clock = new ManualClock();
    const flushes: number[][] = [];
    const accumulator: BatchAccumulator<number> = new BatchAccumulator<number>({
      size: 3,
      lingerMs: 10,
      clock,
      onFlush: (items, count) => {
        flushes.push(items.slice(0, count));
        if (items[0] === 1) {
          accumulator.add(100);
          accumulator.add(101);
        }
      },
    });
    for (const item of [1, 2, 3]) accumulator.add(item);
    expect(flushes).toEqual([[1, 2, 3]]);
    expect(accumulator.pending).toBe(2);
    clock.advance(10);
    expect(flushes).toEqual([
      [1, 2, 3],
      [100, 101],
    ]);
  });

  it('flushes a batch filled from inside onFlush once the handler returns', () => {
    const clock = new ManualClock();
    const flushes: [number[], FlushReason][] = [];
    const refused: number[] = [];
    const accumulator: BatchAccumulator<number> = new BatchAccumulator<number>({
      size: 2,
      lingerMs: 10,
      clock,
      onFlush: (items, count, reason) => {
        flushes.push([items.slice(0, count), reason]);
        if (items[0] === 1) {
          for (const item of [10, 11, 12]) if (!accumulator.add(item)) refused.push(item);
        }
      },
    });
    accumulator.add(1);
    accumulator.add(2);
    // The next batch could hold 2 (its capacity) while the first was being handled.
    expect(refused).toEqual([12]);
    expect(flushes).toEqual([
      [[1, 2], 'size'],
      [[10, 11], 'size'],
    ]);
  });

  it('honours flush() and close() called from inside onFlush when the handler returns', () => {
    const clock = new ManualClock();
    const flushes: [number[], FlushReason][] = [];
    const accumulator: BatchAccumulator<number> = new BatchAccumulator<number>({
      size: 5,
      lingerMs: 10,
      clock,
      onFlush: (items, count, reason) => {
        flushes.push([items.slice(0, count), reason]);
        if (items[0] === 1) {
          accumulator.add(6);
          expect(accumulator.flush()).toBe(0);
        } else if (items[0] === 6) {
          accumulator.add(7);
          expect(accumulator.close()).toBe(0);
        }
      },
    });
    for (const item of [1, 2, 3, 4, 5]) accumulator.add(item);
    expect(flushes).toEqual([
      [[1, 2, 3, 4, 5], 'size'],
      [[6], 'flush'],
      [[7], 'close'],
    ]);
    expect(accumulator.closed).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets an exception from onFlush through and keeps working', () => {
    const clock = new ManualClock();
    const flushed: number[][] = [];
    let fail = true;
    const accumulator = new BatchAccumulator<number>({
      size: 2,
      lingerMs: 10,
      clock,
      onFlush: (items, count) => {
        if (fail) throw new Error('handler failed');
        flushed.push(items.slice(0, count));
      },
    });
    accumulator.add(1);
    expect(() => accumulator.add(2)).toThrow('handler failed');
    expect(accumulator.pending).toBe(0);
    fail = false;
    accumulator.add(3);
    accumulator.add(4);
    expect(flushed).toEqual([[3, 4]]);
  });

  it('reports per-flush figures: time in onFlush and the age of the first item', () => {
    const clock = new ManualClock();
    const seen: BatchStats[] = [];
    const accumulator = new BatchAccumulator<number>({
      size: 3,
      lingerMs: 100,
      clock,
      onFlush: () => clock.advance(0.5),
      onStats: (stats) => seen.push({ ...stats }),
    });
    accumulator.add(1);
    clock.advance(2);
    accumulator.add(2);
    accumulator.add(3);
    expect(seen).toEqual([{ items: 3, requested: 3, elapsedMs: 0.5, latencyMs: 2.5, nextSize: 3 }]);
  });

  it('delivers every item exactly once, in order, in batches no larger than the size', () => {
    // Operations: add an item, advance the clock, flush, or close (then reopen with a new one).
    const op = fc.oneof(
      fc.constant({ kind: 'add' as const }),
      fc.record({
        kind: fc.constant('advance' as const),
        ms: fc.double({ min: 0, max: 8, noNaN: true }),
      }),
      fc.constant({ kind: 'flush' as const }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.array(op, { maxLength: 300 }),
        (size, lingerMs, ops) => {
          const clock = new ManualClock();
          const delivered: number[] = [];
          let next = 0;
          const accumulator = new BatchAccumulator<number>({
            size,
            lingerMs,
            clock,
            onFlush: (items, count) => {
              expect(count).toBeGreaterThan(0);
              expect(count).toBeLessThanOrEqual(size);
              for (let i = 0; i < count; i++) delivered.push(items[i]!);
            },
          });
          let oldestSince = 0;
          for (const step of ops) {
            if (step.kind === 'add') {
              if (accumulator.pending === 0) oldestSince = clock.now();
              expect(accumulator.add(next++)).toBe(true);
            } else if (step.kind === 'advance') {
              clock.advance(step.ms);
            } else {
              accumulator.flush();
            }
            // Nothing waits longer than lingerMs.
            if (accumulator.pending > 0) {
              expect(clock.now() - oldestSince).toBeLessThan(lingerMs + 1e-9);
            }
          }
          accumulator.close();
          expect(clock.pendingTimers).toBe(0);
          expect(delivered).toEqual(Array.from({ length: next }, (_, i) => i));
        },
      ),
    );
  });

  it('moves its flush size toward the latency target when sized by an AdaptiveBatcher', () => {
    // One item arrives every 0.01 ms and onFlush takes no time, so a batch of n items is
    // flushed when its first item is 0.01 * (n - 1) ms old. A 1 ms latency target allows
    // about 100 items; the hold band is 90..100.
    const clock = new ManualClock();
    const batcher = new AdaptiveBatcher({ minSize: 1, maxSize: 1024, targetLatencyMs: 1 });
    const sizes: number[] = [];
    const accumulator = new BatchAccumulator<number>({
      size: batcher,
      lingerMs: 5,
      clock,
      onFlush: (_items, count, reason) => {
        if (reason === 'size') sizes.push(count);
      },
    });
    for (let i = 0; i < 200_000; i++) {
      accumulator.add(i);
      clock.advance(0.01);
    }
    const last = sizes.slice(-200);
    expect(Math.min(...last)).toBeGreaterThanOrEqual(85);
    expect(Math.max(...last)).toBeLessThanOrEqual(105);
    expect(accumulator.size).toBe(batcher.size);
  });
});
