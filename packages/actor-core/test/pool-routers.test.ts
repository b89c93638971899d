import { seededRandom, testSeed } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import type { AnyActorRef } from '../src/index.js';
import { clusterPerTest, deferred, record } from './helpers.js';

const module = new URL('./workers/pool-actors.ts', import.meta.url);
// A routee kept busy for a few hundred ms must not be taken for a stuck worker.
const start = clusterPerTest(module, { logFailures: false, unresponsiveMs: 10_000 });

type Who = { type: 'who'; id: number; routee: number };
type Task = { type: 'task'; id: number; work: number };

/** A main-thread actor that records which routee answered each id, until `count` answers. */
function collect(
  c: Awaited<ReturnType<typeof start>>,
  count: number,
): { ref: AnyActorRef; answers: Map<number, number>; all: Promise<void> } {
  const answers = new Map<number, number>();
  const all = deferred();
  const ref = c.system.spawn((m: Who) => {
    answers.set(m.id, m.routee);
    if (answers.size === count) all.resolve();
  });
  return { ref, answers, all: all.promise };
}

/** How many answers each routee gave. */
function perRoutee(answers: Map<number, number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const routee of answers.values()) counts.set(routee, (counts.get(routee) ?? 0) + 1);
  return counts;
}

describe('routers on a pool ref', () => {
  it('round-robin gives each of four routees on two workers exactly a quarter', async () => {
    const c = await start();
    const pool = await c.spawnPool<Task>('whoami', { instances: 4, routing: 'round-robin' });
    const { ref, answers, all } = collect(c, 40);
    for (let id = 0; id < 40; id++) pool.tell({ type: 'task', id, work: 0 }, ref);
    await all;
    const counts = perRoutee(answers);
    expect([...counts.values()]).toEqual([10, 10, 10, 10]);
    const workers = new Set([...counts.keys()].map((id) => c.refOf(id).worker));
    expect(workers).toEqual(new Set([0, 1]));
  });

  it('a stopped router dead-letters later tells (`stopped`) and stops its routees', async () => {
    const c = await start();
    const pool = await c.spawnPool<Task>('whoami', { instances: 2, routing: 'round-robin' });
    const { ref, all } = collect(c, 2);
    pool.tell({ type: 'task', id: 0, work: 0 }, ref);
    pool.tell({ type: 'task', id: 1, work: 0 }, ref);
    await all;
    const letters = record(c.system, 'dead-letter');
    c.system.stop(pool);
    expect(pool.tell({ type: 'task', id: 2, work: 0 }, ref)).toBe(false);
    expect(letters.map((e) => [e.recipient.id, e.reason])).toEqual([[pool.id, 'stopped']]);
    // Head and both routees are gone.
    for (let i = 0; i < 100 && (await c.metrics()).total.actorsAlive > 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await c.metrics()).total.actorsAlive).toBe(1);
  });

  it('broadcast tells every routee', async () => {
    const c = await start();
    const pool = await c.spawnPool<Task>('whoami', { instances: 3, routing: 'broadcast' });
    const routees: number[] = [];
    const three = deferred();
    const ref = c.system.spawn((m: Who) => {
      routees.push(m.routee);
      if (routees.length === 3) three.resolve();
    });
    expect(pool.tell({ type: 'task', id: 1, work: 0 }, ref)).toBe(true);
    await three.promise;
    expect(new Set(routees).size).toBe(3);
  });

  it('consistent hashing keeps each key on one routee while the pool is stable', async () => {
    const seed = testSeed('consistent-hash keys');
    const c = await start();
    const pool = await c.spawnPool<Task & { key: string }>('whoami', {
      instances: 4,
      routing: { consistentHash: { hashKey: (m: { key: string }) => m.key } },
    });
    const random = seededRandom(seed);
    const keys = Array.from({ length: 500 }, () => `user-${Math.floor(random() * 40)}`);
    const { ref, answers, all } = collect(c, keys.length);
    // The router reads the key on the main thread; the `task` schema carries only id and work.
    keys.forEach((key, id) => {
      pool.tell({ type: 'task', id, work: 0, key }, ref);
    });
    await all;
    const routeeOfKey = new Map<string, Set<number>>();
    keys.forEach((key, id) => {
      const set = routeeOfKey.get(key) ?? new Set<number>();
      set.add(answers.get(id)!);
      routeeOfKey.set(key, set);
    });
    expect([...routeeOfKey.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set(answers.values()).size).toBeGreaterThan(1);
  });

  it('random reaches every message to some routee, and more than one routee', async () => {
    const c = await start();
    const pool = await c.spawnPool<Task>('whoami', { instances: 4, routing: 'random' });
    const { ref, answers, all } = collect(c, 200);
    for (let id = 0; id < 200; id++) pool.tell({ type: 'task', id, work: 0 }, ref);
    await all;
    expect(perRoutee(answers).size).toBeGreaterThan(1);
  });

  it('smallest-mailbox sends nothing to a routee its worker reports busy', async () => {
    const c = await start();
    const pool = await c.spawnPool<Task>('whoami', {
      instances: 'per-worker',
      routing: 'smallest-mailbox',
    });
    // About half a second of work for the first routee chosen.
    const long = c.ask<Task, Who>(
      pool,
      { type: 'task', id: 0, work: 1_000_000 },
      { timeoutMs: 30_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const quick: Who[] = [];
    for (let id = 1; id <= 20; id++) {
      quick.push(
        await c.ask<Task, Who>(pool, { type: 'task', id, work: 0 }, { timeoutMs: 30_000 }),
      );
    }
    const busy = (await long).routee;
    expect(quick.filter((w) => w.routee === busy)).toEqual([]);
  });

  it('rejects an unknown routing with INVALID_OPTION', async () => {
    const c = await start();
    await expect(
      c.spawnPool('whoami', { routing: 'sideways' as unknown as 'random' }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});
