/**
 * Figures for one batch. Producers of stats reuse one record and overwrite it for every
 * batch, so read it inside the callback (or copy the fields) rather than keeping the object.
 */
export interface BatchStats {
  /** Items in the batch (0 before the first batch). */
  items: number;
  /** The batch size that was asked for (the batcher's size when the batch started). */
  requested: number;
  /** Time spent on the batch, in ms, measured with the injected clock. */
  elapsedMs: number;
  /** The latency reported for the batch, in ms (see the producer for what it measures). */
  latencyMs: number;
  /** The size the batcher chose for the next batch after recording this one. */
  nextSize: number;
}

/** A fresh zeroed stats record. */
export function emptyBatchStats(): BatchStats {
  return { items: 0, requested: 0, elapsedMs: 0, latencyMs: 0, nextSize: 0 };
}
