import { describe, expect, it } from 'vitest';
import { SilentProgress } from '../src/harness/progress.js';
import { runScenario } from '../src/harness/run-loop.js';
import { formatScenario } from '../src/harness/table.js';
import { detectErlang, ErlangPeer, intField } from '../src/peers/erlang-peer.js';
import { SAVINA_ERL_EXTRA_FLAGS } from '../src/suites/savina/erlang-savina.js';
import { stressSuite } from '../src/suites/stress/index.js';
import { ErlangResident } from '../src/suites/stress/resident-erlang.js';

/**
 * The Erlang/OTP rows of the stress suite's resident-actors scenario
 * (erlang/zactor_bench_resident.erl): the program's counts at tiny sizes, the rows on 1 and 2
 * schedulers beside ZActor through the run loop with the ratio lines, and the skip path. In CI
 * (`CI` or `REQUIRE_ERLANG` set) a missing erl fails, as in erlang-peer.test.ts.
 */

const erlang = detectErlang();
const missing = erlang.ok ? undefined : erlang.reason;
const mustRun = Boolean(process.env.CI) || Boolean(process.env.REQUIRE_ERLANG);
if (missing !== undefined && !mustRun) {
  console.log(`resident-erlang.test.ts: skipping the tests that run erl: ${missing}`);
}
const plan = {
  size: 'tiny',
  runs: 2,
  warmups: 0,
  targetSeconds: 0,
  maxScale: 1,
  runTimeoutMs: 60_000,
} as const;
const scenario = stressSuite.scenarios.find((s) => s.name.includes('resident actors'))!;

describe('resident actors on Erlang/OTP in CI', () => {
  it.runIf(mustRun)('erl and erlc are installed (.ci/run installs erlang-nox)', () => {
    expect(missing, `CI must run the Erlang peer: ${missing}`).toBeUndefined();
  });
});

describe.runIf(missing === undefined)('the resident-process program', () => {
  it('delivers every message of every run and the processes count them all', async () => {
    const peer = await ErlangPeer.start({ schedulers: 1, extraFlags: SAVINA_ERL_EXTRA_FLAGS });
    try {
      const opened = await peer.command('resident_open 1000');
      expect(intField(opened, 'actors')).toBe(1000);
      await expect(peer.command('resident_open 10')).rejects.toThrow(/resident_already_open/);
      for (const messages of [10_000, 2_345]) {
        const r = await peer.command(`resident_run ${messages}`);
        expect([intField(r, 'messages'), intField(r, 'delivered')]).toEqual([messages, messages]);
        expect(intField(r, 'elapsed_ns')).toBeGreaterThan(0);
      }
      const closed = await peer.command('resident_close');
      expect(intField(await peer.command('resident_open 10'), 'actors')).toBe(10);
      await peer.command('resident_close');
      expect([intField(closed, 'actors'), intField(closed, 'counted')]).toEqual([1000, 12_345]);
      await expect(peer.command('resident_run 1')).rejects.toThrow(/resident_not_open/);
    } finally {
      await peer.close();
    }
  });

  it('runs on 1 and 2 schedulers beside ZActor at tiny size, with the ratio lines', async () => {
    const impls = scenario.implementations();
    expect(impls.map((i) => `${i.name} (${i.role})`)).toEqual([
      'ZActor (zactor)',
      'Erlang/OTP, 1 scheduler (peer)',
      'Erlang/OTP, 2 schedulers (peer)',
    ]);
    const result = await runScenario(scenario, impls, plan, new SilentProgress());
    for (const row of result.implementations) {
      expect(row.error, row.name).toBeUndefined();
      expect(row.skipped, row.name).toBeUndefined();
      expect(row.metrics[0]!.summary.runs, row.name).toBe(2);
      expect(row.metrics[0]!.summary.median, row.name).toBeGreaterThan(0);
    }
    const table = formatScenario(result);
    expect(table).toContain(
      '  ZActor / Erlang/OTP, 1 scheduler, throughput (above 1: ZActor ahead):',
    );
    expect(table).toContain(
      '  ZActor / Erlang/OTP, 2 schedulers, throughput (above 1: ZActor ahead):',
    );
  });

  it('fails the row when the processes counted other than what was sent', async () => {
    const row = new ErlangResident(1);
    await row.open({ actors: 100, messages: 1000 });
    await row.run({ actors: 100, messages: 1000 });
    // One run the row does not know of: the counts at close no longer add up.
    await (row as unknown as { peer: ErlangPeer }).peer.command('resident_run 7');
    await expect(row.close()).rejects.toThrow(/wrong result: counted 1007 \(expected 1000\)/);
  });
});

describe('without Erlang', () => {
  it('skips the rows with the reason and how to install it', async () => {
    const absent = detectErlang({ erl: 'zactor-no-such-erl', erlc: 'zactor-no-such-erlc' });
    const rows = [1, 2].map((s) => new ErlangResident(s, () => absent));
    const result = await runScenario(scenario, rows, plan, new SilentProgress());
    for (const row of result.implementations) {
      expect(row.skipped).toMatch(
        /Erlang peer skipped: `zactor-no-such-erl` was not found on PATH; .*apt-get install erlang-nox/,
      );
    }
    expect(formatScenario(result)).toContain(
      'skipped Erlang/OTP, 1 scheduler: Erlang peer skipped',
    );
  });
});
