import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Schedulable } from '../src/dispatcher.js';
import { RunQueue } from '../src/run-queue.js';

describe('RunQueue', () => {
  it('hands out ready actors first in, first out while it grows past its first array, and reads the k-th in that order', () => {
    // Three pushes to one shift: the queue passes its first 1024 slots and wraps.
    const op = fc.oneof(
      { weight: 3, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 3000, maxLength: 5000 }), (ops) => {
        const queue = new RunQueue();
        const model: Schedulable[] = [];
        for (const push of ops) {
          if (push) {
            const cell: Schedulable = { id: model.length, runTurn: () => 0 };
            queue.push(cell);
            model.push(cell);
          } else {
            expect(queue.shift()).toBe(model.shift());
          }
          expect(queue.size).toBe(model.length);
          // What the drain reads ahead (dispatcher.ts, TOUCH_AHEAD) is the queue's own order.
          for (const k of [0, 8, 15, model.length - 1]) {
            if (k >= 0 && k < model.length) expect(queue.at(k)).toBe(model[k]);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
