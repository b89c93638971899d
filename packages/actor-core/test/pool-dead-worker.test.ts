/**
 * Balancing pools when a worker dies inside an operation on the pool's queue: between claiming a
 * cell and publishing it, or between taking a record and releasing its cell. Worker 1 runs the
 * `halfDone` actor, which stops right there with the worker's own views of the queue (as a
 * termination at that instruction would leave it), and is killed; the main thread must settle
 * what it left (pool/pool-orphans.ts), or the pool stops for good.
 */
import { WorkerPool } from '@zactor/scheduler-numa';
import { describe, expect, it } from 'vitest';
import type { ActorClusterOptions, ActorRef } from '../src/index.js';
import { deferred, waitUntil } from './helpers.js';
import { type Done, poolFaultClusters } from './pool-fault-cluster.js';

const start = poolFaultClusters();
const CLAIM = 0;
const ACQUIRE = 1;

/**
 * A cluster with an `echo` pool (a routee per worker, 8 cells) whose worker 1 is stopped inside
 * a claim (`CLAIM`: a cell claimed, not published) or waiting to take a record it will not
 * release (`ACQUIRE`: raised once it waits; it takes a record told, against worker 0's routee).
 */
async function halfDone(side: number, options: Partial<ActorClusterOptions> = {}) {
  const c = await start(options);
  const pool = await c.spawnPool<unknown>('echo', { instances: 'per-worker', capacity: 8 });
  if (side === CLAIM) {
    expect((await c.ask<unknown, Done>(pool, { type: 'task', id: 1, work: 0 })).id).toBe(1);
  }
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const half = await c.spawn('halfDone', { worker: 1, args: { flag: flag.buffer } });
  half.tell({ type: 'halfDone', pool, side });
  if (side === CLAIM) await waitUntil(() => Atomics.load(flag, 0) === 1, 'the claim');
  else await waitUntil(() => Atomics.load(flag, 1) === 1, 'worker 1 waiting to take');
  const replies = new Set<number>();
  const collector = c.system.spawn((m: Done) => {
    replies.add(m.id);
  });
  const tell = (from: number, to: number) => {
    for (let id = from; id < to; id++) pool.tell({ type: 'task', id, work: 0 }, collector);
  };
  return { c, pool: pool as ActorRef<unknown>, flag, replies, tell };
}

describe('a balancing pool whose worker dies inside a queue operation', () => {
  it('serves again after a worker is killed between claiming a cell and publishing it', async () => {
    const { c, replies, tell } = await halfDone(CLAIM);
    // Behind the claimed cell: no routee can take these until it is published.
    tell(100, 105);
    const restarted = deferred();
    c.on('worker-died', (info) => {
      if (info.restarted) restarted.resolve();
    });
    await c.kill(1);
    await restarted.promise;
    tell(105, 120);
    await waitUntil(() => replies.size === 20, '20 replies', 30_000);
  });

  it('wakes the workers parked in front of a dead worker claim once it is published as a skip', async () => {
    const { c, replies, tell } = await halfDone(CLAIM, { restartWorkers: false });
    tell(100, 105);
    // Worker 0 finds the queue blocked at the claimed cell and parks (for up to a second).
    // After the kill nothing is told: the only wake-ups of worker 0 are the settling's.
    const woken: number[] = [];
    const wake = WorkerPool.prototype.wake;
    WorkerPool.prototype.wake = function (worker: number) {
      woken.push(worker);
      return wake.call(this, worker);
    };
    try {
      await c.kill(1);
      await waitUntil(() => replies.size === 5, '5 replies', 30_000);
      expect(woken).toContain(0);
    } finally {
      WorkerPool.prototype.wake = wake;
    }
  });

  it('dead-letters, as stopped, the tasks a dead worker claim held back in a pool stopped meanwhile', async () => {
    const { c, pool, tell } = await halfDone(CLAIM, { restartWorkers: false });
    const stopped: number[] = [];
    c.system.events.subscribe(
      (e) => {
        const id = (e.message as { id?: number } | undefined)?.id;
        if (e.reason === 'stopped' && typeof id === 'number') stopped.push(id);
      },
      ['dead-letter'],
    );
    tell(100, 105);
    // The stop's drain ends in front of the claimed cell; the settling publishes it as a skip.
    c.system.stop(pool);
    await c.kill(1);
    await waitUntil(() => stopped.length === 5, 'the 5 dead letters', 30_000);
    expect(stopped.sort()).toEqual([100, 101, 102, 103, 104]);
  });

  it('dead-letters the task a worker killed between taking it and releasing its cell held, and serves again', async () => {
    const { c, flag, replies, tell } = await halfDone(ACQUIRE);
    const letters: [string, number][] = [];
    c.system.events.subscribe(
      (e) => letters.push([e.reason, (e.message as { id: number }).id]),
      ['dead-letter'],
    );
    // One task at a time until worker 1 has taken one (worker 0's routee competes for each).
    let told = 0;
    while (Atomics.load(flag, 0) !== 2) {
      if (told === 1000) throw new Error('worker 1 took none of 1000 tasks');
      const id = told++;
      tell(id, id + 1);
      await waitUntil(() => replies.has(id) || Atomics.load(flag, 0) === 2, `task ${id}`, 30_000);
    }
    const held = told - 1;
    expect(replies.size).toBe(held);
    await c.kill(1);
    await waitUntil(() => letters.length === 1, 'the dead letter', 30_000);
    expect(letters).toEqual([['worker-dead', held]]);
    // The held cell is free again: two laps of new tasks go through.
    tell(1000, 1016);
    await waitUntil(() => replies.size === held + 16, 'the new replies', 30_000);
  });
});
