import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerRatioLines } from '../src/harness/peer-ratio.js';
import { SilentProgress } from '../src/harness/progress.js';
import type { ImplementationResult, ScenarioResult } from '../src/harness/run-loop.js';
import { runScenario } from '../src/harness/run-loop.js';
import { formatScenario } from '../src/harness/table.js';
import {
  compileErlang,
  detectErlang,
  ERL_FLAGS,
  ErlangPeer,
  parseResultLine,
  parseRoundTrip,
  parseSplitPairs,
} from '../src/peers/erlang-peer.js';
import {
  clusterRoundTripWithErlang,
  clusterSplitPairsWithErlang,
  ERLANG_BEAM_IMPL_NAME,
  ERLANG_ROUND_TRIP_IMPL_NAME,
  ERLANG_SPLIT_IMPL_NAME,
  ErlangSplitPairs,
} from '../src/suites/actors/cluster-erlang.js';
import { actorsSuite } from '../src/suites/actors/index.js';

/**
 * The Erlang/OTP peer: the result-line parser, the programs themselves (started with erl here,
 * at tiny sizes, counts checked exactly), the runner's persistent VM, the skip path, and the
 * ZActor / Erlang ratio lines. Without `erl` they fail in CI (`CI` or `REQUIRE_ERLANG` set; .ci/run
 * installs erlang-nox) and the tests that need it are skipped with a printed reason elsewhere.
 */

const erlang = detectErlang();
const missing = erlang.ok ? undefined : erlang.reason;
// CI (or REQUIRE_ERLANG, which .ci/run exports) must run the peer, never skip it.
const mustRun = Boolean(process.env.CI) || Boolean(process.env.REQUIRE_ERLANG);
if (missing !== undefined && !mustRun) {
  console.log(`erlang-peer.test.ts: skipping the tests that run erl: ${missing}`);
}

const run = promisify(execFile);

describe('Erlang/OTP in CI', () => {
  it.runIf(mustRun)('erl and erlc are installed (.ci/run installs erlang-nox)', () => {
    expect(missing, `CI must run the Erlang peer: ${missing}`).toBeUndefined();
  });
});

describe('Erlang result lines', () => {
  it('parses a split-pairs line', () => {
    const r = parseSplitPairs(
      parseResultLine(
        'zactor-erlang-result kind=split_pairs mode=split placement=bound pairs=32 in_flight=100 per_pair=300 pings=9600 pongs=9600 misplaced=0 elapsed_ns=7112721 util_min=0.525605 util=0.9984/0.5256',
      ),
    );
    expect(r).toEqual({
      mode: 'split',
      placement: 'bound',
      pairs: 32,
      inFlight: 100,
      perPair: 300,
      pings: 9600,
      pongs: 9600,
      misplaced: 0,
      elapsedNs: 7112721,
      utilMin: 0.525605,
    });
  });

  it('parses a round-trip line whose samples file has a space in its path', () => {
    const r = parseRoundTrip(
      parseResultLine(
        'zactor-erlang-result kind=round_trip placement=bound samples=5 warmup=1 interval_ns=0 replies=6 misplaced=0 elapsed_ns=257309 p50_ns=16271 p99_ns=56216 max_ns=56216 samples_file=/tmp/a b/x.bin',
      ),
    );
    expect(r.samplesFile).toBe('/tmp/a b/x.bin');
    expect([r.samples, r.warmup, r.replies, r.p50Ns, r.p99Ns, r.maxNs]).toEqual([
      5, 1, 6, 16271, 56216, 56216,
    ]);
  });

  it('rejects other lines, missing fields and non-numbers', () => {
    expect(() => parseResultLine('hello')).toThrow(/not a result line/);
    expect(() => parseResultLine('zactor-erlang-error error {unknown_command,"x"}')).toThrow(
      /the Erlang peer failed/,
    );
    expect(() => parseResultLine('zactor-erlang-result kind=split_pairs oops')).toThrow(
      /bad field/,
    );
    const noPongs = parseResultLine(
      'zactor-erlang-result kind=split_pairs mode=beam placement=default pairs=1 in_flight=1 per_pair=1 pings=1 misplaced=0 elapsed_ns=1 util_min=0.5',
    );
    expect(() => parseSplitPairs(noPongs)).toThrow(/pongs/);
    const badMode = parseResultLine(
      'zactor-erlang-result kind=split_pairs mode=spread placement=default pairs=1 in_flight=1 per_pair=1 pings=1 pongs=1 misplaced=0 elapsed_ns=1 util_min=0.5',
    );
    expect(() => parseSplitPairs(badMode)).toThrow(/mode='spread' is not split or beam/);
    const fraction = parseResultLine(
      'zactor-erlang-result kind=round_trip placement=bound samples=1.5 warmup=0 interval_ns=0 replies=1 misplaced=0 elapsed_ns=1 p50_ns=1 p99_ns=1 max_ns=1',
    );
    expect(() => parseRoundTrip(fraction)).toThrow(/samples='1.5' is not an integer/);
    expect(() => parseSplitPairs(fraction)).toThrow(/expected kind=split_pairs/);
  });
});

describe.skipIf(missing !== undefined)('Erlang programs, started with erl', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zactor-bench-erlang-test-'));
    await compileErlang(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function oneShot(module: string, args: string[]): Promise<string> {
    const { stdout } = await run('erl', [
      ...ERL_FLAGS,
      '-pa',
      dir,
      '-run',
      module,
      'main',
      ...args,
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    return lines[0]!;
  }

  it.each([
    [32, 100, 100, 'split'],
    [3, 5, 7, 'split'],
    [2, 100, 3, 'split'],
    [1, 1, 1, 'split'],
    [32, 100, 100, 'beam'],
    [3, 5, 7, 'beam'],
    [2, 100, 3, 'beam'],
    [1, 1, 1, 'beam'],
  ] as const)(
    'split pairs %i pairs x %i in flight x %i per pair, mode %s: every ping and pong counted once',
    async (pairs, inFlight, perPair, mode) => {
      const r = parseSplitPairs(
        parseResultLine(
          await oneShot('zactor_bench_split_pairs', [
            ...[pairs, inFlight, perPair].map(String),
            mode,
          ]),
        ),
      );
      expect(r).toMatchObject({
        mode,
        // split: every process spawned with {scheduler, N}; beam: none, the VM places them.
        placement: mode === 'split' ? 'bound' : 'default',
        pairs,
        inFlight,
        perPair,
        misplaced: 0,
      });
      expect(r.pings).toBe(pairs * perPair);
      expect(r.pongs).toBe(pairs * perPair);
      expect(r.elapsedNs).toBeGreaterThan(0);
      expect(r.utilMin).toBeGreaterThanOrEqual(0);
      expect(r.utilMin).toBeLessThanOrEqual(1);
    },
  );

  it('split pairs without a mode argument runs the split mode', async () => {
    const r = parseSplitPairs(
      parseResultLine(await oneShot('zactor_bench_split_pairs', ['2', '3', '4'])),
    );
    expect(r).toMatchObject({ mode: 'split', placement: 'bound', pings: 8, pongs: 8 });
  });

  it('round trip: every sample recorded, every ping answered, percentiles ordered', async () => {
    const file = join(dir, 'samples.bin');
    const r = parseRoundTrip(
      parseResultLine(await oneShot('zactor_bench_round_trip', ['200', '20', '1000', file])),
    );
    expect(r).toMatchObject({
      placement: 'bound',
      samples: 200,
      warmup: 20,
      replies: 220,
      misplaced: 0,
      samplesFile: file,
    });
    const bytes = await readFile(file);
    const samples = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
    expect(samples).toHaveLength(200);
    for (const s of samples) expect(Number.isInteger(s) && s > 0).toBe(true);
    const sorted = [...samples].sort((a, b) => a - b);
    expect(r.p50Ns).toBe(sorted[99]);
    expect(r.p99Ns).toBe(sorted[197]);
    expect(r.maxNs).toBe(sorted[199]);
    expect(r.p50Ns).toBeLessThanOrEqual(r.p99Ns);
  });
});

describe.skipIf(missing !== undefined)('ErlangPeer (the VM the runner keeps open)', () => {
  it('answers several commands on one VM with exact counts, then stops', async () => {
    const peer = await ErlangPeer.start();
    try {
      expect(peer.info).toMatchObject({ schedulers: 2, placement: 'bound' });
      expect(peer.info.otp).toMatch(/^\d+$/);
      for (let i = 0; i < 2; i++) {
        const s = await peer.splitPairs(32, 100, 100);
        expect([s.mode, s.pings, s.pongs, s.misplaced]).toEqual(['split', 3200, 3200, 0]);
        const b = await peer.splitPairs(32, 100, 100, 'beam');
        expect([b.mode, b.placement, b.pings, b.pongs]).toEqual(['beam', 'default', 3200, 3200]);
        const t = await peer.roundTrip(200, 20, 1000);
        expect([t.samples, t.replies, t.latenciesNs.length]).toEqual([200, 220, 200]);
      }
      await expect(peer.command('no_such_command')).rejects.toThrow(/unknown_command/);
      await expect(peer.command('split_pairs 1 1 1 spread')).rejects.toThrow(/unknown_mode/);
      // The VM is still serving after a failed command.
      expect((await peer.splitPairs(1, 1, 1)).pings).toBe(1);
    } finally {
      await peer.close();
    }
    await expect(peer.command('split_pairs 1 1 1')).rejects.toThrow(/erl exited/);
  });

  it('runs in the actors suite next to ZActor, at tiny size, through the run loop', async () => {
    for (const [scenario, names] of [
      [clusterSplitPairsWithErlang, [ERLANG_SPLIT_IMPL_NAME, ERLANG_BEAM_IMPL_NAME]],
      [clusterRoundTripWithErlang, [ERLANG_ROUND_TRIP_IMPL_NAME]],
    ] as const) {
      expect(actorsSuite.scenarios).toContain(scenario);
      const impls = scenario.implementations();
      expect(impls.map((i) => i.role)).toContain('zactor');
      const erl = impls.filter((i) => i.role === 'peer' && i.name.startsWith('Erlang/OTP'));
      expect(erl.map((i) => i.name)).toEqual(names);
      const result = await runScenario(
        scenario,
        erl,
        { size: 'tiny', runs: 1, warmups: 0, targetSeconds: 0, maxScale: 1, runTimeoutMs: 60_000 },
        new SilentProgress(),
      );
      expect(result.implementations.map((r) => r.name)).toEqual(names);
      for (const row of result.implementations) {
        expect(row.error).toBeUndefined();
        expect(row.role).toBe('peer');
        expect(row.metrics.length).toBeGreaterThan(0);
        expect(row.metrics.every((m) => Number.isFinite(m.summary.median))).toBe(true);
      }
    }
  });
});

describe('Erlang peer skipped', () => {
  it('reports the implementation as skipped with the reason and how to install Erlang', async () => {
    const absent = detectErlang({ erl: 'zactor-no-such-erl', erlc: 'zactor-no-such-erlc' });
    expect(absent.ok).toBe(false);
    const impls = (['split', 'beam'] as const).map(
      (mode) => new ErlangSplitPairs('lowest worker event-loop utilisation', mode, () => absent),
    );
    const result = await runScenario(
      clusterSplitPairsWithErlang,
      impls,
      { size: 'tiny', runs: 1, warmups: 0, targetSeconds: 0, maxScale: 1, runTimeoutMs: 60_000 },
      new SilentProgress(),
    );
    for (const row of result.implementations) {
      expect(row.skipped).toMatch(
        /Erlang peer skipped: `zactor-no-such-erl` was not found on PATH; .*apt-get install erlang-nox/,
      );
    }
    const table = formatScenario(result);
    expect(table).toContain(`skipped ${ERLANG_SPLIT_IMPL_NAME}: Erlang peer skipped`);
    expect(table).toContain(`skipped ${ERLANG_BEAM_IMPL_NAME}: Erlang peer skipped`);
  });
});

describe('ZActor / Erlang ratio lines', () => {
  const row = (
    name: string,
    role: 'zactor' | 'peer',
    values: Record<string, number>,
  ): ImplementationResult => ({
    name,
    role,
    params: {},
    metrics: Object.entries(values).map(([metric, median]) => ({
      metric,
      unit: 'x',
      better: 'higher',
      summary: {
        median,
        mean: median,
        min: median,
        max: median,
        mad: 0,
        spread: 0,
        flagged: false,
        runs: 1,
        samples: [median],
      },
    })),
  });

  it('divides each ZActor median by the Erlang one', () => {
    const result: ScenarioResult = {
      suite: 'actors',
      scenario: 's',
      countingRule: 'r',
      kind: 'throughput',
      unit: 'msg/s',
      implementations: [
        row('ZActor a', 'zactor', { throughput: 30e6 }),
        row('ZActor bb', 'zactor', { throughput: 1.5e6 }),
        row('nact', 'peer', { throughput: 1e6 }),
        row(ERLANG_SPLIT_IMPL_NAME, 'peer', { throughput: 1.5e6 }),
        row(ERLANG_BEAM_IMPL_NAME, 'peer', { throughput: 6e6 }),
      ],
    };
    // One block per Erlang row: ZActor against the forced split and against the BEAM's placement.
    expect(peerRatioLines(result)).toEqual([
      `  ZActor / ${ERLANG_SPLIT_IMPL_NAME}, throughput (above 1: ZActor ahead):`,
      '    ZActor a   20.0x',
      '    ZActor bb  1.00x',
      `  ZActor / ${ERLANG_BEAM_IMPL_NAME}, throughput (above 1: ZActor ahead):`,
      '    ZActor a   5.00x',
      '    ZActor bb  0.250x',
    ]);
    const latency: ScenarioResult = {
      ...result,
      kind: 'latency',
      implementations: [
        row('ZActor', 'zactor', { p50: 1000, p99: 4000, 'raw p99': 2000 }),
        row(ERLANG_ROUND_TRIP_IMPL_NAME, 'peer', { p50: 40_000, p99: 2000, 'raw p99': 2000 }),
      ],
    };
    expect(peerRatioLines(latency)).toEqual([
      `  ZActor / ${ERLANG_ROUND_TRIP_IMPL_NAME}, latency (below 1: ZActor ahead): p50, p99, raw p99`,
      '    ZActor  0.0250x, 2.00x, 1.00x',
    ]);
    // No reference peer (or no figures for it): no lines.
    expect(
      peerRatioLines({ ...result, implementations: result.implementations.slice(0, 3) }),
    ).toEqual([]);
  });
});
