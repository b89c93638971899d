/**
 * The batch-size role: how many items the next batch should take, learned from how the
 * previous batches went. {@link AdaptiveBatcher} steers toward latency/throughput targets;
 * {@link FixedBatcher} always answers the same size (the baseline to compare against).
 *
 * Single-threaded: one owner reads `size` and calls `record`; nothing here is shared memory.
 */
export interface Batcher {
  /** The size the next batch should take, an integer in [1, maxSize]. */
  readonly size: number;
  /** The largest size this batcher can ever answer, so callers can size their buffers once. */
  readonly maxSize: number;
  /**
   * Reports one finished batch: `items` processed (may be below `size` when the source ran
   * dry), `elapsedMs` spent processing them and the `latencyMs` observed for the batch.
   * Returns the size for the next batch. Invalid figures (NaN, negative, zero items) are
   * ignored rather than thrown, since this sits on the hot path.
   */
  record(items: number, elapsedMs: number, latencyMs: number): number;
}
