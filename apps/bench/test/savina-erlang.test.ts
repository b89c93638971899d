import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Params } from '../src/harness/scenario.js';
import { detectErlang, ErlangPeer, intField } from '../src/peers/erlang-peer.js';
import {
  ErlangSavina,
  runOnErlang,
  SAVINA_ERL_EXTRA_FLAGS,
} from '../src/suites/savina/erlang-savina.js';
import { SAVINA_BENCHMARKS } from '../src/suites/savina/index.js';

/**
 * The Erlang programs of the Savina suite (erlang/zactor_savina*.erl), run by erl at tiny sizes:
 * each answers the counts of a correct run, through the runner's own check; a wrong expectation
 * is refused; without erl the rows are skipped with the reason. In CI (`CI` or `REQUIRE_ERLANG`
 * set) a missing erl fails, as in erlang-peer.test.ts.
 */

const erlang = detectErlang();
const missing = erlang.ok ? undefined : erlang.reason;
const mustRun = Boolean(process.env.CI) || Boolean(process.env.REQUIRE_ERLANG);
if (missing !== undefined && !mustRun) {
  console.log(`savina-erlang.test.ts: skipping the tests that run erl: ${missing}`);
}
const BENCHMARKS = SAVINA_BENCHMARKS;

describe('Savina on Erlang/OTP in CI', () => {
  it.runIf(mustRun)('erl and erlc are installed (.ci/run installs erlang-nox)', () => {
    expect(missing, `CI must run the Erlang peer: ${missing}`).toBeUndefined();
  });
});

describe.runIf(missing === undefined)('the Savina Erlang programs at tiny sizes', () => {
  // One VM per scheduler count serves every program, as one scenario's row does.
  let one: ErlangPeer;
  let two: ErlangPeer;

  beforeAll(async () => {
    one = await ErlangPeer.start({ schedulers: 1, extraFlags: SAVINA_ERL_EXTRA_FLAGS });
    two = await ErlangPeer.start({ schedulers: 2, extraFlags: SAVINA_ERL_EXTRA_FLAGS });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it.each(BENCHMARKS.map((b) => ({ name: b.name, b })))(
    '$name gives the counts of a correct run on 1 scheduler',
    async ({ b }) => {
      expect(one.info.schedulers).toBe(1);
      const r = await runOnErlang(one, b, b.sizes.tiny, 'Erlang/OTP, 1 scheduler');
      expect(r.operations).toBe(b.messages(b.sizes.tiny));
      expect(r.seconds).toBeGreaterThan(0);
    },
  );

  it('answers the same counts on 2 schedulers (Big, Chameneos, Skynet)', async () => {
    expect(two.info.schedulers).toBe(2);
    for (const b of BENCHMARKS.filter((x) => ['Big', 'Chameneos', 'Skynet'].includes(x.name))) {
      const p = b.sizes.tiny;
      const fields = await two.command(`savina ${b.erlangName} ${b.erlangArgs(p).join(' ')}`);
      for (const [key, value] of Object.entries(b.expected(p))) {
        expect(intField(fields, key), `${b.name} ${key}`).toBe(value);
      }
    }
  });

  it('refuses an Erlang run whose counts are not the expected ones', async () => {
    const b = BENCHMARKS.find((x) => x.name === 'Counting')!;
    const wrong = { ...b, expected: (p: Params) => ({ count: (p['increments'] ?? 0) + 1 }) };
    const row = new ErlangSavina(wrong, 1);
    await row.open();
    try {
      await expect(row.run(b.sizes.tiny)).rejects.toThrow(
        /wrong result: count 1000 \(expected 1001\)/,
      );
    } finally {
      await row.close();
    }
  });
});

describe('without Erlang', () => {
  it('skips the Erlang rows with the reason and how to install it', () => {
    const row = new ErlangSavina(SAVINA_BENCHMARKS[0]!, 1, () => ({
      ok: false,
      reason: 'Erlang peer skipped: `erl` was not found on PATH; install Erlang/OTP',
    }));
    expect(row.skip()).toMatch(/skipped: `erl` was not found/);
    expect(row.name).toBe('Erlang/OTP, 1 scheduler');
  });
});
