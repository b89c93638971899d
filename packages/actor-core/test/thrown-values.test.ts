import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { errorParts } from '../src/cluster/error-parts.js';
import { ActorSystem, type FailureLogEntry } from '../src/index.js';
import { thrownMessage, thrownParts, thrownSummary, thrownText } from '../src/thrown.js';
import { settle } from './helpers.js';
import { records, setup, TURN_MODES } from './inbound-fixture.js';

/* An actor may throw anything; reading what it threw must never throw in turn. */

/** Values whose `String()` throws, and Errors whose parts are not plain strings. */
function strangeValues(): [string, () => unknown][] {
  return [
    ['an object with no prototype', () => Object.create(null)],
    [
      'an object whose toString throws',
      () => ({
        toString() {
          throw new Error('no text');
        },
      }),
    ],
    [
      'a revoked proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
    ],
    [
      'an Error whose name getter throws',
      () => {
        const error = new Error('named badly');
        Object.defineProperty(error, 'name', {
          get() {
            throw new Error('no name');
          },
        });
        return error;
      },
    ],
    [
      'an Error whose message is an object with no prototype',
      () => Object.assign(new Error('x'), { message: Object.create(null) }),
    ],
  ];
}

describe('reading a thrown value', () => {
  it('never throws and always gives strings, for any value fast-check makes and the strange ones', () => {
    const check = (value: unknown) => {
      const parts = thrownParts(value);
      for (const text of [parts.name, parts.message, parts.stack, thrownText(value)]) {
        expect(typeof text).toBe('string');
      }
      expect(typeof thrownSummary(value)).toBe('string');
      expect(typeof thrownMessage(value)).toBe('string');
      expect(errorParts(value)).toEqual({
        name: parts.name,
        message: parts.message,
        stack: parts.stack,
      });
    };
    for (const [, make] of strangeValues()) check(make());
    fc.assert(fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), check));
  });

  it('keeps what an Error and a plain value say', () => {
    const error = new RangeError('out of range');
    expect(thrownParts(error)).toMatchObject({ isError: true, name: 'RangeError' });
    expect(thrownSummary(error)).toBe('RangeError: out of range');
    expect(thrownSummary('plain')).toBe('plain');
    expect(thrownText(Object.create(null))).toBe('[object Object]');
  });
});

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

describe('an actor that throws a value with no text', () => {
  it.each(strangeValues())(
    'is logged and restarted, and handles its next message (%s)',
    async (_, make) => {
      const entries: FailureLogEntry[] = [];
      const handled: number[] = [];
      system = new ActorSystem({ logFailures: (e) => entries.push(e) });
      const ref = system.spawn<number>((n) => {
        handled.push(n);
        if (n === 1) throw make();
      });
      ref.tell(1);
      ref.tell(2);
      await settle();
      expect(handled).toEqual([1, 2]);
      expect(entries.filter((e) => e.kind === 'actor-failed')).toHaveLength(1);
      expect(system.metrics.snapshot().restarts).toBe(1);
    },
  );

  for (const [mode, direct] of TURN_MODES) {
    it(`on another worker's record, fails to its remote parent and the record's next message is delivered (${mode} turns)`, () => {
      for (const [, make] of strangeValues()) {
        const { node, feed, spawn, spawnThrower } = setup(direct);
        const failing = spawnThrower(make);
        const next = spawn();
        const records0 = node.counters().recordsOut;
        expect(() =>
          feed(records().number(1, failing.id, -1).number(2, next.id, -1)),
        ).not.toThrow();
        expect(failing.sink).toEqual([1]);
        expect(next.sink).toEqual([2]);
        // Its ChildFailed went to the parent on node 0 (the only record node 1 sent).
        expect(node.counters().recordsOut - records0).toBe(1);
      }
    });
  }
});
