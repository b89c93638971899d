import { Prng } from '../random/prng.js';

/**
 * A bounded uniform sample of latencies (Vitter's algorithm R) with a seeded PRNG:
 * constant memory however long the run, percentiles from the sorted sample.
 */
export class LatencyReservoir {
  private readonly sample: Float64Array;
  private readonly prng: Prng;
  private filled = 0;
  /** Values offered so far. */
  count = 0;

  constructor(capacity: number, seed: number) {
    this.sample = new Float64Array(capacity);
    this.prng = new Prng(seed);
  }

  record(value: number): void {
    const n = this.count++;
    if (this.filled < this.sample.length) {
      this.sample[this.filled++] = value;
      return;
    }
    const j = this.prng.int(n + 1);
    if (j < this.sample.length) this.sample[j] = value;
  }

  /** The q-quantile (0..1) of the sample, or 0 when it is empty. */
  percentile(q: number): number {
    if (this.filled === 0) return 0;
    const sorted = this.sample.slice(0, this.filled).sort();
    const i = Math.min(this.filled - 1, Math.max(0, Math.ceil(q * this.filled) - 1));
    return sorted[i] as number;
  }

  reset(): void {
    this.filled = 0;
    this.count = 0;
  }
}
