import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SysKind, type SystemMessage } from '../src/system-message.js';
import { SystemQueue } from '../src/system-queue.js';

describe('SystemQueue', () => {
  it('is a FIFO however pushes and shifts interleave, emptying and refilling', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(1000), fc.constant(-1)), { maxLength: 2000 }), (ops) => {
        const queue = new SystemQueue();
        const model: SystemMessage[] = [];
        for (const op of ops) {
          if (op >= 0) {
            const m: SystemMessage = { kind: SysKind.Watch, cell: null, message: op };
            queue.push(m);
            model.push(m);
          } else {
            expect(queue.shift()).toBe(model.shift());
          }
        }
        for (let m = queue.shift(); m !== undefined; m = queue.shift())
          expect(m).toBe(model.shift());
        expect(model).toEqual([]);
      }),
    );
  });
});
