import { testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MpscRing, RingBufferError, SpscRing } from '../src/index.js';

const DATA = 512;

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

/** Claims, fills the payload with `fill`, commits; returns the payload offset. */
function send(ring: MpscRing, typeId: number, length: number, fill = typeId): number {
  const offset = ring.tryClaim(typeId, length);
  if (offset !== -1) {
    ring.bytes.fill(fill, offset, offset + length);
    ring.commit(offset);
  }
  return offset;
}

type Received = { typeId: number; length: number; first: number | undefined };

function receive(ring: MpscRing, max?: number): Received[] {
  const out: Received[] = [];
  ring.drain((typeId, view, offset, length) => {
    out.push({ typeId, length, first: length > 0 ? view.getUint8(offset) : undefined });
  }, max);
  return out;
}

describe('MpscRing', () => {
  it('delivers typed variable-length records in claim order, writing in place', () => {
    const producer = MpscRing.create({ capacityBytes: 1024 });
    const consumer = MpscRing.attach(producer.buffer);
    expect(producer.maxRecordBytes).toBe(128);
    const offset = producer.tryClaim(7, 12);
    expect(offset % 8).toBe(0);
    producer.view.setInt32(offset, 42, true);
    producer.view.setFloat64(offset + 4, 2.5, true);
    producer.commit(offset);
    send(producer, 3, 0);
    send(producer, 5, 128);
    const seen: unknown[] = [];
    const n = consumer.drain((typeId, view, at, length) => {
      seen.push(typeId === 7 ? [typeId, length, view.getInt32(at, true)] : [typeId, length]);
    });
    expect(n).toBe(3);
    expect(seen).toEqual([
      [7, 12, 42],
      [3, 0],
      [5, 128],
    ]);
    expect(consumer.usedBytes).toBe(0);
  });

  it('holds back later records until an earlier claim is committed', () => {
    const ring = MpscRing.create({ capacityBytes: 256 });
    const slow = ring.tryClaim(1, 4);
    send(ring, 2, 4);
    expect(ring.hasItems()).toBe(false);
    expect(receive(ring)).toEqual([]);
    ring.bytes.fill(1, slow, slow + 4);
    ring.commit(slow);
    expect(ring.hasItems()).toBe(true);
    expect(receive(ring).map((r) => r.typeId)).toEqual([1, 2]);
  });

  it('commitQuietly publishes without waking a parked consumer; wakeConsumer wakes it', () => {
    const ring = MpscRing.create({ capacityBytes: 256 });
    const seen: number[] = [];
    // The consumer announced a sleep (as before Atomics.wait): a commit bumps its token.
    let token = ring.wakeSignal.prepare();
    const quiet = ring.tryClaim(1, 8);
    ring.commitQuietly(quiet);
    expect(ring.wakeSignal.park(token, 0)).toBe(false); // no wake: the wait timed out
    expect(ring.drain((typeId) => seen.push(typeId))).toBe(1);
    token = ring.wakeSignal.prepare();
    ring.commitQuietly(ring.tryClaim(2, 8));
    ring.wakeConsumer();
    expect(ring.wakeSignal.park(token, 0)).toBe(true); // woken
    token = ring.wakeSignal.prepare();
    ring.commit(ring.tryClaim(3, 8));
    expect(ring.wakeSignal.park(token, 0)).toBe(true);
    expect(ring.drain((typeId) => seen.push(typeId))).toBe(2);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('skips an aborted claim so it never blocks the consumer', () => {
    const ring = MpscRing.create({ capacityBytes: 256 });
    const doomed = ring.tryClaim(1, 16);
    send(ring, 2, 4);
    ring.abort(doomed);
    expect(receive(ring).map((r) => r.typeId)).toEqual([2]);
    expect(ring.usedBytes).toBe(0);
  });

  it('pads the end of the buffer when a record would straddle the wrap', () => {
    const ring = MpscRing.create({ capacityBytes: 64 });
    // 3 records of 16 bytes fill 48 bytes; consume them, then an 8-byte-payload record (16
    // bytes) fits the last 16; the next one must pad nothing and wrap to 0.
    for (let i = 0; i < 3; i++) send(ring, i, 8);
    expect(receive(ring)).toHaveLength(3);
    expect(send(ring, 10, 4)).toBe(DATA + 48 + 8); // 16 bytes, ends exactly at 64
    expect(send(ring, 11, 8)).toBe(DATA + 8); // wraps to 0 without padding
    expect(receive(ring).map((r) => r.typeId)).toEqual([10, 11]);
    // Now at 16: fill to 56, so 8 bytes remain at the end; a 16-byte record pads them.
    for (let i = 0; i < 2; i++) send(ring, 20 + i, 8);
    expect(send(ring, 22, 0)).toBe(DATA + 48 + 8);
    expect(receive(ring)).toHaveLength(3);
    expect(ring.usedBytes).toBe(0);
    expect(send(ring, 30, 8)).toBe(DATA + 8); // 8 bytes of padding at 56, record at 0
    expect(ring.usedBytes).toBe(8 + 16);
    expect(receive(ring)).toEqual([{ typeId: 30, length: 8, first: 30 }]);
    expect(ring.bytes.subarray(DATA).every((b) => b === 0)).toBe(true);
  });

  it('returns -1 when full and accepts again after a drain', () => {
    const ring = MpscRing.create({ capacityBytes: 64 });
    for (let i = 0; i < 4; i++) expect(send(ring, i, 8)).not.toBe(-1);
    expect(ring.tryClaim(9, 0)).toBe(-1);
    expect(receive(ring, 1)).toHaveLength(1);
    expect(send(ring, 9, 8)).not.toBe(-1);
    expect(receive(ring).map((r) => r.typeId)).toEqual([1, 2, 3, 9]);
  });

  it('wraps its Int32 byte positions past 2^31', () => {
    const ring = MpscRing.create({ capacityBytes: 128, startPosition: 2 ** 31 - 40 });
    const seen: number[] = [];
    for (let i = 0; i < 50; i++) {
      expect(send(ring, i, i % 17)).not.toBe(-1);
      for (const r of receive(ring)) seen.push(r.typeId);
    }
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Atomics.load(ring.int32, 32)).toBeLessThan(0); // the tail did wrap
  });

  it('releases the records up to a throwing handler and keeps the rest', () => {
    const ring = MpscRing.create({ capacityBytes: 256 });
    for (let i = 0; i < 4; i++) send(ring, i, 4);
    expect(() =>
      ring.drain((typeId) => {
        if (typeId === 1) throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(receive(ring).map((r) => r.typeId)).toEqual([2, 3]);
  });

  it('agrees with a reference model of claims, commits, aborts, padding and drains', () => {
    const seed = testSeed('mpsc-ring-model');
    const op = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          claim: fc.integer({ min: 0, max: 32 }),
          typeId: fc.integer({ min: 0, max: 250 }),
        }),
      },
      { weight: 3, arbitrary: fc.record({ finish: fc.nat(), abort: fc.boolean() }) },
      { weight: 2, arbitrary: fc.record({ drain: fc.option(fc.nat(6), { nil: undefined }) }) },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(64, 128, 256),
        fc.integer({ min: -(2 ** 28), max: 2 ** 28 - 1 }).map((x) => x * 8),
        fc.array(op, { maxLength: 150 }),
        (capacity, start, ops) => {
          const ring = MpscRing.create({ capacityBytes: capacity, startPosition: start });
          type Entry = {
            bytes: number;
            done: boolean;
            deliver: boolean;
            typeId: number;
            length: number;
            offset: number;
          };
          const entries: Entry[] = [];
          const pending: Entry[] = [];
          let tail = 0;
          let head = 0;
          for (const o of ops) {
            if ('claim' in o) {
              const length = Math.min(o.claim, ring.maxRecordBytes);
              const required = (length + 8 + 7) & ~7;
              const index = ((start + tail) | 0) & (capacity - 1);
              const padding = required > capacity - index ? capacity - index : 0;
              const offset = ring.tryClaim(o.typeId, length);
              if (tail - head + padding + required > capacity) {
                expect(offset).toBe(-1);
                continue;
              }
              expect(offset).toBe(DATA + (padding ? 0 : index) + 8);
              ring.bytes.fill(o.typeId, offset, offset + length);
              if (padding) entries.push(pad(padding));
              const entry = {
                bytes: required,
                done: false,
                deliver: true,
                typeId: o.typeId,
                length,
                offset,
              };
              entries.push(entry);
              pending.push(entry);
              tail += padding + required;
            } else if ('finish' in o) {
              if (pending.length === 0) continue;
              const [entry] = pending.splice(o.finish % pending.length, 1);
              if (entry === undefined) continue;
              entry.done = true;
              if (o.abort) {
                entry.deliver = false;
                ring.abort(entry.offset);
              } else ring.commit(entry.offset);
            } else {
              const max = o.drain ?? Number.POSITIVE_INFINITY;
              const expected: Received[] = [];
              while (expected.length < max && entries[0]?.done) {
                const e = entries.shift()!;
                head += e.bytes;
                if (e.deliver) {
                  expected.push({
                    typeId: e.typeId,
                    length: e.length,
                    first: e.length > 0 ? e.typeId : undefined,
                  });
                }
              }
              expect(receive(ring, o.drain)).toEqual(expected);
            }
            expect(ring.usedBytes).toBe(tail - head);
            expect(ring.hasItems()).toBe(entries[0]?.done === true);
            expect(ring.corruption()).toBeUndefined();
            if (entries.length === 0) {
              expect(ring.bytes.subarray(DATA).every((b) => b === 0)).toBe(true);
            }
          }
          function pad(bytes: number): Entry {
            return { bytes, done: true, deliver: false, typeId: -1, length: 0, offset: -1 };
          }
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('reports the bytes it needs and allocates exactly that', () => {
    expect(MpscRing.bytesFor(4096)).toBe(512 + 4096);
    expect(MpscRing.create({ capacityBytes: 4096 }).buffer.byteLength).toBe(4608);
  });

  it.each([0, 32, 100, 2 ** 31, -64])('rejects capacityBytes %s with INVALID_CAPACITY', (c) => {
    expectRingError(
      () => MpscRing.create({ capacityBytes: c }),
      'INVALID_CAPACITY',
      /^@zactor\/ringbuffer\/MpscRing\.create: capacityBytes/,
    );
    expectRingError(() => MpscRing.bytesFor(c), 'INVALID_CAPACITY', /MpscRing\.bytesFor/);
  });

  it('rejects a record larger than the ring allows, and bad lengths and type ids', () => {
    const ring = MpscRing.create({ capacityBytes: 256 });
    expectRingError(
      () => ring.tryClaim(1, 33),
      'RECORD_TOO_LARGE',
      /^@zactor\/ringbuffer\/MpscRing\.tryClaim: length \(33\) exceeds maxRecordBytes \(32\)/,
    );
    expectRingError(() => ring.tryClaim(1, 10_000), 'RECORD_TOO_LARGE', /MpscRing\.tryClaim/);
    expectRingError(() => ring.tryClaim(1, -1), 'INVALID_ARGUMENT', /MpscRing\.tryClaim/);
    expectRingError(() => ring.tryClaim(1, 2.5), 'INVALID_ARGUMENT', /MpscRing\.tryClaim/);
    expectRingError(() => ring.tryClaim(-1, 4), 'INVALID_TYPE_ID', /MpscRing\.tryClaim/);
    expectRingError(() => ring.tryClaim(2 ** 31, 4), 'INVALID_TYPE_ID', /MpscRing\.tryClaim/);
    expect(ring.usedBytes).toBe(0);
  });

  it('rejects a start position that is not a multiple of 8', () => {
    expectRingError(
      () => MpscRing.create({ capacityBytes: 64, startPosition: -1 }),
      'INVALID_ARGUMENT',
      /^@zactor\/ringbuffer\/MpscRing\.create: startPosition \(-1\)/,
    );
  });

  it('rejects committing or aborting an offset that is not a pending claim', () => {
    const ring = MpscRing.create({ capacityBytes: 256 });
    const offset = send(ring, 1, 4);
    expectRingError(
      () => ring.commit(offset),
      'NOT_CLAIMED',
      /^@zactor\/ringbuffer\/MpscRing\.commit/,
    );
    expectRingError(() => ring.abort(offset), 'NOT_CLAIMED', /MpscRing\.abort/);
    expectRingError(() => ring.commit(123_456), 'NOT_CLAIMED', /MpscRing\.commit/);
  });

  it('refuses to attach to anything but a buffer of its own shape', () => {
    const where = /^@zactor\/ringbuffer\/MpscRing\.attach: /;
    const good = MpscRing.create({ capacityBytes: 128 }).buffer;
    expectRingError(() => MpscRing.attach(new SharedArrayBuffer(640)), 'INVALID_BUFFER', where);
    expectRingError(
      () => MpscRing.attach(SpscRing.create({ capacity: 16, recordBytes: 8 }).buffer),
      'INVALID_BUFFER',
      where,
    );
    const larger = new SharedArrayBuffer(good.byteLength + 128);
    new Uint8Array(larger).set(new Uint8Array(good));
    expectRingError(() => MpscRing.attach(larger), 'INVALID_BUFFER', where);
    const corrupt = new SharedArrayBuffer(good.byteLength);
    new Uint8Array(corrupt).set(new Uint8Array(good));
    new Int32Array(corrupt)[2] = 100;
    expectRingError(() => MpscRing.attach(corrupt), 'INVALID_BUFFER', where);
    expect(MpscRing.attach(good).capacityBytes).toBe(128);
  });
});
