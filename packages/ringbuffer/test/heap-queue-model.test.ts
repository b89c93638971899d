import { testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FixedHeapQueue, type HeapQueue, SegmentedHeapQueue } from '../src/index.js';

// A reference model: a plain array used as a queue, with an optional bound.
type Op =
  | { kind: 'push'; value: number }
  | { kind: 'shift' }
  | { kind: 'peek' }
  | { kind: 'clear' }
  | { kind: 'drain'; max: number | undefined };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.integer().map((value) => ({ kind: 'push' as const, value })) },
  { weight: 4, arbitrary: fc.constant({ kind: 'shift' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'peek' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .option(fc.integer({ min: 0, max: 40 }), { nil: undefined })
      .map((max) => ({ kind: 'drain' as const, max })),
  },
);

function check(queue: HeapQueue<number>, bound: number, ops: Op[]): void {
  const model: number[] = [];
  for (const op of ops) {
    switch (op.kind) {
      case 'push': {
        const accepted = model.length < bound;
        expect(queue.push(op.value)).toBe(accepted);
        if (accepted) model.push(op.value);
        break;
      }
      case 'shift':
        expect(queue.shift()).toBe(model.shift());
        break;
      case 'peek':
        expect(queue.peek()).toBe(model[0]);
        break;
      case 'clear':
        queue.clear();
        model.length = 0;
        break;
      case 'drain': {
        const seen: number[] = [];
        const n = queue.drain((x) => seen.push(x), op.max);
        const expected = model.splice(0, op.max ?? model.length);
        expect(seen).toEqual(expected);
        expect(n).toBe(expected.length);
        break;
      }
    }
    expect(queue.size).toBe(model.length);
  }
}

const seed = testSeed('heap-queue-model');

describe('FixedHeapQueue against a reference queue model', () => {
  it('agrees with an array model on any sequence of operations', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4, 8, 16),
        fc.array(opArb, { maxLength: 300 }),
        (capacity, ops) => check(new FixedHeapQueue<number>(capacity), capacity, ops),
      ),
      { seed, numRuns: 300 },
    );
  });
});

describe('SegmentedHeapQueue against a reference queue model', () => {
  it('agrees with an unbounded array model on any sequence of operations', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2, 4, 8),
        fc.array(opArb, { maxLength: 300 }),
        (segmentSize, ops) =>
          check(new SegmentedHeapQueue<number>(segmentSize), Number.POSITIVE_INFINITY, ops),
      ),
      { seed, numRuns: 300 },
    );
  });
});
