import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyCell } from '../src/actor-cell.js';
import { ActorTable } from '../src/actor-table.js';
import { GENERATION_LIMIT, refIdGeneration, refIdSlot, refIdWorker } from '../src/ref-id.js';

describe('ActorTable', () => {
  it('never hands out an id twice, and bumps a slot’s generation each time it is reused', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(-1), fc.nat(50)), { maxLength: 600 }),
        fc.constantFrom(0, 7, GENERATION_LIMIT - 2),
        (ops, base) => {
          const table = new ActorTable(5, base);
          const live: number[] = [];
          const seen = new Set<number>();
          const lastGeneration = new Map<number, number>();
          for (const op of ops) {
            if (op === -1 || live.length === 0) {
              const slot = table.claim();
              const id = table.idFor(slot);
              expect(seen.has(id)).toBe(false);
              seen.add(id);
              expect(refIdSlot(id)).toBe(slot);
              expect(refIdWorker(id)).toBe(5);
              const previous = lastGeneration.get(slot);
              const expected = previous === undefined ? base : (previous + 1) % GENERATION_LIMIT;
              expect(refIdGeneration(id)).toBe(expected);
              lastGeneration.set(slot, expected);
              table.fill(slot, { ref: { id } } as unknown as AnyCell);
              live.push(id);
            } else {
              const id = live.splice(op % live.length, 1)[0]!;
              expect(table.get(refIdSlot(id))?.ref.id).toBe(id);
              table.free(refIdSlot(id));
              expect(table.get(refIdSlot(id))).toBeUndefined();
            }
          }
        },
      ),
    );
  });

  it('gives a slot back unchanged when its cell was never made', () => {
    const table = new ActorTable(0, 0);
    const a = table.claim();
    table.fill(a, { ref: { id: table.idFor(a) } } as unknown as AnyCell);
    table.free(a);
    const again = table.claim();
    const id = table.idFor(again);
    table.unclaim(again);
    const third = table.claim();
    expect(table.idFor(third)).toBe(id);
  });

  it('keeps cells across its 4096-slot chunks: every slot reads back, freed ones read empty', () => {
    const table = new ActorTable(3, 0);
    const cells: AnyCell[] = [];
    for (let i = 0; i < 10_000; i++) {
      const slot = table.claim();
      expect(slot).toBe(i);
      const cell = { ref: { id: table.idFor(slot) } } as unknown as AnyCell;
      table.fill(slot, cell);
      cells.push(cell);
    }
    for (let i = 0; i < 10_000; i++) expect(table.get(i)).toBe(cells[i]);
    expect(table.get(10_000)).toBeUndefined();
    expect(table.get(1 << 20)).toBeUndefined();
    for (const slot of [4095, 4096, 8191, 8192]) table.free(slot);
    for (const slot of [4095, 4096, 8191, 8192]) expect(table.get(slot)).toBeUndefined();
    expect(table.get(4094)).toBe(cells[4094]);
    // Freed slots are reused, last freed first, before any new slot.
    expect([table.claim(), table.claim()]).toEqual([8192, 8191]);
  });
});
