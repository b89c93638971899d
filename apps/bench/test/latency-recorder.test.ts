import { describe, expect, it } from 'vitest';
import { BenchError } from '../src/errors.js';
import { LatencyRecorder } from '../src/harness/latency-recorder.js';

describe('LatencyRecorder', () => {
  it('adds the samples a stalled sender missed (coordinated-omission correction)', () => {
    // Interval 100 ns; one round trip of 450 ns hides the requests due at +100, +200, +300,
    // which would have waited 350, 250 and 150 ns.
    const r = new LatencyRecorder(100);
    r.recordAll([10, 10, 10, 450]);
    expect(r.rawCount).toBe(4);
    expect(r.correctedCount).toBe(7);
    // Corrected, sorted: 10 10 10 150 250 350 450. Nearest rank: ceil(q/100 * 7).
    expect(r.valueAt(50)).toBe(150); // rank 4
    expect(r.valueAt(95)).toBe(450); // rank 7
    expect(r.valueAt(100)).toBe(450);
    expect(r.valueAt(0)).toBe(10);
    // Raw, sorted: 10 10 10 450: rank ceil(0.5 * 4) = 2.
    expect(r.rawValueAt(50)).toBe(10);
    r.destroy();
  });

  it('adds nothing when every latency is within the interval', () => {
    const r = new LatencyRecorder(1000);
    r.recordAll([100, 200, 300, 1000]);
    expect(r.correctedCount).toBe(4);
    expect(r.percentiles()).toEqual({
      p50: 200,
      p95: 1000,
      p99: 1000,
      'p99.9': 1000,
      max: 1000,
      'raw p99': 1000,
      'raw p99.9': 1000,
    });
    r.destroy();
  });

  it('leaves the data uncorrected with an interval of 0', () => {
    const r = new LatencyRecorder(0);
    r.recordAll([5, 5000]);
    expect(r.correctedCount).toBe(2);
    r.destroy();
  });

  it('reports the percentile curve from the corrected histogram', () => {
    const r = new LatencyRecorder(100);
    r.recordAll([10, 10, 10, 450]);
    const curve = r.curve();
    expect(curve[0]).toEqual({ percentile: 0, valueNs: 10 });
    expect(curve.at(-1)).toEqual({ percentile: 100, valueNs: 450 });
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]!.valueNs).toBeGreaterThanOrEqual(curve[i - 1]!.valueNs);
    }
    r.destroy();
  });

  it('rounds to whole nanoseconds and records at least 1 ns', () => {
    const r = new LatencyRecorder(0);
    r.recordAll([0.2, 1.6]);
    expect(r.valueAt(0)).toBe(1);
    expect(r.valueAt(100)).toBe(2);
    r.destroy();
  });

  it('rejects negative latencies and fractional intervals', () => {
    expect(() => new LatencyRecorder(1.5)).toThrow(BenchError);
    const r = new LatencyRecorder(10);
    expect(() => r.record(-1)).toThrow(/invalid/);
    r.destroy();
  });
});
