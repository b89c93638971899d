import { testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MpmcQueue, MpscRing, RingBufferError } from '../src/index.js';

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

function takeAll(queue: MpmcQueue, max?: number): number[] {
  const out: number[] = [];
  queue.drain((view, offset) => out.push(view.getInt32(offset, true)), max);
  return out;
}

describe('MpmcQueue', () => {
  it('delivers records first in, first out across attached views', () => {
    const producer = MpmcQueue.create({ capacity: 8, recordBytes: 12 });
    const consumer = MpmcQueue.attach(producer.buffer);
    expect(producer.cellBytes).toBe(24);
    for (let i = 0; i < 5; i++) {
      const offset = producer.tryClaim();
      producer.view.setInt32(offset, i, true);
      producer.view.setFloat64(offset + 4, i / 2, true);
      producer.publish(offset);
    }
    expect(consumer.size).toBe(5);
    const offset = consumer.tryAcquire();
    expect([
      consumer.view.getInt32(offset, true),
      consumer.view.getFloat64(offset + 4, true),
    ]).toEqual([0, 0]);
    consumer.release(offset);
    expect(takeAll(consumer, 2)).toEqual([1, 2]);
    expect(takeAll(consumer)).toEqual([3, 4]);
    expect(consumer.tryAcquire()).toBe(-1);
    expect(consumer.hasItems()).toBe(false);
  });

  it('returns -1 when full, and when the next record is claimed but not published', () => {
    const q = MpmcQueue.create({ capacity: 4, recordBytes: 4 });
    for (let i = 0; i < 4; i++) expect(q.offerInt32(i)).toBe(true);
    expect(q.tryClaim()).toBe(-1);
    expect(q.offerInt32(9)).toBe(false);
    expect(takeAll(q)).toEqual([0, 1, 2, 3]);
    const a = q.tryClaim();
    const b = q.tryClaim();
    q.int32[b >> 2] = 11;
    q.publish(b);
    expect(q.hasItems()).toBe(false);
    expect(q.tryAcquire()).toBe(-1);
    q.int32[a >> 2] = 10;
    q.publish(a);
    expect(takeAll(q)).toEqual([10, 11]);
  });

  it('wraps its Int32 positions past 2^31 without losing or reordering records', () => {
    const q = MpmcQueue.create({ capacity: 4, recordBytes: 4, startPosition: 2 ** 31 - 6 });
    const seen: number[] = [];
    for (let i = 0; i < 40; i++) {
      expect(q.offerInt32(i)).toBe(true);
      if (i % 3 === 2) seen.push(...takeAll(q));
    }
    seen.push(...takeAll(q));
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(Atomics.load(q.int32, 32)).toBeLessThan(0);
  });

  it('releases the record of a throwing handler and keeps the rest', () => {
    const q = MpmcQueue.create({ capacity: 8, recordBytes: 4 });
    for (let i = 0; i < 4; i++) q.offerInt32(i);
    expect(() =>
      q.drain((view, offset) => {
        if (view.getInt32(offset, true) === 1) throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(takeAll(q)).toEqual([2, 3]);
    for (let i = 0; i < 8; i++) expect(q.offerInt32(i)).toBe(true);
  });

  it('agrees with a reference model for any interleaving of claims, publishes and takes', () => {
    const seed = testSeed('mpmc-queue-model');
    const op = fc.oneof(
      fc.constant({ kind: 'claim' as const }),
      fc.record({ kind: fc.constant('publish' as const), pick: fc.nat() }),
      fc.constant({ kind: 'acquire' as const }),
      fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('drain' as const), max: fc.nat(5) }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(2, 4, 8),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.array(op, { maxLength: 200 }),
        (capacity, start, ops) => {
          const q = MpmcQueue.create({ capacity, recordBytes: 4, startPosition: start });
          // Model: the state of every position, relative to `start`.
          const state: ('claimed' | 'published' | 'acquired' | 'released')[] = [];
          const offsets: number[] = [];
          let enqueue = 0;
          let dequeue = 0;
          const claimed: number[] = [];
          const acquired: number[] = [];
          const cellFree = (p: number) => p < capacity || state[p - capacity] === 'released';
          for (const o of ops) {
            if (o.kind === 'claim') {
              const offset = q.tryClaim();
              if (!cellFree(enqueue)) {
                expect(offset).toBe(-1);
                continue;
              }
              expect(offset).toBeGreaterThan(0);
              q.int32[offset >> 2] = enqueue;
              state[enqueue] = 'claimed';
              offsets[enqueue] = offset;
              claimed.push(enqueue++);
            } else if (o.kind === 'publish' && claimed.length > 0) {
              const [p] = claimed.splice(o.pick % claimed.length, 1) as [number];
              q.publish(offsets[p]!);
              state[p] = 'published';
            } else if (o.kind === 'acquire') {
              const offset = q.tryAcquire();
              if (state[dequeue] !== 'published') {
                expect(offset).toBe(-1);
                continue;
              }
              expect(offset).toBe(offsets[dequeue]);
              expect(q.int32[offset >> 2]).toBe(dequeue);
              state[dequeue] = 'acquired';
              acquired.push(dequeue++);
            } else if (o.kind === 'release' && acquired.length > 0) {
              const [p] = acquired.splice(o.pick % acquired.length, 1) as [number];
              q.release(offsets[p]!);
              state[p] = 'released';
            } else if (o.kind === 'drain') {
              const expected: number[] = [];
              while (expected.length < o.max && state[dequeue] === 'published') {
                state[dequeue] = 'released';
                expected.push(dequeue++);
              }
              expect(takeAll(q, o.max)).toEqual(expected);
            }
            expect(q.size).toBe(enqueue - dequeue);
            expect(q.hasItems()).toBe(state[dequeue] === 'published');
            expect(q.corruption()).toBeUndefined();
          }
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('reports the bytes it needs and allocates exactly that', () => {
    expect(MpmcQueue.bytesFor(16, 4)).toBe(512 + 16 * 16);
    expect(MpmcQueue.bytesFor(16, 8)).toBe(512 + 16 * 16);
    expect(MpmcQueue.create({ capacity: 16, recordBytes: 12 }).buffer.byteLength).toBe(512 + 384);
  });

  it.each([0, 1, 3, 2 ** 31, -2])('rejects capacity %s with INVALID_CAPACITY', (capacity) => {
    expectRingError(
      () => MpmcQueue.create({ capacity, recordBytes: 4 }),
      'INVALID_CAPACITY',
      /^@zactor\/ringbuffer\/MpmcQueue\.create: capacity/,
    );
  });

  it.each([0, 5, 2 ** 21])('rejects recordBytes %s with INVALID_RECORD_SIZE', (recordBytes) => {
    expectRingError(
      () => MpmcQueue.bytesFor(8, recordBytes),
      'INVALID_RECORD_SIZE',
      /^@zactor\/ringbuffer\/MpmcQueue\.bytesFor: recordBytes/,
    );
  });

  it('refuses to attach to anything but a buffer of its own shape', () => {
    const where = /^@zactor\/ringbuffer\/MpmcQueue\.attach: /;
    const good = MpmcQueue.create({ capacity: 8, recordBytes: 8 }).buffer;
    expectRingError(
      () => MpmcQueue.attach(MpscRing.create({ capacityBytes: 128 }).buffer),
      'INVALID_BUFFER',
      where,
    );
    expectRingError(() => MpmcQueue.attach(new SharedArrayBuffer(10)), 'INVALID_BUFFER', where);
    const larger = new SharedArrayBuffer(good.byteLength + 16);
    new Uint8Array(larger).set(new Uint8Array(good));
    expectRingError(() => MpmcQueue.attach(larger), 'INVALID_BUFFER', where);
    expect(MpmcQueue.attach(good).capacity).toBe(8);
  });
});
