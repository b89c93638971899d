import { describe, expect, it } from 'vitest';
import { LatencyReservoir } from '../src/stats/latency-reservoir.js';

describe('LatencyReservoir', () => {
  it('keeps percentiles of a bounded sample', () => {
    const r = new LatencyReservoir(1000, 1);
    for (let i = 1; i <= 100; i++) r.record(i);
    expect(r.percentile(0.5)).toBe(50);
    expect(r.percentile(0.99)).toBe(99);
    for (let i = 0; i < 100_000; i++) r.record(i % 100);
    expect(r.count).toBe(100_100);
    expect(r.percentile(0.5)).toBeGreaterThan(40);
    expect(r.percentile(0.5)).toBeLessThan(60);
  });
});
