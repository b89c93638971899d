import { describe, expect, it } from 'vitest';
import { SilentProgress } from '../src/harness/progress.js';
import { runBench } from '../src/run-bench.js';
import { SUITES } from '../src/suites/index.js';

/**
 * Suites whose smoke run has a file of its own (smoke-<name>.test.ts): each takes 10-50 s under
 * coverage on 2 cores, so apart they run beside other files instead of one long file at the
 * end of the run. `smoke-rest.test.ts` runs every other suite, so a new suite is never left out.
 */
export const SMOKE_OWN_FILE = ['actors', 'ringbuffer', 'savina', 'remote', 'balancing', 'stress'];

/**
 * Suites `names` end to end at tiny sizes, through the same code path as the CLI. No figure is
 * asserted: only that every selected implementation produced finite values (positive rates and
 * latencies) in records of the documented shape.
 */
export function smokeSuites(names: readonly string[]): void {
  const suites = SUITES.filter((suite) => names.includes(suite.name));
  it('names suites that exist', () => {
    expect(suites.map((suite) => suite.name).sort()).toEqual([...names].sort());
  });
  describe('smoke run at tiny sizes', () => {
    for (const suite of suites) {
      smokeOne(suite.name);
    }
  });
}

/** The names of the suites without a smoke file of their own. */
export function restOfSuites(): string[] {
  return SUITES.map((suite) => suite.name).filter((name) => !SMOKE_OWN_FILE.includes(name));
}

function smokeOne(name: string): void {
  it(`runs every ${name} implementation and records a positive value for each metric`, async () => {
    const outcome = await runBench(
      {
        suites: [name],
        size: 'tiny',
        progress: false,
        out: () => {},
        command: `test ${name}`,
      },
      new SilentProgress(),
    );
    expect(outcome.json.failures).toEqual([]);
    for (const s of outcome.results) {
      for (const impl of s.implementations) {
        // A peer this machine lacks (Erlang/OTP without `erl`) is skipped with its reason; CI
        // installs it and erlang-peer.test.ts fails there if it is missing.
        if (impl.skipped !== undefined) {
          console.log(`[smoke] ${s.scenario} / ${impl.name} skipped: ${impl.skipped}`);
          continue;
        }
        expect(impl.metrics.length, `${s.scenario} / ${impl.name}`).toBeGreaterThan(0);
      }
    }
    expect(outcome.json.records.length).toBeGreaterThan(0);
    for (const r of outcome.json.records) {
      expect(Object.keys(r).sort()).toEqual(
        [
          'better',
          'cores',
          'cpu',
          'date',
          'flagged',
          'impl',
          'max',
          'metric',
          'min',
          'node',
          'params',
          'role',
          'rule',
          'runs',
          'samples',
          'scenario',
          'spread',
          'suite',
          'unit',
          'value',
        ].sort(),
      );
      expect(r.suite).toBe(name);
      // Rates and latencies are positive; a cost such as bytes allocated may be 0.
      const ok = r.better === 'higher' ? r.value > 0 : r.value >= 0;
      expect(Number.isFinite(r.value) && ok, `${r.scenario} / ${r.impl} / ${r.metric}`).toBe(true);
    }
  });
}
