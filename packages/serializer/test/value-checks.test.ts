import { testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCodecFunctions } from '../src/generated-codec.js';
import { type PrimitiveKind, t } from '../src/index.js';
import { planMessage } from '../src/plan.js';
import { SCALAR_CHECKS } from '../src/value-checks.js';
import { acceptsScalar } from './support/wrong-values.js';

const runs = process.env.FUZZ === '1' ? 5000 : 1000;

/** The result of `f`, or what it threw. */
function attempt(f: () => number): unknown {
  try {
    return f();
  } catch (error) {
    return error;
  }
}

describe('the write-path checks of both back ends', () => {
  const kinds = Object.keys(SCALAR_CHECKS) as PrimitiveKind[];
  const values = fc.oneof(
    fc.anything(),
    fc.double(),
    fc.integer({ min: -(2 ** 33), max: 2 ** 33 }),
    fc.bigInt({ min: -(2n ** 65n), max: 2n ** 65n }),
    fc.constantFrom(-0, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 63, -(2n ** 63n) - 1n, 2n ** 64n),
  );
  // One generated codec per kind, holding a single field of that kind.
  const generated = new Map(
    kinds.map((kind) => [kind, generateCodecFunctions(planMessage(t.struct({ x: t[kind] })), 'K')]),
  );

  it('accept exactly the values the documented rules accept', () => {
    const view = new DataView(new ArrayBuffer(16));
    fc.assert(
      fc.property(fc.constantFrom(...kinds), values, (kind, x) => {
        const expected = acceptsScalar(kind, x);
        expect(SCALAR_CHECKS[kind](x)).toBe(expected);
        const outcome = attempt(() => generated.get(kind)!.encode({ x }, view, 0));
        expect(typeof outcome === 'number').toBe(expected);
      }),
      { seed: testSeed('scalar checks agree'), numRuns: runs },
    );
  });
});
