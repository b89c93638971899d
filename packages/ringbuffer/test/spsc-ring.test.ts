import { testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MpscRing, RingBufferError, SpscRing } from '../src/index.js';

const NEAR_WRAP = 2 ** 31 - 5;

/** Producer and consumer sides attached separately, as two threads would. */
function pair(capacity: number, recordBytes = 8, startPosition = 0) {
  const producer = SpscRing.create({ capacity, recordBytes, startPosition });
  const consumer = SpscRing.attach(producer.buffer);
  return { producer, consumer };
}

function expectRingError(fn: () => unknown, code: string, where: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RingBufferError);
    expect((error as RingBufferError).code).toBe(code);
    expect((error as Error).message).toMatch(where);
    return;
  }
  expect.unreachable('expected a RingBufferError');
}

describe('SpscRing', () => {
  it('delivers a published batch in order, with its sequences, through an attached view', () => {
    const { producer, consumer } = pair(8);
    expect(producer.tryClaim(3)).toBe(3);
    const first = producer.claimedSequence;
    for (let i = 0; i < 3; i++) producer.view.setFloat64(producer.offsetOf(first + i), i * 1.5);
    expect(consumer.hasItems()).toBe(false); // claimed is not published
    producer.publish();
    expect(consumer.hasItems()).toBe(true);
    const seen: [number, number][] = [];
    expect(consumer.drain((view, offset, seq) => seen.push([view.getFloat64(offset), seq]))).toBe(
      3,
    );
    expect(seen).toEqual([
      [0, 0],
      [1.5, 1],
      [3, 2],
    ]);
    expect(consumer.size).toBe(0);
  });

  it('refuses a claim that does not fit and accepts it once the consumer releases', () => {
    const { producer, consumer } = pair(4);
    expect(producer.tryClaim(3)).toBe(3);
    producer.publish();
    expect(producer.tryClaim(2)).toBe(0);
    expect(producer.tryClaimUpTo(5)).toBe(1);
    producer.publish();
    expect(producer.tryClaimUpTo(5)).toBe(0);
    expect(producer.offerInt32(1)).toBe(false);
    expect(consumer.drain(() => {}, 2)).toBe(2);
    expect(producer.tryClaim(2)).toBe(2);
  });

  it('lets the consumer acquire and release by hand', () => {
    const { producer, consumer } = pair(8, 4);
    for (let i = 10; i < 15; i++) expect(producer.offerInt32(i)).toBe(true);
    expect(consumer.tryAcquire(3)).toBe(3);
    const seq = consumer.acquiredSequence;
    const values = [0, 1, 2].map((i) => consumer.int32[consumer.offsetOf(seq + i) >> 2]);
    expect(values).toEqual([10, 11, 12]);
    expect(consumer.size).toBe(5); // not released yet
    consumer.release();
    expect(consumer.size).toBe(2);
    expect(consumer.tryAcquire(10)).toBe(2);
    consumer.release();
    expect(consumer.tryAcquire(1)).toBe(0);
  });

  it('wraps its Int32 sequences past 2^31 without losing or reordering records', () => {
    const { producer, consumer } = pair(4, 4, NEAR_WRAP);
    const seen: number[] = [];
    const sequences: number[] = [];
    for (let i = 0; i < 40; i++) {
      expect(producer.offerInt32(i)).toBe(true);
      if (i % 3 === 2) {
        consumer.drain((view, offset, seq) => {
          seen.push(view.getInt32(offset, true));
          sequences.push(seq);
        });
      }
    }
    consumer.drain((view, offset, seq) => {
      seen.push(view.getInt32(offset, true));
      sequences.push(seq);
    });
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(sequences).toEqual(Array.from({ length: 40 }, (_, i) => (NEAR_WRAP + i) | 0));
    expect(sequences.some((s) => s < 0)).toBe(true);
  });

  it('releases the records up to a throwing handler and keeps the rest', () => {
    const { producer, consumer } = pair(8, 4);
    for (let i = 0; i < 5; i++) producer.offerInt32(i);
    expect(() =>
      consumer.drain((view, offset) => {
        if (view.getInt32(offset, true) === 1) throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(consumer.size).toBe(3);
    const rest: number[] = [];
    consumer.drain((view, offset) => rest.push(view.getInt32(offset, true)));
    expect(rest).toEqual([2, 3, 4]);
  });

  it('agrees with a reference queue model for any mix of claims, drains and acquires', () => {
    const seed = testSeed('spsc-ring-model');
    const op = fc.oneof(
      fc.record({ produce: fc.integer({ min: 1, max: 9 }), upTo: fc.boolean() }),
      fc.record({ offer: fc.constant(true) }),
      fc.record({ consume: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ acquire: fc.integer({ min: 1, max: 9 }) }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4, 8),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.array(op, { maxLength: 200 }),
        (capacity, start, ops) => {
          const { producer, consumer } = pair(capacity, 4, start);
          const model: number[] = [];
          const toEnd = (count: number) => capacity - (((start + count) | 0) & (capacity - 1));
          let next = 0;
          let consumed = 0;
          for (const o of ops) {
            const free = capacity - model.length;
            if ('produce' in o) {
              const want = Math.min(o.produce, capacity);
              const got = o.upTo ? producer.tryClaimUpTo(o.produce) : producer.tryClaim(want);
              const expected = o.upTo
                ? Math.min(free, o.produce, toEnd(next))
                : want <= free
                  ? want
                  : 0;
              expect(got).toBe(expected);
              for (let i = 0; i < got; i++) {
                const sequence = (producer.claimedSequence + i) | 0;
                if (o.upTo) {
                  // Contiguous claims: record i sits right after record i - 1.
                  const first = producer.offsetOf(producer.claimedSequence);
                  expect(producer.offsetOf(sequence)).toBe(first + i * 4);
                }
                producer.int32[producer.offsetOf(sequence) >> 2] = next;
                model.push(next++);
              }
              producer.publish();
            } else if ('offer' in o) {
              expect(producer.offerInt32(next)).toBe(free > 0);
              if (free > 0) model.push(next++);
            } else if ('consume' in o) {
              const seen: number[] = [];
              const n = consumer.drain(
                (view, offset) => seen.push(view.getInt32(offset, true)),
                o.consume,
              );
              expect(seen).toEqual(model.splice(0, o.consume));
              consumed += n;
            } else {
              const n = consumer.tryAcquire(o.acquire);
              expect(n).toBe(Math.min(model.length, o.acquire, toEnd(consumed)));
              const first = consumer.offsetOf(consumer.acquiredSequence);
              const seen = Array.from({ length: n }, (_, i) => consumer.int32[(first >> 2) + i]);
              expect(seen).toEqual(model.splice(0, n));
              consumer.release();
              consumed += n;
            }
            expect(consumer.size).toBe(model.length);
            expect([producer.corruption(), consumer.corruption()]).toEqual([undefined, undefined]);
          }
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('reports the bytes it needs and allocates exactly that', () => {
    expect(SpscRing.bytesFor(16, 8)).toBe(512 + 128);
    expect(SpscRing.create({ capacity: 16, recordBytes: 8 }).buffer.byteLength).toBe(640);
  });

  it.each([0, 3, -8, 2 ** 31, 1.5])('rejects capacity %s with INVALID_CAPACITY', (capacity) => {
    expectRingError(
      () => SpscRing.create({ capacity, recordBytes: 4 }),
      'INVALID_CAPACITY',
      /^@zactor\/ringbuffer\/SpscRing\.create: capacity/,
    );
    expectRingError(() => SpscRing.bytesFor(capacity, 4), 'INVALID_CAPACITY', /SpscRing\.bytesFor/);
  });

  it.each([0, 2, 6, 2 ** 21])('rejects recordBytes %s with INVALID_RECORD_SIZE', (recordBytes) => {
    expectRingError(
      () => SpscRing.create({ capacity: 8, recordBytes }),
      'INVALID_RECORD_SIZE',
      /^@zactor\/ringbuffer\/SpscRing\.create: recordBytes/,
    );
  });

  it('rejects a data area over 2^30 bytes', () => {
    expectRingError(() => SpscRing.bytesFor(2 ** 20, 2048), 'INVALID_CAPACITY', /exceeds/);
  });

  it('rejects a claim of zero or of more records than the ring holds', () => {
    const { producer } = pair(4);
    expectRingError(() => producer.tryClaim(0), 'INVALID_ARGUMENT', /SpscRing\.tryClaim: n \(0\)/);
    expectRingError(() => producer.tryClaim(5), 'INVALID_ARGUMENT', /SpscRing\.tryClaim/);
    expectRingError(() => producer.tryClaim(1.5), 'INVALID_ARGUMENT', /SpscRing\.tryClaim/);
  });

  it('refuses to attach to anything but a buffer of its own shape', () => {
    const where = /^@zactor\/ringbuffer\/SpscRing\.attach: /;
    const good = SpscRing.create({ capacity: 8, recordBytes: 8 }).buffer;
    expectRingError(
      () => SpscRing.attach(new ArrayBuffer(1024) as unknown as SharedArrayBuffer),
      'INVALID_BUFFER',
      where,
    );
    expectRingError(() => SpscRing.attach(new SharedArrayBuffer(64)), 'INVALID_BUFFER', where);
    expectRingError(() => SpscRing.attach(new SharedArrayBuffer(1024)), 'INVALID_BUFFER', where);
    const mpsc = MpscRing.create({ capacityBytes: 128 }).buffer;
    expectRingError(() => SpscRing.attach(mpsc), 'INVALID_BUFFER', where);
    // Same header, wrong size: a copy into a larger buffer.
    const larger = new SharedArrayBuffer(good.byteLength + 64);
    new Uint8Array(larger).set(new Uint8Array(good));
    expectRingError(() => SpscRing.attach(larger), 'INVALID_BUFFER', where);
    // Corrupted configuration: recordBytes of 3 with a matching total size.
    const corrupt = new SharedArrayBuffer(good.byteLength);
    new Uint8Array(corrupt).set(new Uint8Array(good));
    new Int32Array(corrupt)[3] = 3;
    expectRingError(
      () => SpscRing.attach(corrupt),
      'INVALID_BUFFER',
      /^@zactor\/ringbuffer\/SpscRing\.attach: header holds an invalid configuration \(INVALID_RECORD_SIZE\)$/,
    );
    expect(SpscRing.attach(good).capacity).toBe(8);
  });
});
