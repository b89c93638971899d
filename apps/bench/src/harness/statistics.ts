import { BenchError } from '../errors.js';

/**
 * Statistics over the handful of per-run figures a benchmark produces (3 to 10 values).
 *
 * - `median`: the middle value; the mean of the two middle values for an even count.
 * - `percentile`: linear interpolation between closest ranks (Hyndman & Fan 1996, definition 7;
 *   the rule of R's default `quantile`, NumPy's default and Excel's PERCENTILE.INC). For p in
 *   [0, 1] and n sorted values, h = (n - 1) * p; the result is x[floor(h)] + (h - floor(h)) *
 *   (x[floor(h) + 1] - x[floor(h)]). So p = 0 is the minimum, p = 1 the maximum.
 * - `relativeSpread`: (max - min) / median. With few runs the range is the honest measure (every
 *   run counts); a result is flagged when it exceeds `SPREAD_FLAG_THRESHOLD`.
 * - `medianAbsoluteDeviation`: median(|x - median|), reported alongside as a robust companion.
 *
 * Latency percentiles are not computed here: they come from the HDR histogram (nearest rank).
 */

/** A result whose relative spread is above this is flagged as unreliable. */
export const SPREAD_FLAG_THRESHOLD = 0.1;

export interface Summary {
  /** Number of values summarised (the measured runs). */
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** (max - min) / median; 0 when the median is 0. */
  readonly spread: number;
  /** Median absolute deviation, in the values' unit. */
  readonly mad: number;
  /** True when `spread` is above `SPREAD_FLAG_THRESHOLD`. */
  readonly flagged: boolean;
  /** The values in the order they were measured. */
  readonly samples: readonly number[];
}

function requireValues(where: string, values: readonly number[]): void {
  if (values.length === 0) {
    throw new BenchError(`statistics.${where}`, 'EMPTY_SAMPLE', 'needs at least one value');
  }
  for (const v of values) {
    if (!Number.isFinite(v)) {
      throw new BenchError(`statistics.${where}`, 'NON_FINITE', `value ${v} is not finite`);
    }
  }
}

/** A sorted copy (ascending); the input is left as it was. */
export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Linear-interpolation percentile of already sorted values; `p` in [0, 1]. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  requireValues('percentile', sorted);
  if (!(p >= 0 && p <= 1)) {
    throw new BenchError('statistics.percentile', 'BAD_PERCENTILE', `p (${p}) must be in [0, 1]`);
  }
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const low = sorted[lo]!;
  const high = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return low + (h - lo) * (high - low);
}

/** Linear-interpolation percentile (see the file header); `p` in [0, 1]. */
export function percentile(values: readonly number[], p: number): number {
  requireValues('percentile', values);
  return percentileOfSorted(sortedCopy(values), p);
}

/** The median: the middle value, or the mean of the two middle values. */
export function median(values: readonly number[]): number {
  requireValues('median', values);
  return percentileOfSorted(sortedCopy(values), 0.5);
}

/** Median absolute deviation from the median. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/** (max - min) / median; 0 when the median is 0. */
export function relativeSpread(values: readonly number[]): number {
  requireValues('relativeSpread', values);
  const sorted = sortedCopy(values);
  const m = percentileOfSorted(sorted, 0.5);
  if (m === 0) return 0;
  return (sorted[sorted.length - 1]! - sorted[0]!) / Math.abs(m);
}

/** Everything the report shows about one metric's per-run values. */
export function summarize(values: readonly number[]): Summary {
  requireValues('summarize', values);
  const sorted = sortedCopy(values);
  const m = percentileOfSorted(sorted, 0.5);
  const spread = relativeSpread(sorted);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    runs: values.length,
    median: m,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
    spread,
    mad: medianAbsoluteDeviation(sorted),
    flagged: spread > SPREAD_FLAG_THRESHOLD,
    samples: [...values],
  };
}
