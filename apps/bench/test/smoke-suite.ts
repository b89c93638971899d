import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SilentProgress } from '../src/harness/progress.js';
import { runBench } from '../src/run-bench.js';
import { SUITES } from '../src/suites/index.js';

/**
 * A suite's tiny run takes up to ~50 s under coverage on 2 cores, and more beside other test
 * files on a loaded machine: room enough that only a hang fails it.
 */
const SMOKE_TIMEOUT_MS = 240_000;

/**
 * Suites whose smoke run has a file of its own (smoke-<name>.test.ts): each takes 10-50 s under
 * coverage on 2 cores, so apart they run beside other files instead of one long file at the
 * end of the run. `smoke-rest.test.ts` runs every other suite, so a new suite is never left out.
 */
export const SMOKE_OWN_FILE = ['actors', 'ringbuffer', 'savina', 'remote', 'balancing', 'stress'];

/** Suite `name` end to end at tiny sizes (see `smokeOne`); fails if no suite has that name. */
export function smokeSuite(name: string): void {
  it(`names a suite that exists (${name})`, () => {
    expect(SUITES.map((suite) => suite.name)).toContain(name);
  });
  smokeOne(name);
}

/**
 * Every suite without a smoke file of its own, and a check that each suite named in
 * SMOKE_OWN_FILE has its file (else its smoke run would be lost).
 */
export function smokeRest(): void {
  it('finds a smoke file for each suite that has its own', () => {
    const missing = SMOKE_OWN_FILE.filter(
      (name) => !existsSync(new URL(`./smoke-${name}.test.ts`, import.meta.url)),
    );
    expect(missing).toEqual([]);
  });
  const rest = SUITES.map((suite) => suite.name).filter((name) => !SMOKE_OWN_FILE.includes(name));
  for (const name of rest) smokeOne(name);
}

/**
 * Suite `name` end to end at tiny sizes, through the same code path as the CLI. No figure is
 * asserted: only that every selected implementation produced finite values (positive rates and
 * latencies) in records of the documented shape.
 */
function smokeOne(name: string): void {
  it(
    `runs every ${name} implementation and records a positive value for each metric`,
    async () => {
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
        expect(Number.isFinite(r.value) && ok, `${r.scenario} / ${r.impl} / ${r.metric}`).toBe(
          true,
        );
      }
    },
    SMOKE_TIMEOUT_MS,
  );
}
