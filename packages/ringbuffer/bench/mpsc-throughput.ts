import { MpscRing } from '../src/index.js';
import {
  checksumOf,
  roundsFor,
  runWorkers,
  share,
  type ThroughputResult,
  type WorkerSpec,
} from './run-workers.js';

export interface MpscThroughputOptions {
  /** Ring size in bytes (power of two). */
  readonly capacityBytes: number;
  /** Producer workers. */
  readonly producers: number;
  /** Payload bytes per record, >= 4 (default 4: one Int32 value). */
  readonly payloadBytes?: number;
  /** Most records the consumer drains per call (default 256). */
  readonly batch?: number;
  /** Records in the measured round, all producers together. */
  readonly items: number;
}

/**
 * `producers` workers claiming and committing one record at a time into an `MpscRing`, one
 * consumer worker draining up to `batch` per call. All busy-spin, so more producers than spare
 * cores measures oversubscription as much as the ring.
 */
export function runMpscThroughput(options: MpscThroughputOptions): Promise<ThroughputResult> {
  const { capacityBytes, producers, payloadBytes = 4, batch = 256, items } = options;
  const ring = MpscRing.create({ capacityBytes });
  const rounds = roundsFor(items);
  const producerUrl = new URL('./workers/mpsc-producer.ts', import.meta.url);
  const specs: WorkerSpec[] = Array.from({ length: producers }, (_, p) => ({
    url: producerUrl,
    data: {
      buffer: ring.buffer,
      payloadBytes,
      shares: rounds.map((n) => share(n, producers, p)),
    },
  }));
  specs.push({
    url: new URL('./workers/mpsc-consumer.ts', import.meta.url),
    data: { buffer: ring.buffer, batch },
  });
  const perProducer = Array.from({ length: producers }, (_, p) =>
    rounds.reduce((sum, n) => sum + share(n, producers, p), 0),
  );
  return runWorkers(specs, rounds, (i) => i === producers, checksumOf(perProducer));
}
