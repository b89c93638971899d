import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdaptiveBatcher, type Batcher, FixedBatcher } from '../src/index.js';

function batcher(extra: Partial<ConstructorParameters<typeof AdaptiveBatcher>[0]> = {}) {
  return new AdaptiveBatcher({ minSize: 1, maxSize: 1000, targetLatencyMs: 10, ...extra });
}

describe('AdaptiveBatcher', () => {
  it('starts at initialSize, or at minSize when none is given', () => {
    expect(batcher().size).toBe(1);
    expect(batcher({ minSize: 4 }).size).toBe(4);
    expect(batcher({ initialSize: 64 }).size).toBe(64);
    expect(batcher({ initialSize: 64 }).maxSize).toBe(1000);
  });

  it('grows after a full batch that was well under the latency target', () => {
    const b = batcher({ initialSize: 100 });
    const next = b.record(100, 1, 1);
    // Headroom 0.9 at gain 0.25: 100 * (1 + 0.225) = 122.5, rounded.
    expect(next).toBe(123);
    expect(b.size).toBe(123);
  });

  it('does not grow after a batch the source could not fill', () => {
    const b = batcher({ initialSize: 100 });
    expect(b.record(99, 1, 1)).toBe(100);
    expect(b.record(40, 1, 1)).toBe(100);
  });

  it('cuts in proportion to a latency overshoot', () => {
    const b = batcher({ initialSize: 100 });
    // 12.5 ms against a 10 ms target: factor 0.8.
    expect(b.record(100, 12.5, 12.5)).toBe(80);
  });

  it('never cuts below maxDecrease in one step, however large the overshoot', () => {
    const b = batcher({ initialSize: 100, maxDecrease: 0.5 });
    expect(b.record(100, 1000, 1000)).toBe(50);
  });

  it('holds inside the tolerance band just under the target', () => {
    const b = batcher({ initialSize: 100, tolerance: 0.1 });
    for (let i = 0; i < 50; i++) expect(b.record(100, 9.5, 9.5)).toBe(100);
  });

  it('lets one long pause cost only a small cut, not half the batch', () => {
    const b = batcher({ initialSize: 200 });
    for (let i = 0; i < 20; i++) b.record(b.size, 9.5, 9.5);
    const before = b.size;
    // A 100x pause: the sample is clipped to twice the average before it is smoothed in.
    b.record(b.size, 950, 950);
    expect(b.size).toBeGreaterThanOrEqual(Math.floor(before * 0.85));
    expect(b.size).toBeLessThan(before);
  });

  it('shrinks while throughput is well above the goal and latency is fine', () => {
    const b = batcher({ initialSize: 500, targetThroughput: 10_000 });
    // 500 items in 1 ms is 500k items/s, 50x the goal.
    expect(b.record(500, 1, 1)).toBeLessThan(500);
  });

  it('stops growing once the throughput goal is met', () => {
    const b = batcher({ initialSize: 100, targetThroughput: 50_000 });
    // 100 items in 2 ms is exactly 50k items/s: inside the hold band.
    for (let i = 0; i < 20; i++) expect(b.record(100, 2, 2)).toBe(100);
  });

  it('ignores NaN, infinite, negative and empty samples', () => {
    const b = batcher({ initialSize: 100 });
    const garbage: [number, number, number][] = [
      [Number.NaN, 1, 1],
      [0, 1, 1],
      [-5, 1, 1],
      [100, Number.NaN, 1],
      [100, -1, 1],
      [100, 1, Number.NaN],
      [100, 1, Number.POSITIVE_INFINITY],
      [Number.POSITIVE_INFINITY, 1, 1],
    ];
    for (const [items, elapsed, latency] of garbage) {
      expect(b.record(items, elapsed, latency)).toBe(100);
    }
    expect(b.samples).toBe(0);
    expect(b.averageLatencyMs).toBe(0);
    expect(b.averageThroughput).toBe(0);
  });

  it('grows without a throughput goal even when the clock reads zero elapsed time', () => {
    const b = batcher({ initialSize: 10 });
    expect(b.record(10, 0, 0)).toBeGreaterThan(10);
  });

  it('reports its smoothed latency and throughput', () => {
    const b = batcher({ initialSize: 100, smoothing: 0.5 });
    b.record(100, 4, 9.5);
    expect(b.samples).toBe(1);
    expect(b.averageLatencyMs).toBe(9.5);
    expect(b.averageThroughput).toBe(25_000);
    b.record(50, 4, 9.5);
    expect(b.averageThroughput).toBeCloseTo(((100 + 50) / 2 / 4) * 1000);
  });

  it('always answers an integer size within [minSize, maxSize], whatever it is told', () => {
    const sample = fc.tuple(
      fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.constantFrom(Number.NaN, 0.5)),
      fc.oneof(fc.double({ min: -1, max: 1e4, noNaN: false }), fc.constant(0)),
      fc.oneof(fc.double({ min: -1, max: 1e4, noNaN: false }), fc.constant(0)),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 4096 }),
        fc.option(fc.double({ min: 1, max: 1e7, noNaN: true }), { nil: undefined }),
        fc.array(sample, { maxLength: 200 }),
        (minSize, extra, targetThroughput, samples) => {
          const maxSize = minSize + extra;
          const b = new AdaptiveBatcher({
            minSize,
            maxSize,
            targetLatencyMs: 5,
            ...(targetThroughput === undefined ? {} : { targetThroughput }),
          });
          for (const [items, elapsed, latency] of samples) {
            const size = b.record(items, elapsed, latency);
            expect(Number.isInteger(size)).toBe(true);
            expect(size).toBeGreaterThanOrEqual(minSize);
            expect(size).toBeLessThanOrEqual(maxSize);
            expect(b.size).toBe(size);
          }
        },
      ),
    );
  });
});

describe('FixedBatcher', () => {
  it('always answers the size it was given', () => {
    const b: Batcher = new FixedBatcher(32);
    expect(b.size).toBe(32);
    expect(b.maxSize).toBe(32);
    expect(b.record(32, 1000, 1000)).toBe(32);
    expect(b.record(1, 0, 0)).toBe(32);
  });
});
