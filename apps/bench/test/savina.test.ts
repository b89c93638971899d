import { describe, expect, it } from 'vitest';
import { BenchError } from '../src/errors.js';
import { SilentProgress } from '../src/harness/progress.js';
import { runScenario } from '../src/harness/run-loop.js';
import type { Params } from '../src/harness/scenario.js';
import { big, nextSeed } from '../src/suites/savina/big.js';
import { chameneos } from '../src/suites/savina/chameneos.js';
import { counting } from '../src/suites/savina/counting.js';
import { forkJoinCreation } from '../src/suites/savina/fork-join-creation.js';
import { forkJoinThroughput } from '../src/suites/savina/fork-join-throughput.js';
import { savinaSuite } from '../src/suites/savina/index.js';
import { pingPong } from '../src/suites/savina/ping-pong.js';
import {
  checkCounts,
  type SavinaBenchmark,
  type SavinaRun,
} from '../src/suites/savina/savina-benchmark.js';
import { savinaImplementations, savinaScenario } from '../src/suites/savina/savina-scenario.js';
import { skynet, skynetNodes } from '../src/suites/savina/skynet.js';
import { threadRing } from '../src/suites/savina/thread-ring.js';

/**
 * The Savina suite's ZActor, nact and xstate versions at tiny sizes: each reports exactly the
 * counts a correct run gives (the same check the runner applies), and a wrong count is refused.
 * The Erlang programs are tested in savina-erlang.test.ts.
 */

type Library = 'zactor' | 'nact' | 'xstate';

/** One benchmark's runs by library, erased to `Params` for the table below. */
function cases<P extends Params>(b: SavinaBenchmark<P>) {
  const runs: [Library, SavinaRun<P>][] = [
    ['zactor', (p) => b.zactor(p)],
    ['nact', (p) => b.nact(p)],
    ['xstate', (p) => b.xstate(p)],
  ];
  return runs.map(([library, run]) => ({
    name: `${b.name} [${library}]`,
    check: async () => {
      const p = b.sizes.tiny;
      const outcome = await run(p);
      expect(outcome.counts).toEqual(b.expected(p));
      expect(outcome.seconds).toBeGreaterThan(0);
    },
  }));
}

const ALL = [
  ...cases(pingPong),
  ...cases(counting),
  ...cases(forkJoinThroughput),
  ...cases(forkJoinCreation),
  ...cases(threadRing),
  ...cases(chameneos),
  ...cases(big),
  ...cases(skynet),
];

describe('Savina benchmarks at tiny sizes', () => {
  it.each(ALL)('$name reports the counts of a correct run', async ({ check }) => {
    await check();
  });

  it('expects 2N meetings, N x W pings, and the Skynet sum of 1M leaves', () => {
    expect(chameneos.expected({ chameneos: 100, meetings: 200_000 })).toEqual({
      meetings: 400_000,
      faded: 100,
    });
    expect(big.expected({ actors: 120, pings: 20_000 }).answered).toBe(2_400_000);
    expect(skynet.expected({ leaves: 1_000_000, fanOut: 10 })).toEqual({
      sum: 499_999_500_000,
      nodes: 1_111_111,
    });
    expect(skynetNodes({ leaves: 1000, fanOut: 10 })).toBe(1111);
  });

  it("full sizes are Savina's default parameters", () => {
    expect(pingPong.sizes.full).toEqual({ pings: 40_000 });
    expect(counting.sizes.full).toEqual({ increments: 1_000_000 });
    expect(forkJoinThroughput.sizes.full).toEqual({ actors: 60, messages: 10_000 });
    expect(forkJoinCreation.sizes.full).toEqual({ actors: 40_000 });
    expect(threadRing.sizes.full).toEqual({ actors: 100, hops: 100_000 });
    expect(chameneos.sizes.full).toEqual({ chameneos: 100, meetings: 200_000 });
    expect(big.sizes.full).toEqual({ actors: 120, pings: 20_000 });
    expect(skynet.sizes.full).toEqual({ leaves: 1_000_000, fanOut: 10 });
  });

  it('draws the Park-Miller sequence (the Erlang program draws the same)', () => {
    // minstd with multiplier 48271: the 10,000th value from seed 1 is 399,268,537.
    let seed = 1;
    for (let i = 0; i < 10_000; i++) seed = nextSeed(seed);
    expect(seed).toBe(399_268_537);
  });
});

describe('the result check', () => {
  it('refuses a count off by one with WRONG_RESULT', () => {
    expect(() => checkCounts('Counting', 'ZActor', { count: 1000 }, { count: 999 })).toThrowError(
      BenchError,
    );
    expect(() => checkCounts('Skynet', 'nact', { sum: 10, nodes: 3 }, { sum: 10 })).toThrow(
      /WRONG_RESULT|nodes undefined \(expected 3\)/,
    );
    try {
      checkCounts('Counting', 'xstate', { count: 2 }, { count: 3 });
      expect.unreachable('a wrong count must throw');
    } catch (error) {
      expect((error as BenchError).code).toBe('WRONG_RESULT');
    }
  });

  it('fails a run whose library skipped work, and reports no figure for it', async () => {
    // A Thread ring that passes the token one hop short of R.
    const short: SavinaBenchmark<{ actors: number; hops: number }> = {
      ...threadRing,
      zactor: (p) => threadRing.zactor({ ...p, hops: p.hops - 1 }),
    };
    const [zactor] = savinaImplementations(short);
    await expect(zactor!.run(short.sizes.tiny)).rejects.toThrow(/WRONG_RESULT|wrong result/);
    const scenario = savinaScenario(short);
    const result = await runScenario(
      scenario,
      scenario.implementations().filter((i) => i.name === 'ZActor' || i.name === 'nact'),
      { size: 'tiny', runs: 1, warmups: 0, targetSeconds: 0, maxScale: 1, runTimeoutMs: 60_000 },
      new SilentProgress(),
    );
    const [z, n] = result.implementations;
    expect(z!.metrics).toEqual([]);
    expect(z!.error).toContain('passed 999 (expected 1000)');
    expect(n!.error).toBeUndefined();
    expect(n!.metrics[0]!.summary.median).toBeGreaterThan(0);
  });

  it('the suite has the seven Savina benchmarks and Skynet, each with five rows', () => {
    expect(savinaSuite.scenarios.map((s) => s.name)).toEqual([
      'PingPong',
      'Counting',
      'Fork-join throughput',
      'Fork-join creation',
      'Thread ring',
      'Chameneos',
      'Big',
      'Skynet',
    ]);
    for (const s of savinaSuite.scenarios) {
      expect(s.implementations().map((i) => i.name)).toEqual([
        'ZActor',
        'nact',
        'xstate',
        'Erlang/OTP, 1 scheduler',
        'Erlang/OTP, 2 schedulers',
      ]);
    }
  });
});
