/**
 * AdaptiveBatcher: batch size steered toward a latency ceiling and a throughput goal.
 *
 * The controller is AIMD (Chiu & Jain, "Analysis of the Increase and Decrease Algorithms for
 * Congestion Avoidance in Computer Networks", 1989) shaped for noisy, in-process batching:
 * - Inputs are smoothed by an EWMA, as TCP smooths its RTT (RFC 6298), and a single sample
 *   counts at most `outlierClip` times the average, so one GC pause cannot halve the size.
 * - Decrease is multiplicative by targetLatency / averageLatency (floored at `maxDecrease`),
 *   the gradient idea of Netflix's concurrency-limits: a small overshoot costs a small cut.
 * - Increase is proportional to the remaining headroom (latency and throughput), so it grows
 *   fast far from the targets and slows to a crawl near them; inside a tolerance band it holds.
 * - It only grows after a full batch: a batch cut short by an empty source says nothing about
 *   a bigger one (TCP's congestion window validation, RFC 7661).
 * - After every change the latency average is rescaled by the size ratio, a proportional
 *   model, so the next decision does not act on samples taken at the old size.
 */
import type { Batcher } from './batcher.js';
import { fail, requireInRange, requireObject, requireSize, requireTarget } from './validate.js';

/** Options of {@link AdaptiveBatcher}. Only the sizes and the latency target are required. */
export interface AdaptiveBatcherOptions {
  /** Smallest batch size, an integer >= 1. */
  readonly minSize: number;
  /** Largest batch size, an integer >= minSize. */
  readonly maxSize: number;
  /** Size of the first batch, in [minSize, maxSize]; default minSize. */
  readonly initialSize?: number;
  /** Latency ceiling in ms, > 0: the average observed latency is kept at or below it. */
  readonly targetLatencyMs: number;
  /**
   * Throughput goal in items per second, > 0. Once reached the batch stops growing, and it
   * shrinks while throughput is above `targetThroughput * (1 + tolerance)`, so it settles on the
   * smallest batch that delivers the goal. Omitted: grow as far as the latency target allows.
   */
  readonly targetThroughput?: number;
  /** EWMA weight of a new sample, in (0, 1]; default 0.1. Lower is steadier and slower. */
  readonly smoothing?: number;
  /** Width of the hold band below each target, as a fraction, in [0, 1); default 0.1. */
  readonly tolerance?: number;
  /** Growth per batch as a fraction of the size at full headroom, in (0, 1]; default 0.25. */
  readonly gain?: number;
  /** Smallest multiplier a single decrease may apply, in (0, 1); default 0.5. */
  readonly maxDecrease?: number;
  /** A sample counts at most this many times the current average, >= 1; default 2. */
  readonly outlierClip?: number;
}

const WHERE = 'AdaptiveBatcher.constructor';

/**
 * A {@link Batcher} that adapts the size after every batch (see the file header for the
 * algorithm). `record` does a few float operations and never allocates.
 *
 * Single-threaded: one owner calls `record` and reads `size`.
 */
export class AdaptiveBatcher implements Batcher {
  readonly minSize: number;
  readonly maxSize: number;
  readonly initialSize: number;
  readonly targetLatencyMs: number;
  /** Items per second; `Infinity` when no throughput goal was given. */
  readonly targetThroughput: number;
  readonly smoothing: number;
  readonly tolerance: number;
  readonly gain: number;
  readonly maxDecrease: number;
  readonly outlierClip: number;

  private readonly hasThroughputGoal: boolean;
  private currentSize: number;
  // The size as a real number: small proportional steps accumulate before the rounded size moves.
  private window: number;
  private latencyAverage = 0;
  private itemsAverage = 0;
  private elapsedAverage = 0;
  private sampleCount = 0;

  constructor(options: AdaptiveBatcherOptions) {
    requireObject(WHERE, options);
    this.minSize = requireSize(WHERE, 'minSize', options.minSize);
    this.maxSize = requireSize(WHERE, 'maxSize', options.maxSize);
    if (this.minSize > this.maxSize) {
      fail(WHERE, 'INVALID_RANGE', `minSize (${this.minSize}) > maxSize (${this.maxSize})`);
    }
    const initial = options.initialSize ?? this.minSize;
    requireSize(WHERE, 'initialSize', initial);
    if (initial < this.minSize || initial > this.maxSize) {
      fail(
        WHERE,
        'INVALID_RANGE',
        `initialSize (${initial}) must be in [minSize (${this.minSize}), maxSize (${this.maxSize})]`,
      );
    }
    this.initialSize = initial;
    this.targetLatencyMs = requireTarget(WHERE, 'targetLatencyMs', options.targetLatencyMs);
    this.targetThroughput =
      options.targetThroughput === undefined
        ? Number.POSITIVE_INFINITY
        : requireTarget(WHERE, 'targetThroughput', options.targetThroughput);
    this.smoothing = requireInRange(
      WHERE,
      'smoothing',
      options.smoothing ?? 0.1,
      0,
      false,
      1,
      true,
    );
    this.tolerance = requireInRange(
      WHERE,
      'tolerance',
      options.tolerance ?? 0.1,
      0,
      true,
      1,
      false,
    );
    this.gain = requireInRange(WHERE, 'gain', options.gain ?? 0.25, 0, false, 1, true);
    this.maxDecrease = requireInRange(
      WHERE,
      'maxDecrease',
      options.maxDecrease ?? 0.5,
      0,
      false,
      1,
      false,
    );
    this.outlierClip = requireInRange(
      WHERE,
      'outlierClip',
      options.outlierClip ?? 2,
      1,
      true,
      Number.POSITIVE_INFINITY,
      true,
    );
    this.hasThroughputGoal = options.targetThroughput !== undefined;
    this.currentSize = initial;
    this.window = initial;
  }

  get size(): number {
    return this.currentSize;
  }

  /** Smoothed latency in ms over the recent batches (0 before the first sample). */
  get averageLatencyMs(): number {
    return this.latencyAverage;
  }

  /** Smoothed throughput in items per second (0 before the first sample). */
  get averageThroughput(): number {
    return this.sampleCount === 0 ? 0 : this.throughput();
  }

  /** How many valid batches have been recorded. */
  get samples(): number {
    return this.sampleCount;
  }

  record(items: number, elapsedMs: number, latencyMs: number): number {
    // Written so NaN fails every test: garbage is ignored, never thrown, on this hot path.
    if (
      !(items >= 1 && items < Number.POSITIVE_INFINITY) ||
      !(elapsedMs >= 0 && elapsedMs < Number.POSITIVE_INFINITY) ||
      !(latencyMs >= 0 && latencyMs < Number.POSITIVE_INFINITY)
    ) {
      return this.currentSize;
    }
    const full = items >= this.currentSize;
    this.observe(items, elapsedMs, latencyMs);

    const target = this.targetLatencyMs;
    const latency = this.latencyAverage;
    const before = this.window;
    let window = before;
    if (latency > target) {
      // Over the ceiling: cut in proportion to the overshoot, never below maxDecrease.
      const factor = target / latency;
      window *= Math.max(factor, this.maxDecrease);
    } else {
      const goal = this.targetThroughput;
      const throughput = this.throughput();
      const high = goal * (1 + this.tolerance);
      if (throughput > high) {
        // Delivering more than asked: give the surplus back as lower latency, gently.
        const excess = throughput / high - 1;
        window -= window * this.gain * Math.min(excess, 1);
      } else if (full && latency < target * (1 - this.tolerance)) {
        let headroom = 1 - latency / target;
        if (this.hasThroughputGoal) {
          const shortfall = 1 - throughput / goal;
          if (shortfall < headroom) headroom = shortfall;
        }
        if (headroom > 0) window += window * this.gain * headroom;
      }
    }
    if (window < this.minSize) window = this.minSize;
    else if (window > this.maxSize) window = this.maxSize;
    if (window !== before) {
      // Assume latency scales with size until real samples at the new size arrive.
      this.latencyAverage *= window / before;
      this.window = window;
      let size = Math.round(window);
      if (size < this.minSize) size = this.minSize;
      else if (size > this.maxSize) size = this.maxSize;
      this.currentSize = size;
    }
    return this.currentSize;
  }

  private observe(items: number, elapsedMs: number, latencyMs: number): void {
    if (this.sampleCount++ === 0) {
      this.latencyAverage = latencyMs;
      this.itemsAverage = items;
      this.elapsedAverage = elapsedMs;
      return;
    }
    const alpha = this.smoothing;
    const clip = this.outlierClip;
    // Clip only against a positive average: an average of 0 (a coarse clock) would pin it there.
    const latencyCap = this.latencyAverage * clip;
    if (latencyCap > 0 && latencyMs > latencyCap) latencyMs = latencyCap;
    const elapsedCap = this.elapsedAverage * clip;
    if (elapsedCap > 0 && elapsedMs > elapsedCap) elapsedMs = elapsedCap;
    this.latencyAverage += alpha * (latencyMs - this.latencyAverage);
    this.itemsAverage += alpha * (items - this.itemsAverage);
    this.elapsedAverage += alpha * (elapsedMs - this.elapsedAverage);
  }

  private throughput(): number {
    // A ratio of averages, not an average of ratios: a near-zero elapsed cannot blow it up.
    const elapsed = this.elapsedAverage;
    return elapsed > 0 ? (this.itemsAverage / elapsed) * 1000 : Number.POSITIVE_INFINITY;
  }
}

AdaptiveBatcher satisfies new (
  options: AdaptiveBatcherOptions,
) => Batcher;
