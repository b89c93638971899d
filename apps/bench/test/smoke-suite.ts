import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { SilentProgress } from '../src/harness/progress.js';
import type { BenchJson, BenchRecord } from '../src/harness/record.js';
import { runBench } from '../src/run-bench.js';
import { SUITES } from '../src/suites/index.js';

const execFileAsync = promisify(execFile);

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
 * Suite `name` end to end at tiny sizes. No figure is asserted: only that every implementation
 * produced finite values (positive rates and latencies) in records of the documented shape, or
 * was skipped with its reason (a peer this machine lacks; CI installs them, and
 * erlang-peer.test.ts fails there if Erlang is missing).
 *
 * Under the root `test` script, which builds first, the suite runs as a user runs it: the built
 * CLI in a child process, its workers from dist. Started through tsx from source, every bench
 * worker loads its sources through the loader again (0.5 s each against 0.1 s, more under
 * coverage), which made the smoke files 2-8x slower than the CLI. Run alone (`vitest run`), it
 * runs in this process from source, so an edit is never smoke-tested against a stale bundle.
 */
function smokeOne(name: string): void {
  it(
    `runs every ${name} implementation and records a positive value for each metric`,
    async () => {
      const built = currentBuild();
      const json = built === undefined ? await runFromSource(name) : await runBuiltCli(name, built);
      expect(json.failures).toEqual([]);
      const skipped = new Set(json.skipped.map((s) => `${s.scenario} / ${s.impl}`));
      for (const s of json.skipped)
        console.log(`[smoke] ${s.scenario} / ${s.impl} skipped: ${s.reason}`);
      const recorded = new Set(json.records.map((r) => `${r.scenario} / ${r.impl}`));
      const suite = SUITES.find((candidate) => candidate.name === name)!;
      for (const scenario of suite.scenarios) {
        for (const impl of scenario.implementations()) {
          const id = `${scenario.name} / ${impl.name}`;
          if (!skipped.has(id)) expect(recorded.has(id), `${id} has records`).toBe(true);
        }
      }
      expect(json.records.length).toBeGreaterThan(0);
      for (const r of json.records) checkRecord(name, r);
    },
    SMOKE_TIMEOUT_MS,
  );
}

/**
 * The built CLI when the run says the build is current: the root `test` script builds every
 * package and app, then runs vitest with ZACTOR_BENCH_BUILT=1. (File times cannot say it: a build
 * that turbo replays from its cache leaves them as they were.)
 */
function currentBuild(): string | undefined {
  if (process.env.ZACTOR_BENCH_BUILT !== '1') return undefined;
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  if (!existsSync(cli)) throw new Error(`ZACTOR_BENCH_BUILT=1 but ${cli} is missing: build first`);
  return cli;
}

async function runBuiltCli(name: string, cli: string): Promise<BenchJson> {
  const dir = await mkdtemp(join(tmpdir(), `zactor-smoke-${name}-`));
  const file = join(dir, 'bench.json');
  // The child's coverage would be of dist bundles, which the coverage report leaves out.
  const { NODE_V8_COVERAGE: _coverage, ...env } = process.env;
  try {
    await execFileAsync(
      process.execPath,
      [cli, '--suite', name, '--tiny', '--no-progress', '--json', file],
      { env, timeout: SMOKE_TIMEOUT_MS - 10_000, maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(
        `zactor-bench --suite ${name} --tiny failed: ${error.message}\n` +
          `${error.stdout?.slice(-4000) ?? ''}\n${error.stderr?.slice(-4000) ?? ''}`,
      );
    });
    return JSON.parse(await readFile(file, 'utf8')) as BenchJson;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runFromSource(name: string): Promise<BenchJson> {
  console.log(`[smoke] ${name}: no current build, running from source (slower)`);
  const outcome = await runBench(
    { suites: [name], size: 'tiny', progress: false, out: () => {}, command: `test ${name}` },
    new SilentProgress(),
  );
  return outcome.json;
}

function checkRecord(name: string, r: BenchRecord): void {
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
