import { describe, expect, it } from 'vitest';
import { BenchError } from '../src/errors.js';
import {
  median,
  medianAbsoluteDeviation,
  percentile,
  relativeSpread,
  summarize,
} from '../src/harness/statistics.js';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('rejects an empty sample with a BenchError', () => {
    expect(() => median([])).toThrow(BenchError);
  });

  it('rejects non-finite values', () => {
    expect(() => median([1, Number.NaN])).toThrow(/not finite/);
  });
});

describe('percentile (linear interpolation between closest ranks)', () => {
  const values = [15, 20, 35, 40, 50];

  it('gives the minimum at 0 and the maximum at 1', () => {
    expect(percentile(values, 0)).toBe(15);
    expect(percentile(values, 1)).toBe(50);
  });

  it('interpolates between ranks: h = (n - 1) p', () => {
    // h = 4 * 0.4 = 1.6 -> 20 + 0.6 * (35 - 20) = 29
    expect(percentile(values, 0.4)).toBeCloseTo(29, 12);
    // h = 4 * 0.9 = 3.6 -> 40 + 0.6 * (50 - 40) = 46
    expect(percentile(values, 0.9)).toBeCloseTo(46, 12);
    // h = 4 * 0.25 = 1 -> exactly the second value
    expect(percentile(values, 0.25)).toBe(20);
  });

  it('returns the single value of a one-element sample for any p', () => {
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => percentile(values, 1.5)).toThrow(/must be in \[0, 1\]/);
  });
});

describe('spread', () => {
  it('is (max - min) / median', () => {
    // median 100, range 110 - 95 = 15
    expect(relativeSpread([95, 100, 110])).toBeCloseTo(0.15, 12);
  });

  it('is 0 for a zero median instead of dividing by zero', () => {
    expect(relativeSpread([-1, 0, 1])).toBe(0);
  });

  it('computes the median absolute deviation by hand', () => {
    // median 3; deviations 2, 1, 0, 1, 6 -> median 1
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 9])).toBe(1);
  });
});

describe('summarize', () => {
  it('reports median, extremes, mean and keeps the samples in measured order', () => {
    const s = summarize([120, 100, 110]);
    expect(s).toMatchObject({ runs: 3, median: 110, min: 100, max: 120, mean: 110 });
    expect(s.samples).toEqual([120, 100, 110]);
    expect(s.spread).toBeCloseTo(20 / 110, 12);
  });

  it('flags a spread above 10% and not one at or below it', () => {
    expect(summarize([100, 100, 111]).flagged).toBe(true);
    expect(summarize([100, 100, 110]).flagged).toBe(false);
  });
});
