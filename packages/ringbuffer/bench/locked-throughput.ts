import { LockedQueue } from './locked-queue.js';
import { checksumOf, roundsFor, runWorkers, share, type ThroughputResult } from './run-workers.js';

export interface LockedThroughputOptions {
  readonly capacity: number;
  readonly producers: number;
  readonly consumers: number;
  /** Values per lock acquisition on both sides; 1 = push/pop. */
  readonly batch: number;
  /** Values in the measured round, all producers together. */
  readonly items: number;
}

/** The lock-based baseline: `LockedQueue` between producer and consumer workers. */
export function runLockedThroughput(options: LockedThroughputOptions): Promise<ThroughputResult> {
  const { capacity, producers, consumers, batch, items } = options;
  const queue = LockedQueue.create(capacity);
  const rounds = roundsFor(items);
  const producerUrl = new URL('./workers/locked-producer.ts', import.meta.url);
  const consumerUrl = new URL('./workers/locked-consumer.ts', import.meta.url);
  const specs = [
    ...Array.from({ length: producers }, (_, p) => ({
      url: producerUrl,
      data: { buffer: queue.buffer, batch, shares: rounds.map((n) => share(n, producers, p)) },
    })),
    ...Array.from({ length: consumers }, () => ({
      url: consumerUrl,
      data: { buffer: queue.buffer, batch },
    })),
  ];
  const perProducer = Array.from({ length: producers }, (_, p) =>
    rounds.reduce((sum, n) => sum + share(n, producers, p), 0),
  );
  return runWorkers(specs, rounds, (i) => i >= producers, checksumOf(perProducer));
}
