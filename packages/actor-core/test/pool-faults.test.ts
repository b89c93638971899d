/**
 * Balancing pools when something goes wrong around a task: a routee that fails on a message of
 * its own after a task, a message the codec refuses while the queue is full, a worker restarted
 * while its pool is still being spawned, a producer killed while the codec runs its message's
 * code (a worker killed inside a queue operation: pool-dead-worker.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { PoolTarget } from '../src/cluster/pool/pool-target.js';
import type { AnyActorRef } from '../src/index.js';
import { deferred, untilWorkerSpawns, waitUntil } from './helpers.js';
import { type Done, poolFaultClusters } from './pool-fault-cluster.js';

const start = poolFaultClusters();

describe('a balancing pool', () => {
  it('dead-letters no task that was handled when its routee then fails on a message of its own', async () => {
    const c = await start();
    const pool = await c.spawnPool('followUp', { instances: 1 });
    const answer = await c.ask<unknown, Done>(pool, { type: 'task', id: 7, work: 0 });
    expect(answer.id).toBe(7);
    // The routee then fails on its own follow-up message (not a pool task) and is restarted.
    await waitUntil(async () => (await c.metrics()).total.restarts === 1, 'the restart');
    const [w0, w1] = await Promise.all(
      [0, 1].map(async (worker) => {
        const probe = await c.spawn('letters', { worker });
        return c.ask<unknown, { letters: string }>(probe, { type: 'x' });
      }),
    );
    expect([JSON.parse(w0!.letters), JSON.parse(w1!.letters)]).toEqual([[], []]);
  });

  it('refuses at tell a message the codec cannot write while the queue is full, and serves the rest', async () => {
    const c = await start();
    // One routee, two cells: the tells below wait in the main thread's heap.
    const pool = await c.spawnPool('slow', { instances: 1, capacity: 2 });
    const replies = new Set<number>();
    const collector = c.system.spawn((m: Done) => {
      replies.add(m.id);
    });
    for (let id = 0; id < 8; id++) pool.tell({ type: 'task', id, work: 20_000 }, collector);
    const target = (pool as unknown as { cell: PoolTarget<unknown> }).cell;
    expect(target.waitingCount).toBeGreaterThan(0);
    // id -1 does not fit the schema's u32: refused as it is with a free cell.
    expect(() => pool.tell({ type: 'task', id: -1, work: 0 }, collector)).toThrow(/cannot be sent/);
    for (let id = 8; id < 12; id++) pool.tell({ type: 'task', id, work: 0 }, collector);
    await waitUntil(() => replies.size === 12, 'all 12 good tasks', 30_000);
    expect(target.waitingCount).toBe(0);
  });

  it('spawns the routees of a worker restarted while the pool was still being spawned', async () => {
    // Which workers' routees the pool's target is given (the spawn, then respawns).
    const given: number[] = [];
    const setRoutees = PoolTarget.prototype.setRoutees;
    PoolTarget.prototype.setRoutees = function (worker: number, routees: readonly AnyActorRef[]) {
      given.push(worker);
      return setRoutees.call(this, worker, routees);
    };
    try {
      const c = await start();
      const gate = new SharedArrayBuffer(8);
      const g = new Int32Array(gate);
      // Worker 1 answers at once; worker 0's spawn waits at the gate.
      const spawning = c.spawnPool('gated', { instances: 'per-worker', args: { gate } });
      await waitUntil(() => given.includes(1), "worker 1's routee", 30_000);
      // Worker 1 dies after its routee was counted, while spawnPool still waits for worker 0.
      await c.kill(1);
      await untilWorkerSpawns(c, 'letters', 1, 30_000);
      Atomics.store(g, 0, 1);
      Atomics.notify(g, 0);
      const pool = await spawning;
      await waitUntil(() => given.filter((w) => w === 1).length === 2, 'the respawn', 30_000);
      expect((await c.ask<unknown, Done>(pool, { type: 'task', id: 1, work: 0 })).id).toBe(1);
      const aliveOn1 = (await c.metrics()).nodes.find((n) => n.node === 1)?.system.actorsAlive;
      // The probe and the pool's routee.
      expect(aliveOn1).toBe(2);
    } finally {
      PoolTarget.prototype.setRoutees = setRoutees;
    }
  });

  it('keeps serving after a producer is killed while the codec runs its message (no cell was claimed)', async () => {
    const c = await start();
    const pool = await c.spawnPool('echo', { instances: 'per-worker' });
    expect((await c.ask<unknown, Done>(pool, { type: 'task', id: 1, work: 0 })).id).toBe(1);
    const flag = new SharedArrayBuffer(4);
    const wedger = await c.spawn('wedger', { worker: 1, args: { flag } });
    // Worker 1 hosts a routee, so the pool ref it decodes writes straight into the queue; the
    // message's getter never returns.
    wedger.tell({ type: 'wedge', pool });
    await waitUntil(() => Atomics.load(new Int32Array(flag), 0) === 1, 'the getter');
    const restarted = deferred();
    c.on('worker-died', (info) => {
      if (info.restarted) restarted.resolve();
    });
    // As the liveness monitor would kill a hung worker.
    await c.kill(1);
    await restarted.promise;
    const replies = new Set<number>();
    const collector = c.system.spawn((m: Done) => {
      replies.add(m.id);
    });
    for (let id = 100; id < 110; id++) pool.tell({ type: 'task', id, work: 0 }, collector);
    await waitUntil(() => replies.size === 10, '10 replies', 30_000);
  });

  it('publishes both messages intact when the codec of one tells the same pool (a getter)', async () => {
    const c = await start();
    const pool = await c.spawnPool('echo', { instances: 'per-worker' });
    const replies: number[] = [];
    const collector = c.system.spawn((m: Done) => {
      replies.push(m.id);
    });
    let nested = false;
    pool.tell(
      {
        type: 'task',
        id: 1,
        get work(): number {
          if (!nested) {
            nested = true;
            pool.tell({ type: 'task', id: 99, work: 0 }, collector);
          }
          return 0;
        },
      },
      collector,
    );
    await waitUntil(() => replies.length >= 2, 'two replies', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(replies.sort((a, b) => a - b)).toEqual([1, 99]);
  });

  it('gives a waiting message one fate when its codec stops the pool during a retry', async () => {
    const c = await start();
    const pool = await c.spawnPool('slow', { instances: 1, capacity: 2 });
    const letters: [number, string][] = [];
    c.system.events.subscribe(
      (e) => {
        const m = e.message as { id?: number } | undefined;
        if (typeof m?.id === 'number') letters.push([m.id, e.reason]);
      },
      ['dead-letter'],
    );
    const replies: number[] = [];
    const collector = c.system.spawn((m: Done) => {
      replies.push(m.id);
    });
    let armed = false;
    let stopped = false;
    for (let id = 0; id < 8; id++) {
      if (id !== 5) {
        pool.tell({ type: 'task', id, work: 20_000 }, collector);
        continue;
      }
      pool.tell(
        {
          type: 'task',
          id,
          get work(): number {
            if (armed && !stopped) {
              stopped = true;
              c.system.stop(pool);
            }
            return 20_000;
          },
        },
        collector,
      );
    }
    const target = (pool as unknown as { cell: PoolTarget<unknown> }).cell;
    expect(target.waitingCount).toBeGreaterThan(0);
    armed = true;
    await waitUntil(() => stopped, 'the stop in the getter', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await c.shutdown();
    const fates = [
      ...letters.filter(([id]) => id === 5).map(([, reason]) => reason),
      ...replies.filter((id) => id === 5).map(() => 'handled'),
    ];
    expect(fates).toHaveLength(1);
  });

  it('dead-letters a failed task routee-failed, NaN too', async () => {
    const c = await start();
    const pool = await c.spawnPool('thrower', { instances: 1 });
    pool.tell(5);
    await waitUntil(async () => (await c.metrics()).total.restarts === 1, 'the first restart');
    pool.tell(Number.NaN);
    await waitUntil(async () => (await c.metrics()).total.restarts === 2, 'the second restart');
    const letters = await Promise.all(
      [0, 1].map(async (worker) => {
        const probe = await c.spawn('letters', { worker });
        const { letters } = await c.ask<unknown, { letters: string }>(probe, { type: 'x' });
        return JSON.parse(letters) as [string, number | null][];
      }),
    );
    // JSON writes NaN as null.
    expect(letters.flat().filter(([reason]) => reason === 'routee-failed')).toEqual([
      ['routee-failed', 5],
      ['routee-failed', null],
    ]);
  });
});
