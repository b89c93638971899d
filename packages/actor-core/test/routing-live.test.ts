/**
 * The routing logics' picks among live routees only (`selectLive`, for a message whose pick had
 * stopped): fast-check properties over which routees stopped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConsistentHashRouting } from '../src/cluster/pool/consistent-hash-routing.js';
import { RandomRouting, RoundRobinRouting } from '../src/cluster/pool/routing.js';
import { SmallestMailboxRouting } from '../src/cluster/pool/smallest-mailbox-routing.js';

/** 2..12 routees, each live (a non-null stand-in) or stopped (null), at least one live. */
const liveness = fc
  .array(fc.boolean(), { minLength: 2, maxLength: 12 })
  .filter((alive) => alive.includes(true))
  .map((alive) => alive.map((a, i) => (a ? i : null)));

describe('selectLive', () => {
  it('round-robin takes the live routees in turn, each equally', () => {
    fc.assert(
      fc.property(liveness, (live) => {
        const logic = new RoundRobinRouting();
        const alive = live.filter((r) => r !== null).length;
        const counts = new Map<number, number>();
        for (let m = 0; m < alive * 5; m++) {
          const i = logic.selectLive(m, live);
          counts.set(i, (counts.get(i) ?? 0) + 1);
        }
        expect([...counts.keys()].every((i) => live[i] !== null)).toBe(true);
        expect([...counts.values()]).toEqual(Array(alive).fill(5));
      }),
    );
  });

  it('random picks only live routees', () => {
    fc.assert(
      fc.property(liveness, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (live, seed) => {
        const logic = new RandomRouting(seed);
        for (let m = 0; m < 50; m++) expect(live[logic.selectLive(m, live)]).not.toBeNull();
      }),
    );
  });

  it('smallest-mailbox picks the live routee with the fewest messages', () => {
    fc.assert(
      fc.property(liveness, fc.array(fc.nat(100), { minLength: 12, maxLength: 12 }), (live, d) => {
        const depths = new Int32Array(2 * live.length);
        live.forEach((_, r) => {
          depths[2 * r] = d[r]!;
        });
        const logic = new SmallestMailboxRouting(depths);
        const i = logic.selectLive(0, live);
        expect(live[i]).not.toBeNull();
        const smallest = Math.min(...live.flatMap((r, k) => (r === null ? [] : [d[k]!])));
        expect(d[i]).toBe(smallest);
      }),
    );
    expect(new SmallestMailboxRouting(new Int32Array(4)).selectLive(0, [null, null])).toBe(-1);
  });

  it('a consistent hash moves only the keys of stopped routees', () => {
    fc.assert(
      fc.property(liveness, (live) => {
        const logic = new ConsistentHashRouting({ hashKey: (k: number) => k }, live.length);
        for (let key = 0; key < 400; key++) {
          const owner = logic.select(key);
          const now = logic.selectLive(key, live);
          expect(live[now]).not.toBeNull();
          if (live[owner] !== null) expect(now).toBe(owner);
        }
      }),
    );
  });

  it('each says -1 when no routee is live', () => {
    const none = [null, null, null];
    expect(new RoundRobinRouting().selectLive(0, none)).toBe(-1);
    expect(new RandomRouting(7).selectLive(0, none)).toBe(-1);
    expect(new ConsistentHashRouting({ hashKey: () => 1 }, 3).selectLive(0, none)).toBe(-1);
  });
});
