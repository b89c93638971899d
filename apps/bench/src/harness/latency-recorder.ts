import { build, type Histogram } from 'hdr-histogram-js';
import { BenchError } from '../errors.js';

/**
 * Latency recording the Disruptor way (LMAX `PingPongSequencedLatencyTest`): the sender paces
 * itself (sends, waits for the reply, records the round trip, then waits `expectedIntervalNs`
 * before the next send) and every round trip goes into an HDR histogram (Gil Tene's
 * HdrHistogram, through its TypeScript port hdr-histogram-js).
 *
 * Coordinated omission: a slow reply also stops the sender, so the requests it would have sent
 * during the stall are never measured and the histogram looks better than what a client on a
 * fixed schedule would see. `recordValueWithExpectedInterval(value, interval)` adds the missing
 * samples back: for a value L above the interval I it also records L - I, L - 2I, ... down to I,
 * which is what the requests due during the stall would have waited. Both the corrected and the
 * raw histograms are kept; the report uses the corrected one and says so.
 *
 * Percentiles follow HdrHistogram's nearest-rank rule: the value at percentile q is the smallest
 * recorded value such that at least ceil(q / 100 * count) values are at or below it (reported as
 * the highest value equivalent to it at 3 significant digits; exact below 2048 ns).
 */

/**
 * The percentiles every latency scenario reports, with their metric names: the corrected ones,
 * then two uncorrected ones so a reader can see how much of the tail the correction added (on a
 * shared machine one preemption of a spinning thread adds thousands of synthetic samples).
 */
export const LATENCY_METRICS: readonly {
  readonly metric: string;
  readonly percentile: number;
  readonly corrected: boolean;
}[] = [
  { metric: 'p50', percentile: 50, corrected: true },
  { metric: 'p95', percentile: 95, corrected: true },
  { metric: 'p99', percentile: 99, corrected: true },
  { metric: 'p99.9', percentile: 99.9, corrected: true },
  { metric: 'max', percentile: 100, corrected: true },
  { metric: 'raw p99', percentile: 99, corrected: false },
  { metric: 'raw p99.9', percentile: 99.9, corrected: false },
];

/** Percentiles drawn on the latency curves of the HTML report. */
const CURVE_PERCENTILES: readonly number[] = [
  0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100,
];

export interface LatencyPoint {
  /** Percentile in [0, 100]. */
  readonly percentile: number;
  readonly valueNs: number;
}

function newHistogram(): Histogram {
  return build({ lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 3, autoResize: true });
}

export class LatencyRecorder {
  readonly expectedIntervalNs: number;
  private readonly corrected: Histogram = newHistogram();
  private readonly raw: Histogram = newHistogram();

  /** `expectedIntervalNs`: the sender's pause between samples; 0 turns the correction off. */
  constructor(expectedIntervalNs: number) {
    if (!(Number.isInteger(expectedIntervalNs) && expectedIntervalNs >= 0)) {
      throw new BenchError(
        'LatencyRecorder.constructor',
        'BAD_INTERVAL',
        `expectedIntervalNs (${expectedIntervalNs}) must be a non-negative integer`,
      );
    }
    this.expectedIntervalNs = expectedIntervalNs;
  }

  /** Records one measured latency in ns (rounded to a whole ns, at least 1). */
  record(valueNs: number): void {
    if (!Number.isFinite(valueNs) || valueNs < 0) {
      throw new BenchError('LatencyRecorder.record', 'BAD_VALUE', `latency ${valueNs} is invalid`);
    }
    const v = Math.max(1, Math.round(valueNs));
    this.raw.recordValue(v);
    this.corrected.recordValueWithExpectedInterval(v, this.expectedIntervalNs);
  }

  /** Records measured latencies in the order they were taken. */
  recordAll(valuesNs: ArrayLike<number>): void {
    for (let i = 0; i < valuesNs.length; i++) this.record(valuesNs[i]!);
  }

  /** Samples in the corrected histogram (measured plus synthesised). */
  get correctedCount(): number {
    return this.corrected.totalCount;
  }

  /** Samples actually measured. */
  get rawCount(): number {
    return this.raw.totalCount;
  }

  /** Corrected value at percentile `q` in [0, 100]. */
  valueAt(q: number): number {
    return this.corrected.getValueAtPercentile(q);
  }

  /** Uncorrected value at percentile `q` in [0, 100]. */
  rawValueAt(q: number): number {
    return this.raw.getValueAtPercentile(q);
  }

  /** The reported percentiles (see LATENCY_METRICS), keyed by metric name. */
  percentiles(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { metric, percentile, corrected } of LATENCY_METRICS) {
      out[metric] = corrected ? this.valueAt(percentile) : this.rawValueAt(percentile);
    }
    return out;
  }

  /** Points of the percentile curve (corrected unless `raw`), for charts. */
  curve(raw = false): LatencyPoint[] {
    return CURVE_PERCENTILES.map((percentile) => ({
      percentile,
      valueNs: raw ? this.rawValueAt(percentile) : this.valueAt(percentile),
    }));
  }

  /** Frees the histograms' memory. */
  destroy(): void {
    this.corrected.destroy();
    this.raw.destroy();
  }
}
