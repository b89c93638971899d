/*
 * Fuzzing of SpscRing under corruption. Its records have no headers (fixed size, slot from the
 * sequence), so what a consumer trusts is the producer's sequence, and what a producer trusts
 * is the consumer's. Normal suite: RUNS (200) per property; FUZZ=1: 20,000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpscRing } from '../src/index.js';
import {
  CONFIG_WORDS,
  CONSUMER_WORD,
  consumerAfterCorruption,
  corrupt,
  DATA,
  editsArb,
  expectCorruption,
  fuzzParameters,
  PRODUCER_WORD,
  startArb,
  touched,
  words,
} from './support/corruption.js';

const WHERE =
  /^@zactor\/ringbuffer\/SpscRing\.(drain|tryAcquire|tryClaim|tryClaimUpTo|offerInt32): /;

const trafficArb = fc.record({
  capacity: fc.constantFrom(1, 2, 4, 8, 16),
  recordBytes: fc.constantFrom(4, 8, 12),
  start: startArb(1),
  ops: fc.array(
    fc.oneof(
      fc.record({ produce: fc.integer({ min: 1, max: 9 }), upTo: fc.boolean() }),
      fc.record({ offer: fc.constant(true) }),
      fc.record({ consume: fc.integer({ min: 1, max: 9 }) }),
      fc.record({ acquire: fc.integer({ min: 1, max: 9 }) }),
    ),
    { maxLength: 40 },
  ),
  /** Leave a claimed, written, unpublished record at the end. */
  inFlight: fc.boolean(),
});
type Traffic = typeof trafficArb extends fc.Arbitrary<infer T> ? T : never;

interface Delivered {
  readonly sequence: number;
  readonly offset: number;
  readonly bytes: number[];
}

/** Runs the traffic; returns both sides and the sequences published but not consumed. */
function build(t: Traffic) {
  const producer = SpscRing.create({
    capacity: t.capacity,
    recordBytes: t.recordBytes,
    startPosition: t.start,
  });
  const consumer = SpscRing.attach(producer.buffer);
  let serial = 0;
  const write = (sequence: number) => {
    const at = producer.offsetOf(sequence);
    for (let i = 0; i < t.recordBytes; i++)
      producer.bytes[at + i] = (serial * 29 + i * 7 + 3) & 0xff;
    serial++;
  };
  for (const op of t.ops) {
    if ('produce' in op) {
      const n = op.upTo
        ? producer.tryClaimUpTo(op.produce)
        : producer.tryClaim(Math.min(op.produce, t.capacity));
      for (let k = 0; k < n; k++) write((producer.claimedSequence + k) | 0);
      producer.publish();
    } else if ('offer' in op) {
      producer.offerInt32(serial++);
    } else if ('consume' in op) {
      consumer.drain(() => {}, op.consume);
    } else {
      consumer.tryAcquire(op.acquire);
      consumer.release();
    }
  }
  if (t.inFlight && producer.tryClaim(1) === 1) write(producer.claimedSequence);
  expect([producer.corruption(), consumer.corruption()]).toEqual([undefined, undefined]);
  const published = Atomics.load(producer.int32, PRODUCER_WORD);
  const consumed = Atomics.load(producer.int32, CONSUMER_WORD);
  return { producer, consumer, published, consumed, pending: (published - consumed) | 0 };
}

function drainAll(ring: SpscRing): Delivered[] {
  const out: Delivered[] = [];
  const handler = (view: DataView, offset: number, sequence: number) => {
    const bytes: number[] = [];
    for (let i = 0; i < ring.recordBytes; i++) bytes.push(view.getUint8(offset + i));
    out.push({ sequence, offset, bytes });
  };
  for (let calls = 0; ; calls++) {
    expect(calls).toBeLessThanOrEqual(ring.capacity + 1);
    if (ring.drain(handler) === 0) return out;
  }
}

describe('SpscRing positions under corruption', () => {
  it('terminates, stays inside its ring and delivers published records or reports corruption', () => {
    fc.assert(
      fc.property(trafficArb, editsArb, fc.boolean(), (t, edits, fresh) => {
        const { producer, consumer: built, consumed, pending } = build(t);
        const i32 = producer.int32;
        const { after, changed } = corrupt(
          i32,
          [
            [PRODUCER_WORD, CONSUMER_WORD],
            words(DATA >> 2, producer.buffer.byteLength >> 2),
            words(0, DATA >> 2),
          ],
          edits,
        );
        const word = (i: number) => touched(changed, i * 4, 4);
        const consumer = consumerAfterCorruption(
          built,
          fresh,
          () => SpscRing.attach(producer.buffer),
          CONFIG_WORDS.some(word),
        );
        if (consumer === undefined) return;
        const start = fresh ? Atomics.load(i32, CONSUMER_WORD) : consumed;
        const distance = (Atomics.load(i32, PRODUCER_WORD) - start) | 0;
        const got = drainAll(consumer);

        // Safety: consecutive sequences from the consumer's own, each at its slot.
        expect(got.length).toBeLessThanOrEqual(t.capacity);
        for (const [j, d] of got.entries()) {
          expect(d.sequence).toBe((start + j) | 0);
          expect(d.offset).toBe(DATA + (d.sequence & (t.capacity - 1)) * t.recordBytes);
        }
        const slot = (j: number) => [
          ...after.subarray(got[j]!.offset, got[j]!.offset + t.recordBytes),
        ];
        for (let j = 0; j < got.length; j++) expect(got[j]!.bytes).toEqual(slot(j));

        const report = consumer.corruption();
        if (!word(PRODUCER_WORD) && !(fresh && word(CONSUMER_WORD))) {
          // Record contents are not checksummed: data damage is delivered as it now reads.
          expect(report).toBeUndefined();
          expect(got.length).toBe(pending);
        } else if (report === undefined) {
          // A damaged sequence that is still possible is used as is.
          expect(distance >>> 0).toBeLessThanOrEqual(t.capacity);
          expect(got.length).toBe(distance);
        } else {
          const error = expectCorruption(consumer, WHERE, ['POSITION']);
          expect([error.offset, error.value]).toEqual([PRODUCER_WORD * 4, i32[PRODUCER_WORD]]);
          // Only records the consumer had already seen published were delivered.
          expect(got.length).toBeLessThanOrEqual(fresh ? 0 : pending);
          expect(consumer.drain(() => expect.unreachable('drained after corruption'))).toBe(0);
          expect(consumer.hasItems()).toBe(false);
        }

        // A producer attached now trusts the consumer's sequence only if it is possible.
        if (CONFIG_WORDS.some(word)) return; // (attach refuses the buffer, as checked above)
        const late = SpscRing.attach(producer.buffer);
        const behind = (Atomics.load(i32, PRODUCER_WORD) - Atomics.load(i32, CONSUMER_WORD)) | 0;
        const claimed = late.tryClaimUpTo(t.capacity);
        if (behind >>> 0 <= t.capacity) {
          const toEnd = t.capacity - (i32[PRODUCER_WORD]! & (t.capacity - 1));
          expect(claimed).toBe(Math.min(t.capacity - behind, toEnd));
          expect(late.corruption()).toBeUndefined();
        } else {
          expect(claimed).toBe(0);
          const error = expectCorruption(late, WHERE, ['POSITION']);
          expect([error.offset, error.value]).toEqual([CONSUMER_WORD * 4, i32[CONSUMER_WORD]]);
        }
      }),
      fuzzParameters('spsc-position-fuzz'),
    );
  });

  it('detects a producer sequence behind the consumer or more than capacity ahead', () => {
    fc.assert(
      fc.property(
        trafficArb,
        fc.oneof(fc.integer({ min: -(2 ** 31), max: -1 }), fc.integer({ min: 1, max: 2 ** 30 })),
        (t, offBy) => {
          const { producer, consumed } = build(t);
          // Below the consumer (offBy < 0) or beyond a full ring (offBy > 0).
          const value = (offBy < 0 ? consumed + offBy : consumed + t.capacity + offBy) | 0;
          producer.int32[PRODUCER_WORD] = value;
          const consumer = SpscRing.attach(producer.buffer);
          expect(consumer.hasItems()).toBe(false);
          expect(consumer.tryAcquire(t.capacity)).toBe(0);
          expect(drainAll(consumer)).toEqual([]);
          const error = expectCorruption(consumer, WHERE, ['POSITION']);
          expect([error.offset, error.value]).toEqual([PRODUCER_WORD * 4, value]);
        },
      ),
      fuzzParameters('spsc-bad-producer'),
    );
  });

  it('detects a consumer sequence ahead of the producer or more than capacity behind', () => {
    fc.assert(
      fc.property(
        trafficArb,
        fc.oneof(fc.integer({ min: -(2 ** 31), max: -1 }), fc.integer({ min: 1, max: 2 ** 30 })),
        fc.constantFrom('tryClaim', 'tryClaimUpTo', 'offerInt32'),
        (t, offBy, method) => {
          const { producer, published } = build(t);
          const value = (offBy < 0 ? published - t.capacity + offBy : published + offBy) | 0;
          producer.int32[CONSUMER_WORD] = value;
          const late = SpscRing.attach(producer.buffer);
          const result =
            method === 'tryClaim'
              ? late.tryClaim(1)
              : method === 'tryClaimUpTo'
                ? late.tryClaimUpTo(1)
                : late.offerInt32(1);
          expect(result === 0 || result === false).toBe(true);
          const error = expectCorruption(late, new RegExp(`SpscRing\\.${method}: `), ['POSITION']);
          expect([error.offset, error.value]).toEqual([CONSUMER_WORD * 4, value]);
          expect(Atomics.load(producer.int32, PRODUCER_WORD)).toBe(published);
        },
      ),
      fuzzParameters('spsc-bad-consumer'),
    );
  });

  it('delivers what it already saw published, then stops, when the producer sequence moves back', () => {
    const producer = SpscRing.create({ capacity: 8, recordBytes: 4, startPosition: 2 ** 31 - 2 });
    const consumer = SpscRing.attach(producer.buffer);
    for (let i = 0; i < 5; i++) producer.offerInt32(i);
    const seen: number[] = [];
    const take = (view: DataView, offset: number) => seen.push(view.getInt32(offset, true));
    expect(consumer.drain(take, 1)).toBe(1);
    // 4 records are known published; a sequence 2 back is impossible, not "2 fewer records".
    producer.int32[PRODUCER_WORD] = (producer.int32[PRODUCER_WORD]! - 2) | 0;
    expect(consumer.drain(take)).toBe(4);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expectCorruption(consumer, /SpscRing\.drain: /, ['POSITION']);
    expect(consumer.hasItems()).toBe(false);
    expect(consumer.drain(take)).toBe(0);
  });
});
