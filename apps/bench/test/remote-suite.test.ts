import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { natsRequired, tsxCli } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from '../src/harness/latency-recorder.js';
import { SilentProgress } from '../src/harness/progress.js';
import { runScenario } from '../src/harness/run-loop.js';
import type { Implementation, Scenario } from '../src/harness/scenario.js';
import { formatScenario } from '../src/harness/table.js';
import { erlangDistMissing } from '../src/peers/erlang-dist-peer.js';
import { remoteSuite } from '../src/suites/remote/index.js';
import { natsMissing } from '../src/suites/remote/nats-launcher.js';
import {
  rawPublishBatchedScenario,
  rawPublishSmallScenario,
} from '../src/suites/remote/raw-nats.js';
import { remoteRoundTripScenario } from '../src/suites/remote/round-trip.js';
import { remoteSplitPairsScenario } from '../src/suites/remote/split-pairs.js';

/**
 * The remote suite's pieces at tiny sizes, on a real nats-server and a real forked peer process
 * (and two real erl nodes): every message sent is received (the counts the implementations check
 * and report), every round trip is in the histogram. Without nats-server (or erl, or Erlang
 * distribution) the pieces that need it are skipped here with the reason printed, and fail in CI
 * (`CI` or `REQUIRE_NATS` / `REQUIRE_ERLANG` set).
 */

const nats = natsMissing();
const erlang = erlangDistMissing();
const mustRunErlang = Boolean(process.env.CI) || Boolean(process.env.REQUIRE_ERLANG);
if (nats !== undefined && !natsRequired()) console.log(`remote-suite.test.ts: ${nats}`);
if (erlang !== undefined && !mustRunErlang) console.log(`remote-suite.test.ts: ${erlang}`);

const isErlang = (impl: Implementation): boolean => impl.name.startsWith('Erlang/OTP');

/** Opens `impl`, runs it once with the scenario's tiny parameters, closes it. */
async function runOnce(scenario: Scenario, impl: Implementation) {
  const params = scenario.sizes.tiny;
  expect(impl.skip?.(params)).toBeUndefined();
  await impl.open?.(params);
  try {
    return { params, result: await impl.run(params) };
  } finally {
    await impl.close?.();
  }
}

describe('the remote suite in CI', () => {
  it.runIf(natsRequired())('has nats-server (the suite must run, never skip)', () => {
    expect(nats, `CI must run the remote suite: ${nats}`).toBeUndefined();
  });
  it.runIf(mustRunErlang)('can start Erlang distribution (two erl -sname nodes)', () => {
    expect(erlang, `CI must run the Erlang distribution peer: ${erlang}`).toBeUndefined();
  });
});

describe('the remote suite', () => {
  it('is registered with its four scenarios', () => {
    expect(remoteSuite.scenarios.map((s) => s.name)).toEqual([
      remoteSplitPairsScenario.name,
      remoteRoundTripScenario.name,
      rawPublishSmallScenario.name,
      rawPublishBatchedScenario.name,
    ]);
  });

  it('says it was skipped and how to install nats-server when the binary is missing', () => {
    const launcher = new URL('../src/suites/remote/nats-launcher.ts', import.meta.url).href;
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(dirname(tsxCli), 'loader.mjs')).href,
        '--input-type=module',
        '-e',
        `import { natsMissing } from ${JSON.stringify(launcher)}; console.log(natsMissing());`,
      ],
      { encoding: 'utf8', env: { ...process.env, NATS_SERVER: '/nonexistent/nats-server' } },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('remote suite skipped: nats-server is not installed');
    expect(r.stdout).toContain('apt-get install -y nats-server');
  });

  it('reports every implementation as skipped, with the reason, when a tool is missing', () => {
    for (const scenario of remoteSuite.scenarios) {
      for (const impl of scenario.implementations()) {
        const why = impl.skip?.(scenario.sizes.tiny);
        const expected = isErlang(impl) ? erlang : nats;
        expect(why).toBe(expected);
      }
    }
  });
});

describe.skipIf(nats !== undefined)('the remote suite on a real nats-server', () => {
  for (const impl of remoteSplitPairsScenario.implementations().filter((i) => !isErlang(i))) {
    it(`delivers every ping and pong across the processes: ${impl.name}`, async () => {
      const { params, result } = await runOnce(remoteSplitPairsScenario, impl);
      // Pings counted by the echoes plus pongs counted by the clients, in both processes.
      expect(result.operations).toBe(params.pairs! * params.perPair! * 2);
      expect(result.seconds).toBeGreaterThan(0);
    });
  }

  for (const impl of remoteRoundTripScenario.implementations().filter((i) => !isErlang(i))) {
    it(`puts every round trip in the histogram: ${impl.name}`, async () => {
      const { params, result } = await runOnce(remoteRoundTripScenario, impl);
      expect(result.operations).toBe(params.samples);
      expect(result.latenciesNs?.length).toBe(params.samples);
      const recorder = new LatencyRecorder(remoteRoundTripScenario.expectedIntervalNs ?? 0);
      recorder.recordAll(result.latenciesNs!);
      expect(recorder.rawCount).toBe(params.samples);
      expect(recorder.correctedCount).toBe(params.samples);
      expect(recorder.valueAt(50)).toBeGreaterThan(0);
      recorder.destroy();
    });
  }

  for (const scenario of [rawPublishSmallScenario, rawPublishBatchedScenario]) {
    it(`receives every published message in the peer process: ${scenario.name}`, async () => {
      const [impl] = scenario.implementations();
      const { params, result } = await runOnce(scenario, impl!);
      expect(result.operations).toBe(params.messages);
      expect(result.extra?.['payload MiB/s']).toBeGreaterThan(0);
    });
  }

  it('runs the round-trip scenario through the run loop, each row with its count checked', async () => {
    const impls = remoteRoundTripScenario.implementations().filter((i) => !isErlang(i));
    const result = await runScenario(
      remoteRoundTripScenario,
      impls,
      { size: 'tiny', runs: 2, warmups: 1, targetSeconds: 0, maxScale: 1, runTimeoutMs: 60_000 },
      new SilentProgress(),
    );
    expect(result.implementations.map((i) => i.error)).toEqual(impls.map(() => undefined));
    expect(formatScenario(result)).toContain('raw NATS nc.request');
  });
});

describe.skipIf(erlang !== undefined)('Erlang/OTP distribution between two erl nodes', () => {
  it('delivers every ping and pong across the nodes', async () => {
    const impl = remoteSplitPairsScenario.implementations().find(isErlang)!;
    const { params, result } = await runOnce(remoteSplitPairsScenario, impl);
    expect(result.operations).toBe(params.pairs! * params.perPair! * 2);
  });

  it('records every round trip', async () => {
    const impl = remoteRoundTripScenario.implementations().find(isErlang)!;
    const { params, result } = await runOnce(remoteRoundTripScenario, impl);
    expect(result.latenciesNs?.length).toBe(params.samples);
    expect(Math.min(...result.latenciesNs!)).toBeGreaterThan(0);
  });
});
