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

  it('refuses an unknown policy before any worker starts', async () => {
    await expect(
      ActorCluster.start({ module, placement: 'sideways' as unknown as 'load-aware' }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});
