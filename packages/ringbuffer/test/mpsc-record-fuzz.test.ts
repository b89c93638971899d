/*
 * Fuzzing of MpscRing record parsing: valid traffic, then seeded corruption of the shared
 * buffer, then a drain. Normal suite: RUNS (200) per property; FUZZ=1: 20,000.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MpscRing } from '../src/index.js';
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

const TAIL = PRODUCER_WORD;
const HEAD = CONSUMER_WORD;
const WHERE = /^@zactor\/ringbuffer\/MpscRing\.(drain|attach|check): /;

/** A record, padding or aborted claim ('skip'), or the claim left uncommitted ('claim'). */
interface Entry {
  readonly kind: 'record' | 'skip' | 'claim';
  /** Byte offset of the header in the buffer. */
  readonly header: number;
  /** Bytes it takes in the ring (header + payload, aligned to 8). */
  readonly size: number;
  readonly typeId: number;
  readonly length: number;
}

interface Delivered {
  readonly typeId: number;
  readonly offset: number;
  readonly length: number;
  readonly payload: number[];
}

const sendArb = fc.record({
  typeId: fc.nat(1000),
  length: fc.nat(),
  abort: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
});

const trafficArb = fc.record({
  capacity: fc.constantFrom(64, 128, 256, 1024),
  start: startArb(8),
  ops: fc.array(
    fc.oneof(
      { weight: 4, arbitrary: sendArb },
      { weight: 1, arbitrary: fc.record({ drain: fc.integer({ min: 1, max: 4 }) }) },
    ),
    { maxLength: 40 },
  ),
  /** Records sent after the ring was emptied, so there is always something to parse. */
  tail: fc.array(sendArb, { minLength: 1, maxLength: 12 }),
  /** Leave one claim uncommitted at the end. */
  inFlight: fc.boolean(),
});
type Traffic = typeof trafficArb extends fc.Arbitrary<infer T> ? T : never;

interface Built {
  readonly ring: MpscRing;
  /** Entries between the head and the tail, in order. */
  readonly pending: Entry[];
  readonly head: number;
  readonly tail: number;
}

function collect(out: Delivered[]) {
  return (typeId: number, view: DataView, offset: number, length: number): void => {
    const payload: number[] = [];
    // Reads inside the buffer only: a view read past its end would throw a RangeError here.
    for (let i = 0; i < length; i++) payload.push(view.getUint8(offset + i));
    out.push({ typeId, offset, length, payload });
  };
}

/** Runs the traffic on a fresh ring, checking every drain against the entries model. */
function build(t: Traffic): Built {
  const ring = MpscRing.create({ capacityBytes: t.capacity, startPosition: t.start });
  const mask = t.capacity - 1;
  const pending: Entry[] = [];
  let tail = t.start;
  let serial = 0;
  const send = (s: { typeId: number; length: number; abort: boolean }, commit: boolean) => {
    const length = s.length % (ring.maxRecordBytes + 1);
    const offset = ring.tryClaim(s.typeId, length);
    if (offset === -1) return false;
    const header = offset - 8;
    const index = tail & mask;
    if (header !== DATA + index) {
      pending.push({
        kind: 'skip',
        header: DATA + index,
        size: t.capacity - index,
        typeId: -1,
        length: 0,
      });
      tail = (tail + t.capacity - index) | 0;
    }
    for (let i = 0; i < length; i++) ring.bytes[offset + i] = (serial * 37 + i * 11 + 1) & 0xff;
    serial++;
    const size = (length + 8 + 7) & ~7;
    if (!commit) {
      pending.push({ kind: 'claim', header, size, typeId: s.typeId, length });
    } else if (s.abort) {
      ring.abort(offset);
      pending.push({ kind: 'skip', header, size, typeId: -1, length: 0 });
    } else {
      ring.commit(offset);
      pending.push({ kind: 'record', header, size, typeId: s.typeId, length });
    }
    tail = (tail + size) | 0;
    return true;
  };
  const drain = (max: number) => {
    const got: Delivered[] = [];
    ring.drain(collect(got), max);
    const expected: Entry[] = [];
    while (pending.length > 0 && expected.length < max && pending[0]!.kind !== 'claim') {
      const e = pending.shift()!;
      if (e.kind === 'record') expected.push(e);
    }
    expect(got.map(({ typeId, offset, length }) => ({ typeId, offset, length }))).toEqual(
      expected.map((e) => ({ typeId: e.typeId, offset: e.header + 8, length: e.length })),
    );
  };
  for (const op of t.ops) {
    if ('drain' in op) drain(op.drain);
    else send(op, true);
  }
  drain(Number.POSITIVE_INFINITY);
  for (const s of t.tail) if (!send(s, true)) break;
  if (t.inFlight) send({ typeId: 5, length: 3, abort: false }, false);
  expect(ring.corruption()).toBeUndefined();
  expect(Atomics.load(ring.int32, TAIL)).toBe(tail);
  return { ring, pending, head: Atomics.load(ring.int32, HEAD), tail };
}

/** Drains until a drain delivers nothing; the loop bound turns a livelock into a failure. */
function drainAll(ring: MpscRing, max: number): Delivered[] {
  const out: Delivered[] = [];
  const handler = collect(out);
  for (let calls = 0; ; calls++) {
    expect(calls).toBeLessThanOrEqual(ring.capacityBytes / 8 + 1);
    if (ring.drain(handler, max) === 0) return out;
  }
}

const records = (entries: readonly Entry[]) => {
  const out: Entry[] = [];
  for (const e of entries) {
    if (e.kind === 'claim') break;
    if (e.kind === 'record') out.push(e);
  }
  return out;
};

/** Expects `got[j]` to be record `want[j]` with the bytes the buffer held after corruption. */
function expectSame(got: Delivered, want: Entry, after: Uint8Array): void {
  expect({ typeId: got.typeId, offset: got.offset, length: got.length }).toEqual({
    typeId: want.typeId,
    offset: want.header + 8,
    length: want.length,
  });
  expect(got.payload).toEqual([...after.subarray(want.header + 8, want.header + 8 + want.length)]);
}

/** Whether data byte `at` lies in the circular range of positions [from, to). */
function inRange(at: number, from: number, to: number, capacity: number): boolean {
  const index = at - DATA;
  return ((index - (from & (capacity - 1))) & (capacity - 1)) < ((to - from) | 0);
}

/** Data bytes outside positions [from, to) that differ from `after` (expected: none). */
function changedOutside(ring: MpscRing, after: Uint8Array, from: number, to: number): number[] {
  const out: number[] = [];
  for (let at = DATA; at < ring.buffer.byteLength; at++) {
    if (ring.bytes[at] !== after[at] && !inRange(at, from, to, ring.capacityBytes)) out.push(at);
  }
  return out;
}

describe('MpscRing record parsing under corruption', () => {
  it('terminates, stays inside its ring and delivers written records or reports corruption', () => {
    fc.assert(
      fc.property(
        trafficArb,
        editsArb,
        fc.boolean(),
        fc.constantFrom(1, 2, Number.POSITIVE_INFINITY),
        (t, edits, fresh, max) => {
          const { ring, pending, head, tail } = build(t);
          const headers = pending.flatMap((e) => [e.header >> 2, (e.header >> 2) + 1]);
          const payload = pending.flatMap((e) =>
            words((e.header + 8) >> 2, (e.header + e.size) >> 2),
          );
          const { after, changed } = corrupt(
            ring.int32,
            [
              headers,
              payload,
              [TAIL, HEAD, (HEAD + 1) | 0, ...CONFIG_WORDS],
              words(DATA >> 2, ring.buffer.byteLength >> 2),
              words(0, DATA >> 2),
            ],
            edits,
          );
          const word = (i: number) => touched(changed, i * 4, 4);

          const consumer = consumerAfterCorruption(
            ring,
            fresh,
            () => MpscRing.attach(ring.buffer),
            CONFIG_WORDS.some(word),
          );
          if (consumer === undefined) return;
          const got = drainAll(consumer, max);

          // Safety: every delivered record lies inside the data area, aligned, within the limits.
          expect(got.length).toBeLessThanOrEqual(t.capacity / 8);
          for (const d of got) {
            expect(d.typeId).toBeGreaterThanOrEqual(0);
            expect((d.offset - DATA) % 8).toBe(0);
            expect(d.offset).toBeGreaterThanOrEqual(DATA + 8);
            expect(d.length).toBeLessThanOrEqual(consumer.maxRecordBytes);
            expect(d.offset + d.length).toBeLessThanOrEqual(ring.buffer.byteLength);
          }

          // Which changes can matter to this consumer: headers, free space, the tail, and for a
          // fresh consumer the head it starts from. Payload, alignment slack, padding bodies and
          // the other control words cannot.
          const harmless = new Uint8Array(ring.buffer.byteLength);
          harmless.fill(1, 0, DATA);
          harmless.fill(0, TAIL * 4, TAIL * 4 + 4);
          if (fresh) harmless.fill(0, HEAD * 4, HEAD * 4 + 4);
          for (const e of pending) harmless.fill(1, e.header + 8, e.header + e.size);
          const structural = [...changed].some((at) => harmless[at] === 0);
          const want = records(pending);

          if (!structural) {
            // Payload-only damage is not detectable (no checksums): delivered as it now reads.
            expect(consumer.corruption()).toBeUndefined();
            expect(got.length).toBe(want.length);
            for (const [j, d] of got.entries()) expectSame(d, want[j]!, after);
            return;
          }
          // Until the first damaged header (and from an intact head), records are exactly the
          // ones written; a damaged tail may only stop the drain early.
          let prefix = 0;
          if (!(fresh && word(HEAD))) {
            for (const e of pending) {
              if (e.kind === 'claim' || touched(changed, e.header, 8)) break;
              if (e.kind === 'record') prefix++;
            }
          }
          for (let j = 0; j < Math.min(prefix, got.length); j++)
            expectSame(got[j]!, want[j]!, after);
          // drain does not read the tail; check() compares it with the head. So a possible but
          // too long length may carry the consumer past the published records, but then
          // check() reports it; otherwise nothing past them was delivered, zeroed or released.
          try {
            consumer.check();
          } catch (error) {
            expect(error).toBe(consumer.corruption());
          }
          if (!word(TAIL) && !word(HEAD)) {
            const headAfter = Atomics.load(ring.int32, HEAD);
            expect((headAfter - head) | 0).toBeGreaterThanOrEqual(0);
            if (((tail - headAfter) | 0) < 0) {
              expect(consumer.corruption()).toBeDefined();
            } else {
              for (const d of got) {
                expect(inRange(d.offset - 8, head, tail, t.capacity)).toBe(true);
                const last = d.offset - 8 + ((d.length + 15) & ~7) - 1;
                expect(inRange(last, head, tail, t.capacity)).toBe(true);
              }
              expect(changedOutside(ring, after, head, tail)).toEqual([]);
            }
          }
          if (consumer.corruption() !== undefined) {
            expectCorruption(consumer, WHERE, ['POSITION', 'RECORD_LENGTH', 'TYPE_ID']);
            expect(consumer.drain(() => expect.unreachable('drained after corruption'))).toBe(0);
            expect(consumer.hasItems()).toBe(false);
          }
        },
      ),
      fuzzParameters('mpsc-record-fuzz'),
    );
  });

  it('delivers payload-only corruption as it reads, without a report (no checksums)', () => {
    fc.assert(
      fc.property(trafficArb, editsArb, fc.boolean(), (t, edits, fresh) => {
        const { ring, pending } = build(t);
        const want = records(pending);
        const payload = want.flatMap((e) => words((e.header + 8) >> 2, (e.header + e.size) >> 2));
        fc.pre(payload.length > 0);
        const { after } = corrupt(ring.int32, [payload], edits);
        const consumer = fresh ? MpscRing.attach(ring.buffer) : ring;
        const got = drainAll(consumer, Number.POSITIVE_INFINITY);
        expect(consumer.corruption()).toBeUndefined();
        expect(got.length).toBe(want.length);
        for (const [j, d] of got.entries()) expectSame(d, want[j]!, after);
      }),
      fuzzParameters('mpsc-payload-fuzz'),
    );
  });

  const impossibleArb = fc.oneof(
    fc.record({ kind: fc.constant('short' as const), n: fc.integer({ min: 1, max: 7 }) }),
    fc.record({ kind: fc.constant('long' as const), n: fc.integer({ min: 1, max: 2 ** 31 - 1 }) }),
    fc.record({ kind: fc.constant('past-end' as const), n: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ kind: fc.constant('claim-short' as const), n: fc.integer({ min: 1, max: 7 }) }),
    fc.record({
      kind: fc.constant('claim-long' as const),
      n: fc.integer({ min: 1, max: 2 ** 31 }),
    }),
    fc.record({ kind: fc.constant('claim-past-end' as const), n: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ kind: fc.constant('type-id' as const), n: fc.integer({ min: 2, max: 2 ** 31 }) }),
  );

  it('detects every header no producer writes, after delivering the records before it', () => {
    fc.assert(
      fc.property(trafficArb, fc.nat(), impossibleArb, fc.boolean(), (t, pick, bad, fresh) => {
        const { ring, pending, head } = build(t);
        const want = records(pending);
        fc.pre(want.length > 0);
        // Past-the-end lengths are only possible below the length limit near the end of the
        // buffer, so those pick the record closest to it.
        const nearEnd = want.reduce((a, b) => (b.header > a.header ? b : a));
        const victim = bad.kind.endsWith('past-end') ? nearEnd : want[pick % want.length]!;
        const before = want.indexOf(victim);
        const limit = ring.maxRecordBytes + 8;
        const toEnd = ring.buffer.byteLength - victim.header;
        // Where the victim's header sits, in bytes from the head.
        const fromHead =
          (victim.header - DATA - (head & (t.capacity - 1)) + t.capacity) % t.capacity;
        let word = victim.header >> 2;
        let value: number;
        switch (bad.kind) {
          case 'short':
            value = bad.n;
            break;
          case 'long':
            value = limit + 1 + (bad.n % (2 ** 31 - 1 - limit));
            break;
          case 'past-end':
            value = toEnd + bad.n;
            break;
          case 'claim-short':
            value = -bad.n;
            break;
          case 'claim-long':
            value = -(limit + 1 + (bad.n % (2 ** 31 - limit))) | 0;
            break;
          case 'claim-past-end':
            value = -(toEnd + bad.n);
            break;
          case 'type-id':
            word += 1;
            value = -bad.n | 0;
            break;
        }
        ring.int32[word] = value;
        const after = ring.bytes.slice();
        const consumer = fresh ? MpscRing.attach(ring.buffer) : ring;
        const got = drainAll(consumer, Number.POSITIVE_INFINITY);
        expect(got.length).toBe(before);
        for (const [j, d] of got.entries()) expectSame(d, want[j]!, after);
        const error = expectCorruption(consumer, WHERE, ['RECORD_LENGTH', 'TYPE_ID']);
        expect(error.fault).toBe(bad.kind === 'type-id' ? 'TYPE_ID' : 'RECORD_LENGTH');
        expect(error.offset).toBe(word * 4);
        expect(error.value).toBe(value);
        // Only the records before the victim were consumed (zeroed); the rest is as it was.
        const victimPosition = (head + fromHead) | 0;
        expect(changedOutside(ring, after, head, victimPosition)).toEqual([]);
        expect(Atomics.load(ring.int32, HEAD)).toBe(victimPosition);
        expect(consumer.drain(() => expect.unreachable('drained after corruption'))).toBe(0);
        expect(consumer.hasItems()).toBe(false);
      }),
      fuzzParameters('mpsc-impossible-header'),
    );
  });

  it('reports from check() a tail behind the head, misaligned or more than the capacity ahead', () => {
    const badTailArb = fc.oneof(
      fc.integer({ min: 1, max: 2 ** 27 }).map((k) => ({ behind: k * 8 })),
      fc.integer({ min: 1, max: 7 }).map((k) => ({ misaligned: k })),
      fc.integer({ min: 1, max: 2 ** 20 }).map((k) => ({ ahead: k * 8 })),
    );
    fc.assert(
      fc.property(trafficArb, badTailArb, fc.boolean(), (t, bad, fresh) => {
        const { ring, pending, tail } = build(t);
        // drain does not read the tail: the records are delivered, then check() looks.
        const consumer = fresh ? MpscRing.attach(ring.buffer) : ring;
        expect(drainAll(consumer, Number.POSITIVE_INFINITY).length).toBe(records(pending).length);
        const head = Atomics.load(ring.int32, HEAD);
        const value =
          'behind' in bad
            ? (head - bad.behind) | 0
            : 'misaligned' in bad
              ? (tail + bad.misaligned) | 0
              : (head + t.capacity + bad.ahead) | 0;
        ring.int32[TAIL] = value;
        expect(() => consumer.check()).toThrow(/MpscRing\.check: /);
        const error = expectCorruption(consumer, WHERE, ['POSITION']);
        expect([error.offset, error.value]).toEqual([TAIL * 4, value]);
      }),
      fuzzParameters('mpsc-bad-tail'),
    );
  });

  it('delivers a possible length that runs past the published records, and check() reports the overrun', () => {
    const ring = MpscRing.create({ capacityBytes: 256, startPosition: 2 ** 31 - 128 });
    const offset = ring.tryClaim(1, 4);
    ring.view.setInt32(offset, 99, true);
    ring.commit(offset);
    // 12 -> 40: within maxRecordBytes + 8 and before the end, but 24 bytes past the tail.
    ring.int32[(offset - 8) >> 2] = 40;
    const got = drainAll(ring, Number.POSITIVE_INFINITY);
    expect(got.map((d) => [d.typeId, d.length, d.payload[0]])).toEqual([[1, 32, 99]]);
    expect(ring.corruption()).toBeUndefined();
    expect(() => ring.check()).toThrow(/MpscRing\.check: .*tail/);
    expect(expectCorruption(ring, WHERE, ['POSITION']).offset).toBe(TAIL * 4);
  });

  it('refuses to parse from a misaligned head, reporting it from attach', () => {
    const ring = MpscRing.create({ capacityBytes: 256 });
    const offset = ring.tryClaim(1, 4);
    ring.commit(offset);
    ring.int32[HEAD] = 4;
    const consumer = MpscRing.attach(ring.buffer);
    const error = expectCorruption(consumer, /^@zactor\/ringbuffer\/MpscRing\.attach: /, [
      'POSITION',
    ]);
    expect([error.offset, error.value]).toEqual([HEAD * 4, 4]);
    expect(consumer.hasItems()).toBe(false);
    expect(consumer.drain(() => expect.unreachable('drained from a misaligned head'))).toBe(0);
  });

  it('delivers a record whose corrupt length is still possible, as documented (no checksums)', () => {
    const ring = MpscRing.create({ capacityBytes: 256 });
    for (const typeId of [1, 2]) ring.commit(ring.tryClaim(typeId, 8));
    // 16 -> 12: a shorter record that a producer could have written.
    ring.int32[DATA >> 2] = 12;
    const got = drainAll(ring, Number.POSITIVE_INFINITY);
    expect(got.map((d) => [d.typeId, d.length])).toEqual([
      [1, 4],
      [2, 8],
    ]);
    expect(ring.corruption()).toBeUndefined();
  });

  it('keeps delivering records written after a corruption it never reached', () => {
    const ring = MpscRing.create({ capacityBytes: 256 });
    ring.commit(ring.tryClaim(1, 4));
    ring.int32[HEAD + 2] = -5; // a consumer-line word the ring never reads
    expect(drainAll(ring, Number.POSITIVE_INFINITY).map((d) => d.typeId)).toEqual([1]);
    ring.commit(ring.tryClaim(2, 4));
    expect(drainAll(ring, Number.POSITIVE_INFINITY).map((d) => d.typeId)).toEqual([2]);
    expect(ring.corruption()).toBeUndefined();
  });
});
