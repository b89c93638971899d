import { seededRandom, testSeed } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import { ActorError, type FailureLogEntry } from '../src/index.js';
import { clusterPerTest, deferred, record } from './helpers.js';

const module = new URL('./workers/pool-actors.ts', import.meta.url);
const start = clusterPerTest(module, { logFailures: false });

type Done = { type: 'done'; id: number; worker: number };

/** Polls `check` every 20 ms until it holds or `ms` pass; whether it held. */
async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (!check()) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe('ActorCluster.spawnPool: a balancing pool on a shared queue', () => {
  it('runs every task exactly once when main and two worker producers race four routees', async () => {
    const seed = testSeed('balancing-pool contention');
    const c = await start();
    // A small queue, so producers also meet it full (the main thread's heap overflow).
    const pool = await c.spawnPool('worker', { instances: 4, capacity: 64 });
    const perProducer = 3000;
    const total = perProducer * 3;
    const seen = new Uint8Array(total);
    const perWorker = [0, 0];
    let received = 0;
    const all = deferred();
    const collector = c.system.spawn((message: Done) => {
      seen[message.id]!++;
      perWorker[message.worker]!++;
      if (++received === total) all.resolve();
    });
    for (const worker of [0, 1]) {
      const producer = await c.spawn('producer', { worker });
      producer.tell({
        type: 'produce',
        pool,
        collector,
        first: perProducer * (worker + 1),
        count: perProducer,
        seed: seed + worker + 1,
      });
    }
    const random = seededRandom(seed);
    for (let id = 0; id < perProducer; id++) {
      pool.tell({ type: 'task', id, work: Math.floor(random() * 20) }, collector);
    }
    await all.promise;
    // A task run twice would send a second reply: give it time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toBe(total);
    const wrong = [...seen.keys()].filter((id) => seen[id] !== 1);
    expect(wrong).toEqual([]);
    expect(perWorker[0]).toBeGreaterThan(0);
    expect(perWorker[1]).toBeGreaterThan(0);
    expect(perWorker[0]! + perWorker[1]!).toBe(total);
  });

  it("takes a worker's tells straight into the queue, not through the main thread's head actor", async () => {
    const c = await start();
    const pool = await c.spawnPool('worker', { instances: 'per-worker' });
    const total = 2000;
    let received = 0;
    const all = deferred();
    const collector = c.system.spawn((_message: Done) => {
      if (++received === total) all.resolve();
    });
    const mainIn = async () => {
      const metrics = await c.metrics();
      return metrics.nodes.find((n) => n.node === c.workerCount)!.counters.messagesIn;
    };
    const before = await mainIn();
    const producer = await c.spawn('producer', { worker: 0 });
    producer.tell({ type: 'produce', pool, collector, first: 0, count: total, seed: 7 });
    await all.promise;
    // The main thread took the replies; through its head actor it would have taken every task
    // as well (twice the count).
    const taken = (await mainIn()) - before;
    expect(taken).toBeGreaterThanOrEqual(total);
    expect(taken).toBeLessThan(total + total / 2);
  });

  it('replies to the asker, whichever routee takes the question', async () => {
    const c = await start();
    const pool = await c.spawnPool('worker');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, id) =>
        c.ask<unknown, Done>(pool, { type: 'task', id, work: 1 }, { timeoutMs: 10_000 }),
      ),
    );
    expect(answers.map((a) => a.id)).toEqual(Array.from({ length: 50 }, (_, id) => id));
  });

  it('restarts a routee that throws, dead-letters the message that failed, and keeps serving', async () => {
    const c = await start();
    const lines: FailureLogEntry[] = [];
    c.on('node-failure', ({ entry }) => lines.push(entry));
    const pool = await c.spawnPool('fragile', { instances: 'per-worker' });
    const total = 1000;
    const cursed = total / 100;
    const seen = new Set<number>();
    const collector = c.system.spawn((message: Done) => {
      seen.add(message.id);
    });
    for (let id = 0; id < total; id++) pool.tell({ type: 'task', id, work: 0 }, collector);
    expect(await eventually(() => seen.size === total - cursed, 10_000)).toBe(true);
    expect([...seen].filter((id) => id % 100 === 13)).toEqual([]);
    const metrics = await c.metrics();
    expect(metrics.total.failures).toBe(cursed);
    expect(metrics.total.restarts).toBe(cursed);
    expect(metrics.total.deadLetters).toBe(cursed);
    // The workers' failure logs report dead letters once per 5-second window, by reason.
    const failedLetters = () =>
      lines
        .map((e) => /routee-failed: (\d+)/.exec(e.line)?.[1])
        .reduce((sum, n) => sum + (n === undefined ? 0 : Number(n)), 0);
    expect(await eventually(() => failedLetters() === cursed, 10_000)).toBe(true);
    // Still serving after the failures.
    const answer = await c.ask<unknown, Done>(pool, { type: 'task', id: 5000, work: 0 });
    expect(answer.id).toBe(5000);
  }, 30_000);

  it('dead-letters what is left in the queue at shutdown, so every task is accounted for', async () => {
    const c = await start();
    const pool = await c.spawnPool('worker', { instances: 2 });
    const total = 400;
    let replies = 0;
    const collector = c.system.spawn(() => {
      replies++;
    });
    const letters = record(c.system, 'dead-letter');
    for (let id = 0; id < total; id++) pool.tell({ type: 'task', id, work: 20_000 }, collector);
    await c.shutdown();
    const fromPool = letters.filter((e) => e.recipient.id === pool.id);
    expect(fromPool.every((e) => e.reason === 'shutdown')).toBe(true);
    expect(fromPool.length).toBeGreaterThan(0);
    // Each of the two routees may have held one task when its system stopped.
    const toCollector = letters.filter((e) => e.recipient.id === collector.id).length;
    expect(replies + toCollector + fromPool.length).toBeGreaterThanOrEqual(total - 2);
    expect(replies + toCollector + fromPool.length).toBeLessThanOrEqual(total);
    expect(pool.tell({ type: 'task', id: 0, work: 0 })).toBe(false);
  });

  it('stops: every task is done or dead-lettered `stopped`, from main and worker producers alike', async () => {
    const seed = testSeed('balancing-pool stop');
    const c = await start();
    // A small queue: at the stop, tasks wait in the queue and in both producers' heaps.
    const pool = await c.spawnPool('worker', { instances: 2, capacity: 64 });
    const perProducer = 3000;
    const total = 2 * perProducer;
    const seen = new Uint8Array(total);
    let replies = 0;
    const some = deferred();
    const collector = c.system.spawn((message: Done) => {
      seen[message.id]!++;
      if (++replies === 50) some.resolve();
    });
    const letters = record(c.system, 'dead-letter');
    const producer = await c.spawn('producer', { worker: 0 });
    producer.tell({
      type: 'produce',
      pool,
      collector,
      first: perProducer,
      count: perProducer,
      seed,
    });
    const random = seededRandom(seed);
    for (let id = 0; id < perProducer; id++) {
      pool.tell({ type: 'task', id, work: 200 + Math.floor(random() * 200) }, collector);
    }
    await some.promise;
    c.system.stop(pool);
    // Sent after the stop: a dead letter at once.
    expect(pool.tell({ type: 'task', id: 0, work: 0 }, collector)).toBe(false);
    const stoppedHere = () =>
      letters.filter((e) => e.recipient.id === pool.id && e.reason === 'stopped').length;
    const workersLetters = async () => {
      const metrics = await c.metrics();
      return metrics.nodes
        .filter((n) => n.node < c.workerCount)
        .reduce((sum, n) => sum + n.system.deadLetters, 0);
    };
    let accounted = 0;
    const until = performance.now() + 20_000;
    while (performance.now() < until) {
      accounted = replies + stoppedHere() - 1 + (await workersLetters());
      if (accounted >= total) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Nothing more arrives later (a task run twice, or one left behind in a queue).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(replies + stoppedHere() - 1 + (await workersLetters())).toBe(total);
    expect(accounted).toBe(total);
    expect([...seen.keys()].filter((id) => seen[id]! > 1)).toEqual([]);
    expect(stoppedHere()).toBeGreaterThan(0);
    expect(letters.filter((e) => e.recipient.id === pool.id && e.reason !== 'stopped')).toEqual([]);
  }, 30_000);

  it('stops everywhere when a worker that hosts routees stops it', async () => {
    const c = await start();
    const pool = await c.spawnPool('worker', { instances: 'per-worker' });
    // Worker 0 hosts a routee, so the ref it decodes writes into the queue itself.
    const stopper = await c.spawn('stopper', { worker: 0 });
    const alive = async () => (await c.metrics()).total.actorsAlive;
    const before = await alive();
    stopper.tell({ type: 'stop-pool', pool });
    // The head on the main thread stops, and with it the pool there: tells are dead letters.
    const letters = record(c.system, 'dead-letter');
    expect(await eventually(() => !pool.tell({ type: 'task', id: 1, work: 0 }), 10_000)).toBe(true);
    expect(letters.at(-1)?.reason).toBe('stopped');
    // Both routees and the head are gone; the stopper lives on.
    let now = before;
    for (let i = 0; i < 200 && now !== before - 3; i++) {
      now = await alive();
      if (now !== before - 3) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(now).toBe(before - 3);
  });

  it('does not spawn the routees of a stopped pool on a restarted worker', async () => {
    const c = await start();
    const pool = await c.spawnPool('worker', { instances: 'per-worker' });
    c.system.stop(pool);
    const restarted = deferred();
    c.on('worker-died', (info) => {
      if (info.restarted) restarted.resolve();
    });
    await c.kill(1);
    await restarted.promise;
    // The new worker answers metrics once it runs; a respawn would have been asked by then.
    const aliveOn1 = async () =>
      (await c.metrics()).nodes.find((n) => n.node === 1)?.system.actorsAlive;
    let alive: number | undefined;
    for (let i = 0; i < 200 && alive === undefined; i++) {
      alive = await aliveOn1();
      if (alive === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await aliveOn1()).toBe(0);
  });

  it('spawns the routees of a restarted worker again, and the pool serves on both workers', async () => {
    const c = await start();
    const pool = await c.spawnPool('worker', { instances: 'per-worker' });
    const restarted = deferred();
    c.on('worker-died', (info) => {
      if (info.restarted) restarted.resolve();
    });
    await c.kill(1);
    await restarted.promise;
    // Until the new routee runs, worker 0's routee takes everything: the pool keeps serving.
    const workers = new Set<number>();
    expect(
      await eventually(() => {
        void c
          .ask<unknown, Done>(pool, { type: 'task', id: 1, work: 2000 }, { timeoutMs: 10_000 })
          .then(
            (d) => workers.add(d.worker),
            () => {},
          );
        return workers.size === 2;
      }, 10_000),
    ).toBe(true);
  });

  it('rejects an unknown kind and bad options with typed errors', async () => {
    const c = await start();
    await expect(c.spawnPool('nope')).rejects.toMatchObject({ code: 'UNKNOWN_KIND' });
    await expect(c.spawnPool('worker', { instances: 0 })).rejects.toBeInstanceOf(ActorError);
    await expect(c.spawnPool('worker', { capacity: 100 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });

  it('dead-letters a message too large for a record, and the pool goes on', async () => {
    const c = await start();
    const pool = await c.spawnPool('worker', { recordBytes: 64 });
    const letters = record(c.system, 'dead-letter');
    expect(pool.tell({ text: 'x'.repeat(200) })).toBe(false);
    expect(letters.map((e) => e.reason)).toEqual(['too-large']);
    const answer = await c.ask<unknown, Done>(pool, { type: 'task', id: 7, work: 0 });
    expect(answer.id).toBe(7);
  });
});
