import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MpscRing } from '../src/index.js';
import {
  CONSUMER_POSITION_INDEX,
  DATA_OFFSET,
  DRAIN_END_INDEX,
  DRAIN_PENDING_INDEX,
} from '../src/layout.js';

/** Writes `values` as one-int32 records; returns each record's byte size in the ring. */
function produce(ring: MpscRing, values: number[]): number[] {
  return values.map((v) => {
    const offset = ring.tryClaim(1, 4);
    expect(offset).toBeGreaterThanOrEqual(0);
    ring.view.setInt32(offset, v, true);
    ring.commit(offset);
    return 16; // 8-byte header + 4 bytes, padded to 8
  });
}

function drainAll(ring: MpscRing): number[] {
  const got: number[] = [];
  ring.drain((_type, view, offset) => got.push(view.getInt32(offset, true)));
  return got;
}

/**
 * Leaves the ring as a consumer that handled the first `consumed` records and died while
 * ending that drain: after the intent log and the zero-fill, before the head store (or, with
 * `headStored`, after it but before clearing the flag).
 */
function dieWhileEnding(ring: MpscRing, consumedBytes: number, headStored: boolean): void {
  const i32 = ring.int32;
  const head = Atomics.load(i32, CONSUMER_POSITION_INDEX);
  const end = (head + consumedBytes) | 0;
  Atomics.store(i32, DRAIN_END_INDEX, end);
  Atomics.store(i32, DRAIN_PENDING_INDEX, 1);
  const index = head & (ring.capacityBytes - 1);
  ring.bytes.fill(0, DATA_OFFSET + index, DATA_OFFSET + index + consumedBytes);
  if (headStored) Atomics.store(i32, CONSUMER_POSITION_INDEX, end);
}

describe('MpscRing consumer recovery', () => {
  it('lets a successor go on after a consumer died between the zero-fill and the head store', () => {
    const ring = MpscRing.create({ capacityBytes: 1024 });
    const sizes = produce(ring, [1, 2, 3, 4]);
    dieWhileEnding(ring, sizes[0]! + sizes[1]!, false);
    // Without recovery the successor reads the zeroed bytes as "not committed yet": stuck.
    const stuck = MpscRing.attach(ring.buffer);
    expect(drainAll(stuck)).toEqual([]);
    const successor = MpscRing.attach(ring.buffer);
    expect(successor.recoverConsumer()).toBe(true);
    expect(drainAll(successor)).toEqual([3, 4]);
    expect(successor.recoverConsumer()).toBe(false);
    // Producers see the freed room: the ring fills and drains again.
    produce(successor, [5, 6]);
    expect(drainAll(successor)).toEqual([5, 6]);
    expect(() => successor.check()).not.toThrow();
  });

  it('only clears the flag when the head was already stored', () => {
    const ring = MpscRing.create({ capacityBytes: 1024 });
    const sizes = produce(ring, [1, 2, 3]);
    dieWhileEnding(ring, sizes[0]!, true);
    const successor = MpscRing.attach(ring.buffer);
    expect(successor.recoverConsumer()).toBe(true);
    expect(drainAll(successor)).toEqual([2, 3]);
  });

  it('recovers at any point of the ring, across the wrap and near 2^31', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 28 }).map((k) => (2 ** 31 - 4096 + k * 8) | 0),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        (start, total, consumedRaw, headStored) => {
          const ring = MpscRing.create({ capacityBytes: 1024, startPosition: start });
          const values = Array.from({ length: total }, (_, i) => i + 1);
          // Records of one drain end before the wrap, as a real drain's do.
          const index = start & 1023;
          const fitBeforeWrap = Math.floor((1024 - index) / 16);
          const consumed = Math.min(consumedRaw, total, fitBeforeWrap);
          produce(ring, values);
          dieWhileEnding(ring, consumed * 16, headStored);
          const successor = MpscRing.attach(ring.buffer);
          expect(successor.recoverConsumer()).toBe(true);
          const rest: number[] = [];
          while (rest.length < total - consumed) {
            const got = drainAll(successor);
            if (got.length === 0) break;
            rest.push(...got);
          }
          expect(rest).toEqual(values.slice(consumed));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports a drain end no drain could have written, and changes nothing', () => {
    const ring = MpscRing.create({ capacityBytes: 1024 });
    produce(ring, [1, 2]);
    Atomics.store(ring.int32, DRAIN_END_INDEX, 12); // not a multiple of 8
    Atomics.store(ring.int32, DRAIN_PENDING_INDEX, 1);
    const successor = MpscRing.attach(ring.buffer);
    expect(successor.recoverConsumer()).toBe(false);
    expect(successor.corruption()).toMatchObject({ fault: 'POSITION' });
    expect(Atomics.load(ring.int32, CONSUMER_POSITION_INDEX)).toBe(0);
  });

  it('reports a head off the 8-byte grid before zeroing anything', () => {
    const ring = MpscRing.create({ capacityBytes: 1024 });
    // Bytes that would read as records, around where a misaligned release would zero.
    ring.bytes.fill(0xab, DATA_OFFSET, DATA_OFFSET + 64);
    Atomics.store(ring.int32, CONSUMER_POSITION_INDEX, 4);
    Atomics.store(ring.int32, DRAIN_END_INDEX, 12); // 8 bytes past the head, as a release logs
    Atomics.store(ring.int32, DRAIN_PENDING_INDEX, 1);
    const before = ring.bytes.slice();
    const successor = MpscRing.attach(ring.buffer);
    expect(successor.recoverConsumer()).toBe(false);
    expect(successor.corruption()).toMatchObject({ fault: 'POSITION' });
    expect(Atomics.load(ring.int32, CONSUMER_POSITION_INDEX)).toBe(4);
    expect(ring.bytes.slice()).toEqual(before);
  });
});
