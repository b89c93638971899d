/**
 * A router leaves out the routees that stopped (its head watches them, as Akka's router actor
 * does): a routee that stopped itself, or whose worker died and was not replaced, gets no more
 * of the messages; the live ones share them. Before, the router kept picking it and its share
 * became dead letters.
 */
import { describe, expect, it } from 'vitest';
import type { ActorCluster, AnyActorRef } from '../src/index.js';
import { clusterPerTest, deferred, waitUntil } from './helpers.js';
import { STOP_WORK } from './workers/pool-actors.js';

const module = new URL('./workers/pool-actors.ts', import.meta.url);
const start = clusterPerTest(module, { logFailures: false, unresponsiveMs: 10_000 });

type Who = { type: 'who'; id: number; routee: number };
type Task = { type: 'task'; id: number; work: number };

/**
 * Tells `pool` tasks `first` .. `first + count - 1` with a main-thread collector as sender;
 * resolves with the routee that answered each, once all did or 5 s passed (a lost task shows as
 * a missing answer, not as a hang).
 */
async function answers(
  c: ActorCluster,
  pool: AnyActorRef,
  first: number,
  count: number,
): Promise<Map<number, number>> {
  const got = new Map<number, number>();
  const all = deferred();
  const collector = c.system.spawn((m: Who) => {
    got.set(m.id, m.routee);
    if (got.size === count) all.resolve();
  });
  for (let id = first; id < first + count; id++)
    pool.tell({ type: 'task', id, work: 0 }, collector);
  await Promise.race([all.promise, new Promise((resolve) => setTimeout(resolve, 5000))]);
  c.system.stop(collector);
  return got;
}

/** How many answers each routee gave, by routee id. */
function perRoutee(got: Map<number, number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const routee of got.values()) counts.set(routee, (counts.get(routee) ?? 0) + 1);
  return counts;
}

/** Resolves when `ref` stops (a main-thread watcher, told in the same batch as the router's head). */
function stopped(c: ActorCluster, ref: AnyActorRef): Promise<void> {
  const done = deferred();
  c.system.spawn<unknown>({
    preStart: (ctx) => ctx.watch(ref),
    receive: () => done.resolve(),
  });
  return done.promise;
}

describe('a router whose routees stop', () => {
  it('round-robin shares every later task among the routees still alive', async () => {
    const c = await start();
    const pool = await c.spawnPool<Task>('mortal', { instances: 4, routing: 'round-robin' });
    // Round-robin in the routees' order: the first of four answers names the first routee.
    const before = await answers(c, pool, 0, 4);
    expect(before.size).toBe(4);
    const victim = before.get(0)!;
    const gone = stopped(c, c.refOf(victim));
    // The next pick is the first routee again: it stops itself.
    pool.tell({ type: 'task', id: 99, work: STOP_WORK });
    await gone;
    // The head's Terminated came in the same batch as the watcher's; its turn has run by now.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await answers(c, pool, 100, 30);
    expect(after.size).toBe(30);
    const counts = perRoutee(after);
    expect(counts.has(victim)).toBe(false);
    expect([...counts.values()]).toEqual([10, 10, 10]);
  });

  it('leaves out the routees of a worker that died and was not replaced', async () => {
    const c = await start({ restartWorkers: false });
    const pool = await c.spawnPool<Task>('mortal', { instances: 4, routing: 'round-robin' });
    const before = await answers(c, pool, 0, 4);
    const onWorker1 = [...before.values()].filter((id) => c.refOf(id).worker === 1);
    expect(onWorker1.length).toBe(2);
    const gone = Promise.all(onWorker1.map((id) => stopped(c, c.refOf(id))));
    await c.kill(1);
    await gone;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await answers(c, pool, 100, 40);
    expect(after.size).toBe(40);
    const counts = perRoutee(after);
    expect([...counts.keys()].map((id) => c.refOf(id).worker)).toEqual([0, 0]);
    expect([...counts.values()]).toEqual([20, 20]);
  });

  it('consistent hashing moves only the keys of the routee that stopped', async () => {
    const c = await start();
    const hashKey = (m: Task) => m.id % 16;
    const pool = await c.spawnPool<Task>('mortal', {
      instances: 4,
      routing: { consistentHash: { hashKey } },
    });
    const before = await answers(c, pool, 0, 16);
    expect(before.size).toBe(16);
    // The routee of key 0 stops itself (a task of key 0).
    const victim = before.get(0)!;
    const gone = stopped(c, c.refOf(victim));
    pool.tell({ type: 'task', id: 16, work: STOP_WORK });
    await gone;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await answers(c, pool, 32, 16);
    expect(after.size).toBe(16);
    for (const [id, routee] of after) {
      const was = before.get(id - 32)!;
      // The same key as id - 32: it stays where it was unless its routee stopped.
      if (was === victim) expect(routee).not.toBe(victim);
      else expect(routee).toBe(was);
    }
  });

  it("a restarted worker's new routees take the places of those that died with it", async () => {
    const c = await start();
    const pool = await c.spawnPool<Task>('mortal', { instances: 4, routing: 'round-robin' });
    const before = await answers(c, pool, 0, 4);
    const restarted = deferred();
    c.on('worker-died', (info) => {
      if (info.restarted) restarted.resolve();
    });
    await c.kill(1);
    await restarted.promise;
    // Until the new routees are spawned, worker 0's take everything; then all four share.
    await waitUntil(async () => {
      const got = await answers(c, pool, 1000, 8);
      const counts = perRoutee(got);
      return got.size === 8 && counts.size === 4 && [...counts.values()].every((n) => n === 2);
    }, 'four routees sharing again');
    const after = perRoutee(await answers(c, pool, 100, 40));
    const on1 = [...after.keys()].filter((id) => c.refOf(id).worker === 1);
    expect(on1.length).toBe(2);
    expect(on1.some((id) => [...before.values()].includes(id))).toBe(false);
    expect([...after.values()]).toEqual([10, 10, 10, 10]);
  });

  it('with no routee alive, a tell becomes a dead letter', async () => {
    const c = await start();
    const pool = await c.spawnPool<Task>('mortal', { instances: 2, routing: 'round-robin' });
    const both = await answers(c, pool, 0, 2);
    const gone = Promise.all([...both.values()].map((id) => stopped(c, c.refOf(id))));
    pool.tell({ type: 'task', id: 10, work: STOP_WORK });
    pool.tell({ type: 'task', id: 11, work: STOP_WORK });
    await gone;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const deadLetters = async () => (await c.metrics()).total.deadLetters;
    const lettersBefore = await deadLetters();
    pool.tell({ type: 'task', id: 12, work: 0 });
    await waitUntil(async () => (await deadLetters()) === lettersBefore + 1, 'the dead letter');
  });

  it('broadcast reaches the live routees only', async () => {
    const c = await start();
    const pool = await c.spawnPool<Task>('mortal', { instances: 3, routing: 'broadcast' });
    const heard: number[][] = [[], []];
    const three = deferred();
    const two = deferred();
    const collector = c.system.spawn((m: Who) => {
      heard[m.id]!.push(m.routee);
      if (heard[0]!.length === 3) three.resolve();
      if (heard[1]!.length === 2) two.resolve();
    });
    pool.tell({ type: 'task', id: 0, work: 0 }, collector);
    await three.promise;
    const victim = heard[0]![1]!;
    const gone = stopped(c, c.refOf(victim));
    c.system.stop(c.refOf(victim));
    await gone;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A copy to the stopped routee would be a dead letter on its worker: counted in the metrics.
    const deadLetters = async () => (await c.metrics()).total.deadLetters;
    const lettersBefore = await deadLetters();
    expect(pool.tell({ type: 'task', id: 1, work: 0 }, collector)).toBe(true);
    await two.promise;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard[1]!.sort()).toEqual(heard[0]!.filter((r) => r !== victim).sort());
    expect(await deadLetters()).toBe(lettersBefore);
  });
});
