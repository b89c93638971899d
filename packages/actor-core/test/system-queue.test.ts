import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyTarget } from '../src/actor-target.js';
import { SysKind } from '../src/system-message.js';
import { SystemQueue, systemMessageSlot } from '../src/system-queue.js';

/** A push: its kind, the other cell (a stand-in object or null), and maybe an error or payload. */
const pushes = fc.record({
  kind: fc.constantFrom(SysKind.Stop, SysKind.Watch, SysKind.ChildTerminated, SysKind.Restart),
  cell: fc.option(fc.nat(5), { nil: null }),
  error: fc.option(fc.string(), { nil: undefined }),
  message: fc.option(fc.nat(), { nil: undefined }),
});

describe('SystemQueue', () => {
  it('is a FIFO of whole messages however pushes and shifts interleave, emptying and refilling', () => {
    const cells = Array.from({ length: 6 }, (_, i) => ({ id: i }) as unknown as AnyTarget);
    fc.assert(
      fc.property(fc.array(fc.oneof(pushes, fc.constant(null)), { maxLength: 2000 }), (ops) => {
        const queue = new SystemQueue();
        const slot = systemMessageSlot();
        type Expected = { kind: SysKind; cell: AnyTarget | null; error: unknown; message: unknown };
        const model: Expected[] = [];
        const take = (): void => {
          const expected = model.shift();
          expect(queue.shift(slot)).toBe(expected !== undefined);
          if (expected === undefined) return;
          expect({ ...slot }).toEqual(expected);
        };
        for (const op of ops) {
          if (op === null) {
            take();
            continue;
          }
          const cell = op.cell === null ? null : cells[op.cell]!;
          queue.push(op.kind, cell, op.error, op.message);
          model.push({ kind: op.kind, cell, error: op.error, message: op.message });
        }
        while (model.length !== 0) take();
        expect(queue.shift(slot)).toBe(false);
      }),
      { seed: 20261205 },
    );
  });
});
