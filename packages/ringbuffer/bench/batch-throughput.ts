import { MpscRing, SpscRing } from '../src/index.js';
import { checksumOf, roundsFor, runWorkers, type ThroughputResult } from './run-workers.js';

/**
 * How a batch crosses: one `MpscRing` record (claim, copy, commit; the consumer zeroes what it
 * drained and stores the head), or a run of 64-byte `SpscRing` slots (claim up to the end of
 * the buffer, copy, publish; the consumer only stores its position). The second is what a
 * per-(sender, receiver) SPSC inbox would do instead of one shared MPSC inbox.
 */
export type BatchRing = 'mpsc-record' | 'spsc-slots';

/** `workerData` of the batch producer and consumer (workers/batch-*.ts). */
export interface BatchWorkerData {
  readonly buffer: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly rounds: number[];
  readonly ring: BatchRing;
  readonly batchBytes: number;
}

/** Bytes per SpscRing slot in the `spsc-slots` shape: one cache line. */
export const SLOT_BYTES = 64;
/** Bytes of one cluster envelope carrying a number (header 24 + body 8). */
const ENVELOPE_BYTES = 32;

export interface BatchThroughputOptions {
  readonly ring: BatchRing;
  /** Ring size in bytes (power of two). */
  readonly capacityBytes: number;
  /** Bytes per batch, a multiple of 64, at most capacityBytes / 8 (the MpscRing record limit). */
  readonly batchBytes: number;
  /** Batches in the measured round. */
  readonly items: number;
}

/**
 * One producer worker writing `batchBytes` batches as fast as the ring takes them (f64 words:
 * the batch's index in word 0, ones after), one consumer reading every word of every batch.
 * `items` counts batches; the result counts 32-byte envelopes (the size of the cluster's number
 * envelope), so its items/s compare with the cluster's messages/s: batchBytes / 32 per batch.
 */
export async function runBatchThroughput(
  options: BatchThroughputOptions,
): Promise<ThroughputResult> {
  const { ring, capacityBytes, batchBytes, items } = options;
  const buffer =
    ring === 'mpsc-record'
      ? MpscRing.create({ capacityBytes }).buffer
      : SpscRing.create({ capacity: capacityBytes / SLOT_BYTES, recordBytes: SLOT_BYTES }).buffer;
  const rounds = roundsFor(items);
  const data = { buffer, ring, batchBytes };
  const result = await runWorkers(
    [
      { url: new URL('./workers/batch-producer.ts', import.meta.url), data },
      { url: new URL('./workers/batch-consumer.ts', import.meta.url), data },
    ],
    rounds,
    (i) => i === 1,
    checksumOf([rounds.reduce((a, b) => a + b, 0)]),
  );
  const envelopes = batchBytes / ENVELOPE_BYTES;
  return {
    ...result,
    items: result.items * envelopes,
    itemsPerSecond: result.itemsPerSecond * envelopes,
  };
}
