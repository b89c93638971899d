/**
 * A log-bucketed latency histogram: bucket i counts values in [BASE^i, BASE^(i+1)) microseconds,
 * so a percentile is within 2 % of the true value. Unlike a sample, histograms of different
 * workers merge exactly (add the counts), which is what the live view and the summary need.
 * Constant memory however long the run.
 */
const BASE = 1.04;
const LOG_BASE = Math.log(BASE);
/** 1.04^512 us is about 30 minutes: enough for any answer this demo waits for. */
export const LATENCY_BUCKETS = 512;

export class LatencyHistogram {
  readonly counts = new Float64Array(LATENCY_BUCKETS);
  /** Values recorded so far. */
  count = 0;

  /** Records a latency in milliseconds. */
  record(valueMs: number): void {
    const us = valueMs * 1000;
    const i = us <= 1 ? 0 : Math.min(LATENCY_BUCKETS - 1, Math.floor(Math.log(us) / LOG_BASE));
    this.counts[i]! += 1;
    this.count++;
  }

  /** Adds another histogram's counts (e.g. one posted by another worker). */
  add(counts: ArrayLike<number>): void {
    const n = Math.min(counts.length, LATENCY_BUCKETS);
    for (let i = 0; i < n; i++) {
      const c = counts[i] ?? 0;
      this.counts[i]! += c;
      this.count += c;
    }
  }

  /** The q-quantile (0..1) in milliseconds (the middle of its bucket), or 0 when empty. */
  percentile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < LATENCY_BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return (BASE ** i * Math.sqrt(BASE)) / 1000;
    }
    return BASE ** LATENCY_BUCKETS / 1000;
  }

  /** The counts as a plain array, to send to another thread. */
  toArray(): number[] {
    return Array.from(this.counts);
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
  }
}
