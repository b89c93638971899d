import { SpscRing } from '../src/index.js';
import { checksumOf, roundsFor, runWorkers, type ThroughputResult } from './run-workers.js';

export interface SpscThroughputOptions {
  /** Ring capacity in records (power of two). */
  readonly capacity: number;
  /** Bytes per record, a multiple of 4 (default 4: one Int32 value). */
  readonly recordBytes?: number;
  /** Records per producer claim/publish; 1 = one `offerInt32` per record. */
  readonly batch: number;
  /**
   * Most records per consumer acquire/release (default: the capacity, i.e. take everything
   * published, as the Disruptor's batch event processor does; 1 = one record at a time).
   */
  readonly consumerBatch?: number;
  /**
   * Local spin iterations the consumer waits after an acquisition of fewer than 64 records,
   * before polling the producer's sequence again (default 0). Fewer polls leave the producer's
   * cache line with the producer, so its publishing stores do not stall.
   */
  readonly pollDelay?: number;
  /** Records in the measured round (a warm-up round of a fifth runs first). */
  readonly items: number;
}

/**
 * One producer worker and one consumer worker around an `SpscRing`, both busy-spinning.
 * The producer claims/publishes `batch` records at a time (`offerInt32` when 1); the consumer
 * acquires/releases up to `consumerBatch` at a time and sums the values.
 */
export function runSpscThroughput(options: SpscThroughputOptions): Promise<ThroughputResult> {
  const {
    capacity,
    recordBytes = 4,
    batch,
    consumerBatch = capacity,
    pollDelay = 0,
    items,
  } = options;
  const ring = SpscRing.create({ capacity, recordBytes });
  const rounds = roundsFor(items);
  const data = { buffer: ring.buffer, batch, consumerBatch, pollDelay };
  return runWorkers(
    [
      { url: new URL('./workers/spsc-producer.ts', import.meta.url), data },
      { url: new URL('./workers/spsc-consumer.ts', import.meta.url), data },
    ],
    rounds,
    (i) => i === 1,
    checksumOf([rounds.reduce((a, b) => a + b, 0)]),
  );
}
