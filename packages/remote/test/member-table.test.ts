import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemberTable } from '../src/membership/member-table.js';

const info = (node: number, incarnation = 1, name = `n${node}`) => ({ node, name, incarnation });

describe('MemberTable', () => {
  it('is up from the first sign of a node, down after downAfterMs of silence, up again when it speaks', () => {
    const table = new MemberTable(0, 500);
    expect(table.heard(info(1), 0).map((c) => c.type)).toEqual(['member-up']);
    expect(table.heard(info(1), 100)).toEqual([]);
    expect(table.sweep(599)).toEqual([]);
    const down = table.sweep(600);
    expect(down).toMatchObject([{ type: 'member-down', member: info(1), silentMs: 500 }]);
    expect(table.isUp(1)).toBe(false);
    expect(table.heard(info(1), 700)).toMatchObject([{ type: 'member-up', rejoined: true }]);
  });

  it('reports the old incarnation down before the new one up', () => {
    const table = new MemberTable(0, 500);
    table.heard(info(2, 7), 0);
    const changes = table.heard(info(2, 8), 10);
    expect(changes).toMatchObject([
      { type: 'member-down', member: { incarnation: 7 } },
      { type: 'member-up', member: { incarnation: 8 }, rejoined: false },
    ]);
  });

  it('takes a leave only from the incarnation that is up, and never lists itself', () => {
    const table = new MemberTable(0, 500);
    expect(table.heard(info(0), 0)).toEqual([]);
    table.heard(info(3, 5), 0);
    expect(table.left(3, 6)).toBeUndefined();
    expect(table.left(3, 5)).toMatchObject({ type: 'member-left' });
    expect(table.left(3, 5)).toBeUndefined();
    expect(table.members()).toEqual([]);
  });

  it('keeps a name learnt from a heartbeat when a frame (no name) is heard', () => {
    const table = new MemberTable(0, 500);
    table.heard(info(4, 1, 'pricer'), 0);
    table.heard({ node: 4, name: '', incarnation: 1 }, 1);
    expect(table.byName('pricer')?.node).toBe(4);
  });

  it('touches only a node that is up with that incarnation (the per-frame path), keeping it up', () => {
    const table = new MemberTable(0, 500);
    expect(table.touch(5, 1, 0)).toBe(false);
    table.heard(info(5, 1), 0);
    expect(table.touch(5, 2, 100)).toBe(false);
    expect(table.touch(5, 1, 400)).toBe(true);
    expect(table.sweep(800)).toEqual([]);
    expect(table.sweep(900)).toMatchObject([{ type: 'member-down', silentMs: 500 }]);
    expect(table.touch(5, 1, 950)).toBe(false);
  });

  it('agrees with a model: up iff heard within downAfterMs since the last down/up edge (property)', () => {
    const step = fc.record({
      node: fc.integer({ min: 1, max: 3 }),
      incarnation: fc.integer({ min: 1, max: 2 }),
      gap: fc.integer({ min: 0, max: 400 }),
      sweep: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const downAfter = 300;
        const table = new MemberTable(0, downAfter);
        const model = new Map<number, { inc: number; last: number; up: boolean }>();
        let now = 0;
        let ups = 0;
        let downs = 0;
        for (const s of steps) {
          now += s.gap;
          if (s.sweep) {
            for (const change of table.sweep(now)) if (change.type === 'member-down') downs++;
            for (const m of model.values()) if (m.up && now - m.last >= downAfter) m.up = false;
          } else {
            for (const change of table.heard(info(s.node, s.incarnation), now)) {
              if (change.type === 'member-up') ups++;
              else downs++;
            }
            model.set(s.node, { inc: s.incarnation, last: now, up: true });
          }
          for (const [node, m] of model) expect(table.isUp(node)).toBe(m.up);
        }
        // Every down follows an up of the same node: never more downs than ups.
        expect(downs).toBeLessThanOrEqual(ups);
      }),
      { seed: 19, numRuns: 300 },
    );
  });
});
