import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packRefId, refIdGeneration, refIdSlot, refIdWorker } from '../src/index.js';
import { GENERATION_LIMIT, MAX_SLOTS, MAX_WORKERS } from '../src/ref-id.js';

describe('ref ids', () => {
  it('give back the worker, slot and generation they were packed from, over the whole range', () => {
    const parts = fc.tuple(
      fc.integer({ min: 0, max: MAX_WORKERS - 1 }),
      fc.integer({ min: 0, max: MAX_SLOTS - 1 }),
      fc.integer({ min: 0, max: GENERATION_LIMIT - 1 }),
    );
    fc.assert(
      fc.property(parts, ([worker, slot, generation]) => {
        const id = packRefId(worker, slot, generation);
        expect(Number.isSafeInteger(id)).toBe(true);
        expect([refIdWorker(id), refIdSlot(id), refIdGeneration(id)]).toEqual([
          worker,
          slot,
          generation,
        ]);
      }),
      { numRuns: 2000 },
    );
  });

  it('unpack the extremes of every field', () => {
    const top = packRefId(MAX_WORKERS - 1, MAX_SLOTS - 1, GENERATION_LIMIT - 1);
    expect(top).toBe(2 ** 53 - 1);
    expect([refIdWorker(top), refIdSlot(top), refIdGeneration(top)]).toEqual([
      MAX_WORKERS - 1,
      MAX_SLOTS - 1,
      GENERATION_LIMIT - 1,
    ]);
    expect([refIdWorker(0), refIdSlot(0), refIdGeneration(0)]).toEqual([0, 0, 0]);
  });
});
