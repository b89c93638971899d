import { seededRandom, testSeed } from '@zactor/testing/seeded-random';
import { describe, expect, it } from 'vitest';
import { BareActor, BareLoop } from '../src/baselines/bare-actor-loop.js';
import { SilentProgress } from '../src/harness/progress.js';
import { runScenario } from '../src/harness/run-loop.js';
import { formatScenario } from '../src/harness/table.js';
import { actorsSuite } from '../src/suites/actors/index.js';
import { PING_PONG_LIMIT_NAME } from '../src/suites/actors/ping-pong.js';

/**
 * The limit row of the actors suite's ping-pong: the bare actor loop it runs on (every message
 * delivered once, in order per actor, never inside `tell`, at most `turnMessages` per turn), and
 * the row itself at tiny size beside ZActor and nact, its counts checked by the run loop, with
 * the ZActor / limit and ZActor / nact ratio lines printed.
 */

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the bare actor loop (baselines/bare-actor-loop.ts)', () => {
  it('delivers every message once, in order per actor, across ring growth (seeded random tells)', async () => {
    const random = seededRandom(testSeed('bare actor loop'));
    for (let trial = 0; trial < 50; trial++) {
      const loop = new BareLoop(1 + Math.floor(random() * 8));
      const actors = 1 + Math.floor(random() * 6);
      const got: number[][] = [];
      const refs: BareActor<number>[] = [];
      const next = new Array<number>(actors).fill(0);
      for (let a = 0; a < actors; a++) {
        got.push([]);
        refs.push(
          new BareActor<number>(loop, (m) => {
            got[a]!.push(m);
            // Some messages make the receiver tell another actor (or itself) from inside a turn.
            if (m % 5 === 0 && random() < 0.5) {
              const to = Math.floor(random() * actors);
              refs[to]!.tell(next[to]!++);
            }
          }),
        );
      }
      const tells = Math.floor(random() * 200);
      for (let i = 0; i < tells; i++) {
        const to = Math.floor(random() * actors);
        refs[to]!.tell(next[to]!++);
      }
      await flush();
      for (let a = 0; a < actors; a++) {
        expect(got[a]).toEqual(Array.from({ length: next[a]! }, (_, i) => i));
      }
    }
  });

  it('never runs a handler inside tell, and runs at most turnMessages per turn', async () => {
    const loop = new BareLoop(3);
    const order: string[] = [];
    const a = new BareActor<number>(loop, (m) => order.push(`a${m}`));
    const b = new BareActor<number>(loop, (m) => order.push(`b${m}`));
    for (let i = 0; i < 5; i++) a.tell(i);
    for (let i = 0; i < 2; i++) b.tell(i);
    expect(order).toEqual([]);
    await flush();
    expect(order).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'a3', 'a4']);
  });
});

describe('ping-pong with its limit row', () => {
  it('runs the limit row beside ZActor and nact at tiny size and prints both ratio lines', async () => {
    const scenario = actorsSuite.scenarios.find((s) => s.name.startsWith('ping-pong, 32 pairs'))!;
    expect(scenario.name).toBe('ping-pong, 32 pairs x 100 in flight');
    const impls = scenario.implementations();
    const limit = impls.find((i) => i.name === PING_PONG_LIMIT_NAME)!;
    expect(limit.role).toBe('baseline');
    const chosen = impls.filter((i) => ['ZActor', 'nact', PING_PONG_LIMIT_NAME].includes(i.name));
    const result = await runScenario(
      scenario,
      chosen,
      { size: 'tiny', runs: 1, warmups: 0, targetSeconds: 0, maxScale: 1, runTimeoutMs: 60_000 },
      new SilentProgress(),
    );
    // The run loop fails a row whose delivered count is not pairs x perPair x 2.
    for (const row of result.implementations) {
      expect(row.error, row.name).toBeUndefined();
      expect(row.metrics[0]!.summary.median, row.name).toBeGreaterThan(0);
    }
    const table = formatScenario(result);
    expect(table).toContain(
      `  ZActor / ${PING_PONG_LIMIT_NAME}, throughput (above 1: ZActor ahead):`,
    );
    expect(table).toContain('  ZActor / nact, throughput (above 1: ZActor ahead):');
    expect(table).toMatch(/ {4}ZActor {2}\d[\d.]*x/);
  });

  it('counts exactly pairs x perPair x 2 deliveries in the limit row', async () => {
    const scenario = actorsSuite.scenarios.find((s) => s.name.startsWith('ping-pong, 32 pairs'))!;
    const limit = scenario.implementations().find((i) => i.name === PING_PONG_LIMIT_NAME)!;
    const p = scenario.sizes.tiny;
    const r = await limit.run(p);
    expect(r.operations).toBe(scenario.operations(p));
  });
});
