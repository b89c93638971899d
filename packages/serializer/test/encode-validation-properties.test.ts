import { testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codec, EncodeError } from '../src/index.js';
import { schemaWithValueArb } from './support/schema-arbitraries.js';
import {
  type MutationPoint,
  mutationPoints,
  toInput,
  wrongValueArb,
} from './support/wrong-values.js';

const runs = process.env.FUZZ === '1' ? 5000 : 200;
const backends = ['generated', 'composed'] as const;

/** Decode-form values in encode-input form, some typed arrays turned into plain arrays. */
const inputCaseArb = schemaWithValueArb().chain(({ schema, value }) =>
  fc.infiniteStream(fc.boolean()).map((coins) => {
    const it = coins[Symbol.iterator]();
    return { schema, value, input: toInput(schema, value, () => it.next().value as boolean) };
  }),
);

describe.each(backends)('encoding random schemas (%s back end)', (backend) => {
  it('round-trips every value that conforms to its schema, arrays plain or typed', () => {
    fc.assert(
      fc.property(inputCaseArb, ({ schema, value, input }) => {
        const c = codec(schema, { backend });
        const size = c.sizeOf(input as never);
        const view = new DataView(new ArrayBuffer(size));
        expect(c.encode(input as never, view, 0)).toBe(size);
        expect(c.decode(view, 0)).toEqual(value);
      }),
      { seed: testSeed(`encode conforming ${backend}`), numRuns: runs },
    );
  });

  it('throws UNENCODABLE naming the field when one field holds a wrong-typed value', () => {
    const caseArb = inputCaseArb
      .map(({ schema, input }) => ({ schema, input, points: mutationPoints(schema, input, '') }))
      .filter(({ points }) => points.length > 0)
      .chain(({ schema, input, points }) =>
        fc
          .nat({ max: points.length - 1 })
          .chain((index) =>
            wrongValueArb(points[index]!.what).map((wrong) => ({ schema, input, index, wrong })),
          ),
      );
    fc.assert(
      fc.property(caseArb, ({ schema, input: original, index, wrong }) => {
        const c = codec(schema, { backend });
        const room = c.sizeOf(original as never) + 64;
        // Mutate a copy: fast-check may run the same generated value again while shrinking.
        const input = structuredClone(original);
        const point = mutationPoints(schema, input, '')[index]!;
        setAt(point, wrong);
        const encoded = attempt(() =>
          c.encode(input as never, new DataView(new ArrayBuffer(room)), 0),
        );
        expect(encoded).toMatchObject({ code: 'UNENCODABLE', field: point.path });
        expect(encoded).toBeInstanceOf(EncodeError);
        // sizeOf reads only what has a variable size: it refuses it the same way, or it counts.
        const sized = attempt(() => c.sizeOf(input as never));
        if (typeof sized === 'number') expect(Number.isSafeInteger(sized) && sized >= 0).toBe(true);
        else expect((sized as EncodeError).field).toBe(point.path);
      }),
      { seed: testSeed(`encode wrong field ${backend}`), numRuns: runs },
    );
  });
});

function setAt(point: MutationPoint, wrong: unknown): void {
  point.container[point.key] = wrong;
}

/** The result of `f`, or what it threw. */
function attempt(f: () => number): unknown {
  try {
    return f();
  } catch (error) {
    return error;
  }
}
