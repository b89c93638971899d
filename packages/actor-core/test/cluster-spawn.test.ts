import { describe, expect, it } from 'vitest';
import { clusterOf } from '../src/index.js';
import { clusterPerTest } from './helpers.js';

const module = new URL('./workers/cluster-actors.ts', import.meta.url);
const start = clusterPerTest(module);

type SpawnAnswer = { from: number; workers: number[] } | { error: string; text: string };

describe('clusterOf(system).spawn from any thread', () => {
  it('lets an actor on one worker spawn onto the other worker, onto main, and onto its own', async () => {
    const c = await start();
    const spawner = await c.spawn('spawner', { worker: 0 });
    const ask = (message: object) =>
      c.ask<unknown, SpawnAnswer>(spawner, message, { timeoutMs: 10_000 });
    expect(await ask({ kind: 'where', count: 3, worker: 1 })).toEqual({
      from: 0,
      workers: [1, 1, 1],
    });
    expect(await ask({ kind: 'where', count: 1, worker: 'main' })).toEqual({
      from: 0,
      workers: [2],
    });
    expect(await ask({ kind: 'where', count: 2, worker: 0 })).toEqual({ from: 0, workers: [0, 0] });
  });

  it('places actors spawned from a worker with the cluster placement policy', async () => {
    const c = await start();
    const spawner = await c.spawn('spawner', { worker: 1 });
    const workers = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const answer = await c.ask<unknown, SpawnAnswer>(
        spawner,
        { kind: 'where', count: 1 },
        { timeoutMs: 10_000 },
      );
      if ('error' in answer) throw new Error(answer.text);
      for (const w of answer.workers) workers.add(w);
    }
    expect(workers).toEqual(new Set([0, 1]));
  });

  it('rejects a spawn from a worker with the typed error of the main thread', async () => {
    const c = await start();
    const spawner = await c.spawn('spawner', { worker: 0 });
    const unknown = await c.ask<unknown, SpawnAnswer>(spawner, {
      kind: 'nope',
      count: 1,
      worker: 1,
    });
    expect(unknown).toMatchObject({ error: 'UNKNOWN_KIND' });
    expect('text' in unknown && unknown.text).toMatch(
      /^@zactor\/actor-core\/ClusterHandle\.spawn: no actor kind "nope"/,
    );
    const badWorker = await c.ask<unknown, SpawnAnswer>(spawner, {
      kind: 'where',
      count: 1,
      worker: 9,
    });
    expect(badWorker).toMatchObject({ error: 'INVALID_OPTION' });
    const badCount = await c.ask<unknown, SpawnAnswer>(spawner, {
      kind: 'where',
      count: 0,
      worker: 1,
    });
    expect(badCount).toMatchObject({ error: 'INVALID_OPTION' });
  });

  it('gives the main thread the cluster itself, and a plain system nothing', async () => {
    const c = await start();
    expect(clusterOf(c.system)).toBe(c);
    expect(c.nodeId).toBe(2);
    const { ActorSystem } = await import('../src/index.js');
    const plain = new ActorSystem();
    expect(clusterOf(plain)).toBeUndefined();
    await plain.shutdown();
  });
});
