import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OncePerHold } from '../src/once-per-hold.js';

describe('OncePerHold', () => {
  it('says yes to the first ask of each id in a hold, and no to a repeat unless an id sharing its entry asked in between', () => {
    // Ids from a few actor-table slots, some 256 apart (the same entry), across generations.
    const id = fc.tuple(fc.constantFrom(3, 259, 515, 7, 1000), fc.integer({ min: 0, max: 3 }));
    const op = fc.oneof(
      { weight: 1, arbitrary: fc.constant('begin' as const) },
      { weight: 8, arbitrary: id.map(([slot, gen]) => slot + gen * 2 ** 32) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const once = new OncePerHold();
        once.begin();
        // Model: the ids asked in this hold, and the last id written to each entry.
        let asked = new Set<number>();
        const entry = new Map<number, number>();
        for (const o of ops) {
          if (o === 'begin') {
            once.begin();
            asked = new Set();
            continue;
          }
          const slot = o % 256;
          const answer = once.first(o);
          if (!asked.has(o)) expect(answer).toBe(true);
          else expect(answer).toBe(entry.get(slot) !== o);
          asked.add(o);
          entry.set(slot, o);
        }
      }),
    );
  });
});
