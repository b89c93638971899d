/*
 * MpmcOrphans with two deaths close together: two threads that died at the same claim or acquire
 * position (one won the CAS, one lost it and died before clearing its flag), settled in either
 * order, and a slot's new incarnation that dies while the first death's settle still waits.
 */
import { describe, expect, it } from 'vitest';
import { MpmcClaimLog, MpmcOrphans, type MpmcQueue } from '../src/index.js';
import { SKIP, setup, skip } from './support/orphans.js';

function drainIds(queue: MpmcQueue): number[] {
  const out: number[] = [];
  for (let at = queue.tryAcquire(); at >= 0; at = queue.tryAcquire()) {
    out.push(queue.int32[at >> 2]!);
    queue.release(at);
  }
  return out;
}

describe('MpmcOrphans: two deaths at the same claim position', () => {
  for (const order of ['winner first', 'loser first'] as const) {
    it(`one skip, no wedge (${order})`, () => {
      const { queue, log, slots } = setup(4, 3);
      const at = queue.tryClaim(slots[0]); // thread 0 wins p, dies unpublished
      const p = log.claimOf(0)!;
      expect(at).toBeGreaterThanOrEqual(0);
      slots[1]!.noteClaim(p); // thread 1 noted p, lost the CAS, died before claimLost
      const live = queue.tryClaim(slots[2]);
      queue.int32[live >> 2] = 7;
      queue.publish(live);
      const first = order === 'winner first' ? 0 : 1;
      const second = 1 - first;
      const a = MpmcOrphans.of(queue, log, first);
      expect(a.settle(skip, () => expect.unreachable())).toBe('wait');
      const b = MpmcOrphans.of(queue, log, second);
      expect(b.settle(skip, () => expect.unreachable())).toBe('settled');
      expect(a.settle(skip, () => expect.unreachable())).toBe('settled');
      expect(a.skipped + b.skipped).toBe(1);
      expect(drainIds(queue)).toEqual([SKIP, 7]);
    });
  }

  it('a new incarnation that dies while the first settle still waits: both settle, nothing lost', () => {
    const { queue, log, slots } = setup(8, 3);
    queue.tryClaim(slots[0]); // incarnation 0 of thread 0 dies claimed
    const p = log.claimOf(0)!;
    slots[2]!.noteClaim(p); // live thread 2 between its note and its lost CAS
    const first = MpmcOrphans.of(queue, log, 0);
    expect(first.settle(skip, () => expect.unreachable())).toBe('wait');
    // incarnation 1 of thread 0 (its own log object), publishes one, then dies claimed
    const again = MpmcClaimLog.attach(log.buffer).slot(0);
    const q = queue.tryClaim(again);
    queue.int32[q >> 2] = 11;
    queue.publish(q);
    expect(queue.tryClaim(again)).toBeGreaterThanOrEqual(0);
    const second = MpmcOrphans.of(queue, log, 0);
    expect(second.settle(skip, () => expect.unreachable())).toBe('settled');
    expect(first.settle(skip, () => expect.unreachable())).toBe('wait');
    slots[2]!.claimLost();
    expect(first.settle(skip, () => expect.unreachable())).toBe('settled');
    expect(drainIds(queue)).toEqual([SKIP, 11, SKIP]);
  });
});

describe('MpmcOrphans: two deaths at the same acquire position', () => {
  for (const order of ['winner first', 'loser first'] as const) {
    it(`one hand-over, no wedge (${order})`, () => {
      const { queue, log, slots } = setup(2, 3);
      for (const id of [5, 6]) {
        const at = queue.tryClaim(slots[2]);
        queue.int32[at >> 2] = id;
        queue.publish(at);
      }
      const got = queue.tryAcquire(slots[0]); // thread 0 acquires 5, dies unreleased
      expect(queue.int32[got >> 2]).toBe(5);
      const a0 = log.acquireOf(0)!;
      slots[1]!.noteAcquire(a0); // thread 1 noted it, lost, died before acquireLost
      const taken: number[] = [];
      const take = (view: DataView, offset: number) => taken.push(view.getInt32(offset, true));
      const first = order === 'winner first' ? 0 : 1;
      const a = MpmcOrphans.of(queue, log, first);
      expect(a.settle(skip, take)).toBe('wait');
      const b = MpmcOrphans.of(queue, log, 1 - first);
      expect(b.settle(skip, take)).toBe('settled');
      expect(a.settle(skip, take)).toBe('settled');
      expect(taken).toEqual([5]);
      expect(drainIds(queue)).toEqual([6]);
      // the freed cell is usable a lap later
      expect(queue.offerInt32(9, slots[2])).toBe(true);
      expect(queue.offerInt32(10, slots[2])).toBe(true);
      expect(drainIds(queue)).toEqual([9, 10]);
    });
  }
});
