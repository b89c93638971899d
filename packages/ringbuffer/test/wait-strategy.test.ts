import { runTsWorker } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import {
  AsyncParkWaitStrategy,
  BusySpinWaitStrategy,
  MpmcQueue,
  MpscRing,
  RingBufferError,
  SpinThenParkWaitStrategy,
  SpscRing,
  type Waitable,
} from '../src/index.js';

const PARKED = 96;
const WAKE_COUNT = 97;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function untilParked(ring: SpscRing): Promise<void> {
  for (let i = 0; Atomics.load(ring.int32, PARKED) === 0; i++) {
    if (i > 2000) throw new Error('the consumer never parked');
    await sleep(5);
  }
}

const rings: [string, () => { target: Waitable; publish: () => void }][] = [
  [
    'SpscRing',
    () => {
      const ring = SpscRing.create({ capacity: 4, recordBytes: 4 });
      return { target: SpscRing.attach(ring.buffer), publish: () => ring.offerInt32(1) };
    },
  ],
  [
    'MpscRing',
    () => {
      const ring = MpscRing.create({ capacityBytes: 64 });
      return {
        target: MpscRing.attach(ring.buffer),
        publish: () => ring.commit(ring.tryClaim(1, 0)),
      };
    },
  ],
  [
    'MpmcQueue',
    () => {
      const queue = MpmcQueue.create({ capacity: 4, recordBytes: 4 });
      return { target: MpmcQueue.attach(queue.buffer), publish: () => queue.offerInt32(1) };
    },
  ],
];

describe.each(rings)('waiting on a %s', (_name, make) => {
  it('returns at once when items are already there, for every strategy', async () => {
    const { target, publish } = make();
    publish();
    expect(new BusySpinWaitStrategy().waitFor(target, 0)).toBe(true);
    expect(new SpinThenParkWaitStrategy({ spins: 0 }).waitFor(target, 0)).toBe(true);
    expect(await new AsyncParkWaitStrategy({ spins: 0 }).waitForAsync(target, 0)).toBe(true);
  });

  it('gives up after the timeout on an empty ring and leaves no parked count behind', async () => {
    const { target } = make();
    expect(new BusySpinWaitStrategy().waitFor(target, 5)).toBe(false);
    expect(new SpinThenParkWaitStrategy({ spins: 10 }).waitFor(target, 5)).toBe(false);
    expect(await new AsyncParkWaitStrategy().waitForAsync(target, 5)).toBe(false);
    const words = new Int32Array((target as unknown as { buffer: SharedArrayBuffer }).buffer);
    expect(Atomics.load(words, PARKED)).toBe(0);
  });

  it('does not touch the wake counter when no consumer is parked', () => {
    const { target, publish } = make();
    const words = new Int32Array((target as unknown as { buffer: SharedArrayBuffer }).buffer);
    publish();
    publish();
    expect(Atomics.load(words, WAKE_COUNT)).toBe(0);
    const token = target.wakeSignal.prepare();
    publish();
    expect(Atomics.load(words, WAKE_COUNT)).toBe(token + 1);
    target.wakeSignal.cancel();
    expect(Atomics.load(words, PARKED)).toBe(0);
  });
});

describe('SpinThenParkWaitStrategy', () => {
  it('wakes a consumer worker parked in Atomics.wait when the producer publishes', async () => {
    const ring = SpscRing.create({ capacity: 4, recordBytes: 4 });
    const result = runTsWorker<{ woke: boolean; values: number[] }>(
      new URL('./workers/park-consumer.ts', import.meta.url),
      { buffer: ring.buffer, mode: 'sync' },
    );
    await untilParked(ring);
    ring.offerInt32(42);
    expect(await result).toEqual({ woke: true, values: [42] });
    expect(Atomics.load(ring.int32, PARKED)).toBe(0);
  });

  it('rejects a negative spin count', () => {
    expect(() => new SpinThenParkWaitStrategy({ spins: -1 })).toThrowError(RingBufferError);
    expect(() => new SpinThenParkWaitStrategy({ spins: 1.5 })).toThrowError(
      /^@zactor\/ringbuffer\/SpinThenParkWaitStrategy\.constructor: spins/,
    );
  });
});

describe('AsyncParkWaitStrategy', () => {
  it('keeps a parked worker alive and wakes it when the producer publishes', async () => {
    const ring = SpscRing.create({ capacity: 4, recordBytes: 4 });
    const result = runTsWorker<{ woke: boolean; values: number[] }>(
      new URL('./workers/park-consumer.ts', import.meta.url),
      { buffer: ring.buffer, mode: 'async' },
    );
    await untilParked(ring);
    await sleep(50); // long enough for a worker without a live handle to have exited
    ring.offerInt32(7);
    expect(await result).toEqual({ woke: true, values: [7] });
  });

  it('lets the event loop run while it waits on the main thread', async () => {
    const producer = SpscRing.create({ capacity: 4, recordBytes: 4 });
    const consumer = SpscRing.attach(producer.buffer);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    setTimeout(() => producer.offerInt32(5), 30);
    const woke = await new AsyncParkWaitStrategy({ spins: 0 }).waitForAsync(consumer, 10_000);
    clearInterval(ticker);
    expect(woke).toBe(true);
    expect(ticks).toBeGreaterThan(0);
  });

  it('rejects a fractional spin count', () => {
    expect(() => new AsyncParkWaitStrategy({ spins: 0.5 })).toThrowError(
      /^@zactor\/ringbuffer\/AsyncParkWaitStrategy\.constructor: spins/,
    );
  });
});
