import { MpmcQueue } from '../src/index.js';
import { checksumOf, roundsFor, runWorkers, share, type ThroughputResult } from './run-workers.js';

export interface MpmcThroughputOptions {
  /** Queue capacity in cells (power of two). */
  readonly capacity: number;
  readonly producers: number;
  readonly consumers: number;
  /** Records in the measured round, all producers together. */
  readonly items: number;
}

/**
 * `producers` workers offering one Int32 record at a time into an `MpmcQueue` and `consumers`
 * workers taking them one at a time (acquire/release), all busy-spinning.
 */
export function runMpmcThroughput(options: MpmcThroughputOptions): Promise<ThroughputResult> {
  const { capacity, producers, consumers, items } = options;
  const queue = MpmcQueue.create({ capacity, recordBytes: 4 });
  const rounds = roundsFor(items);
  const producerUrl = new URL('./workers/mpmc-producer.ts', import.meta.url);
  const consumerUrl = new URL('./workers/mpmc-consumer.ts', import.meta.url);
  const specs = [
    ...Array.from({ length: producers }, (_, p) => ({
      url: producerUrl,
      data: { buffer: queue.buffer, shares: rounds.map((n) => share(n, producers, p)) },
    })),
    ...Array.from({ length: consumers }, () => ({
      url: consumerUrl,
      data: { buffer: queue.buffer },
    })),
  ];
  const perProducer = Array.from({ length: producers }, (_, p) =>
    rounds.reduce((sum, n) => sum + share(n, producers, p), 0),
  );
  return runWorkers(specs, rounds, (i) => i >= producers, checksumOf(perProducer));
}
