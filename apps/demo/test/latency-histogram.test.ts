import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../src/stats/latency-histogram.js';

describe('LatencyHistogram', () => {
  it('reports percentiles within the bucket precision', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 10);
    expect(h.count).toBe(1000);
    expect(h.percentile(0.5)).toBeGreaterThan(50 * 0.97);
    expect(h.percentile(0.5)).toBeLessThan(50 * 1.03);
    expect(h.percentile(0.99)).toBeGreaterThan(99 * 0.97);
    expect(h.percentile(0.99)).toBeLessThan(99 * 1.03);
  });

  it('merges histograms from several workers exactly', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    const both = new LatencyHistogram();
    for (let i = 0; i < 500; i++) {
      a.record(0.01 + i * 0.02);
      both.record(0.01 + i * 0.02);
      b.record(20 + i);
      both.record(20 + i);
    }
    const merged = new LatencyHistogram();
    merged.add(a.toArray());
    merged.add(b.toArray());
    expect(merged.count).toBe(1000);
    expect(merged.toArray()).toEqual(both.toArray());
    expect(merged.percentile(0.25)).toBe(both.percentile(0.25));
    expect(merged.percentile(0.9)).toBe(both.percentile(0.9));
  });

  it('is empty after reset', () => {
    const h = new LatencyHistogram();
    h.record(3);
    h.reset();
    expect(h.count).toBe(0);
    expect(h.percentile(0.5)).toBe(0);
  });
});
