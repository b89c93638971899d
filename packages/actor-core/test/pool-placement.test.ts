import { PinnedPlacement, type Placement, type PlacementView } from '@zactor/scheduler-numa';
import { describe, expect, it } from 'vitest';
import { ActorCluster } from '../src/index.js';
import { clusterPerTest } from './helpers.js';

const module = new URL('./workers/pool-actors.ts', import.meta.url);
const start = clusterPerTest(module, { logFailures: false });

describe('cluster placement through the Placement role', () => {
  it('places spawns that name no worker with a Placement object, and counts its calls', async () => {
    const pinned = new PinnedPlacement(1);
    let calls = 0;
    const counting: Placement = {
      place(view: PlacementView) {
        calls++;
        return pinned.place(view);
      },
    };
    const c = await start({ placement: counting });
    const refs = await Promise.all([1, 2, 3].map(() => c.spawn('whoami')));
    expect(refs.map((r) => r.worker)).toEqual([1, 1, 1]);
    expect(calls).toBe(3);
    // A named worker does not ask the policy.
    expect((await c.spawn('whoami', { worker: 0 })).worker).toBe(0);
    expect(calls).toBe(3);
  });

  it('places with load-aware on the running workers', async () => {
    const c = await start({ placement: 'load-aware' });
    const refs = await Promise.all([1, 2, 3, 4].map(() => c.spawn('whoami')));
    for (const r of refs) expect([0, 1]).toContain(r.worker);
  });

  it("shows placement each worker's backlog: messages waiting in its mailboxes", async () => {
    let seen: [number, number] = [0, 0];
    const spy: Placement = {
      place(view: PlacementView) {
        seen = [view.backlogOf?.(0) ?? -1, view.backlogOf?.(1) ?? -1];
        return 0;
      },
    };
    // Long turns on worker 1 must not be taken for a stuck worker.
    const c = await start({ placement: spy, unresponsiveMs: 10_000 });
    // Short tasks (20 µs) on many actors, as an overloaded worker has them: its dispatcher
    // yields every few ms, and the worker publishes between (a thread inside one long receive
    // publishes nothing until it returns).
    const busy = await Promise.all(
      Array.from({ length: 40 }, () => c.spawn('slow', { worker: 1 })),
    );
    let replies = 0;
    const collector = c.system.spawn(() => {
      replies++;
    });
    const total = 20_000;
    for (let id = 0; id < total; id++) {
      busy[id % busy.length]!.tell({ type: 'task', id, work: 20 }, collector);
    }
    // While worker 1 works through them, placement sees them waiting there and none on 0.
    let most = 0;
    for (let i = 0; i < 2000 && replies < total; i++) {
      await c.spawn('whoami');
      most = Math.max(most, seen[1]);
      expect(seen[0]).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(total);
    // Once they are handled, the backlog goes back to 0.
    for (let i = 0; i < 200 && (replies < total || seen[1] !== 0); i++) {
      await c.spawn('whoami');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(replies).toBe(total);
    expect(seen).toEqual([0, 0]);
  });

  it('starts its workers with the resourceLimits given', async () => {
    const c = await start({ resourceLimits: { maxYoungGenerationSizeMb: 96 } });
    for (const worker of [0, 1]) {
      const probe = await c.spawn('limits', { worker });
      const answer = await c.ask<unknown, { id: number }>(probe, { type: 'task', id: 0, work: 0 });
      expect(answer.id).toBe(96);
    }
  });

  it('refuses an unknown policy before any worker starts', async () => {
    await expect(
      ActorCluster.start({ module, placement: 'sideways' as unknown as 'load-aware' }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});
