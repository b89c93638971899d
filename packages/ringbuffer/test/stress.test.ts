import { runTsWorker, stressMode, testSeed } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import { MpmcQueue, MpscRing, SpscRing } from '../src/index.js';

// 10^6 records per structure normally, 10^8 with STRESS=1. Every ring starts its positions just
// below 2^31 so each run crosses the Int32 wrap. Workers throw after TIMEOUT_MS without
// progress, so a lost wake-up or a deadlock fails the test instead of hanging it.
const ITEMS = stressMode() ? 100_000_000 : 1_000_000;
const TIMEOUT_MS = 20_000;
const TEST_TIMEOUT = stressMode() ? 3_600_000 : 60_000;
const worker = (name: string) => new URL(`./workers/${name}.ts`, import.meta.url);

describe('SpscRing between two workers', () => {
  it(
    `delivers ${ITEMS} records exactly once and in order across the 2^31 wrap`,
    async () => {
      const seed = testSeed('spsc-stress');
      const ring = SpscRing.create({
        capacity: 1024,
        recordBytes: 8,
        startPosition: 2 ** 31 - 300,
      });
      const [produced, consumed] = await Promise.all([
        runTsWorker<{ produced: number }>(worker('spsc-producer'), {
          buffer: ring.buffer,
          items: ITEMS,
          seed,
          maxBatch: 300,
          timeoutMs: TIMEOUT_MS,
        }),
        runTsWorker<{ received: number; errors: number; firstError: string; size: number }>(
          worker('spsc-consumer'),
          { buffer: ring.buffer, items: ITEMS, timeoutMs: TIMEOUT_MS, spins: 64 },
        ),
      ]);
      expect(produced.produced).toBe(ITEMS);
      expect(consumed).toMatchObject({ received: ITEMS, errors: 0, firstError: '', size: 0 });
    },
    TEST_TIMEOUT,
  );
});

describe('MpscRing with four producer workers and one consumer worker', () => {
  it(
    `drops nothing and keeps each producer's order over ${ITEMS} variable-length records`,
    async () => {
      const seed = testSeed('mpsc-stress');
      const producers = 4;
      const itemsPerProducer = ITEMS / producers;
      const maxPayload = 60;
      const ring = MpscRing.create({ capacityBytes: 1 << 14, startPosition: 2 ** 31 - 4096 });
      const consumer = runTsWorker<{
        received: number;
        errors: number;
        firstError: string;
        perProducer: number[];
        used: number;
      }>(worker('mpsc-consumer'), {
        buffer: ring.buffer,
        producers,
        itemsPerProducer,
        seed,
        maxPayload,
        timeoutMs: TIMEOUT_MS,
        spins: 64,
      });
      const produced = await Promise.all(
        Array.from({ length: producers }, (_, producerId) =>
          runTsWorker<{ produced: number }>(worker('mpsc-producer'), {
            buffer: ring.buffer,
            producerId,
            items: itemsPerProducer,
            seed,
            maxPayload,
            timeoutMs: TIMEOUT_MS,
          }),
        ),
      );
      expect(produced.map((p) => p.produced)).toEqual(new Array(producers).fill(itemsPerProducer));
      expect(await consumer).toEqual({
        received: ITEMS,
        errors: 0,
        firstError: '',
        perProducer: new Array(producers).fill(itemsPerProducer),
        used: 0,
      });
    },
    TEST_TIMEOUT,
  );
});

describe('MpmcQueue with two producer workers and two consumer workers', () => {
  it(
    `delivers each of ${ITEMS} records exactly once, in per-producer order per consumer`,
    async () => {
      const producers = 2;
      const itemsPerProducer = ITEMS / producers;
      const queue = MpmcQueue.create({
        capacity: 1024,
        recordBytes: 8,
        startPosition: 2 ** 31 - 500,
      });
      const seen = new SharedArrayBuffer(Math.ceil(ITEMS / 32) * 4);
      const consumed = new SharedArrayBuffer(4);
      const consumers = [0, 1].map(() =>
        runTsWorker<{ mine: number; duplicates: number; disorder: number; bad: number }>(
          worker('mpmc-consumer'),
          {
            buffer: queue.buffer,
            seen,
            consumed,
            producers,
            itemsPerProducer,
            timeoutMs: TIMEOUT_MS,
          },
        ),
      );
      const produced = await Promise.all(
        Array.from({ length: producers }, (_, producerId) =>
          runTsWorker<{ produced: number }>(worker('mpmc-producer'), {
            buffer: queue.buffer,
            producerId,
            items: itemsPerProducer,
            timeoutMs: TIMEOUT_MS,
          }),
        ),
      );
      expect(produced.map((p) => p.produced)).toEqual([itemsPerProducer, itemsPerProducer]);
      const results = await Promise.all(consumers);
      for (const r of results) expect(r).toMatchObject({ duplicates: 0, disorder: 0, bad: 0 });
      expect(results[0]!.mine + results[1]!.mine).toBe(ITEMS);
      const bits = new Int32Array(seen);
      let missing = 0;
      for (let i = 0; i < ITEMS; i++) if ((bits[i >>> 5]! & (1 << (i & 31))) === 0) missing++;
      expect(missing).toBe(0);
      expect(queue.size).toBe(0);
    },
    TEST_TIMEOUT,
  );
});
