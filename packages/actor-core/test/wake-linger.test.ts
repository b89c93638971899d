/**
 * A pool worker's deferred wakes of the main thread (link/wake-linger.ts), through a RingLink
 * on real MpscRings: whether the main thread's ring got a wake is read from its wake signal
 * (a consumer that announced a sleep sees its token move only when a producer woke it).
 */
import { MpscRing } from '@zactor/ringbuffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatchBytes } from '../src/cluster/link/node-link.js';
import { RingLink } from '../src/cluster/link/ring-link.js';
import { WakeLinger } from '../src/cluster/link/wake-linger.js';
import { ActorCluster } from '../src/index.js';
import { clusterPerTest } from './helpers.js';

const MAIN = 2;

function setup(lingerMs: number, capacityBytes = 4096) {
  const rings = [MpscRing.create({ capacityBytes }), undefined, MpscRing.create({ capacityBytes })];
  const woken: number[] = [];
  const link = new RingLink(
    { ring: (node) => rings[node], wake: (node) => woken.push(node) },
    3,
    new WakeLinger(MAIN, lingerMs),
  );
  const main = rings[MAIN]!;
  let token = main.wakeSignal.prepare();
  /** Whether the main thread was woken since the last call (it then announces a sleep again). */
  const mainWoken = (): boolean => {
    const woke = main.wakeSignal.park(token, 0);
    token = main.wakeSignal.prepare();
    return woke;
  };
  const drained = (): number => main.drain(() => undefined);
  return { link, woken, mainWoken, drained, ring0: rings[0]! };
}

const batch: BatchBytes = (() => {
  const f64 = new Float64Array(2);
  return { bytes: new Uint8Array(f64.buffer), f64 };
})();

describe('WakeLinger on a RingLink', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('wakes the main thread at once outside a step, and for other nodes always', () => {
    const { link, woken, mainWoken } = setup(1);
    expect(link.publish(MAIN, batch, 16)).toBe('published');
    expect(mainWoken()).toBe(true);
    link.beginStep();
    expect(link.publish(0, batch, 16)).toBe('published');
    expect(woken).toEqual([MAIN, 0]);
    link.endStep(false);
  });

  it('inside a step publishes quietly and pays the wake when the step did no work', () => {
    const { link, mainWoken, drained } = setup(1000);
    link.beginStep();
    link.publish(MAIN, batch, 16);
    link.publish(MAIN, batch, 16);
    // Published (a consumer that looks finds them) but not woken.
    expect(mainWoken()).toBe(false);
    link.endStep(true);
    expect(mainWoken()).toBe(true);
    expect(drained()).toBe(2);
    // Nothing owed: the next idle step wakes nobody.
    link.beginStep();
    link.endStep(true);
    expect(mainWoken()).toBe(false);
  });

  it('while busy, wakes at most once per linger: the first wake at once, the rest when it has passed', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { link, mainWoken } = setup(1);
    const busyStep = () => {
      link.beginStep();
      link.publish(MAIN, batch, 16);
      link.endStep(false);
    };
    busyStep();
    expect(mainWoken()).toBe(true); // no wake for a long time: this one goes
    vi.advanceTimersByTime(0.4);
    busyStep();
    expect(mainWoken()).toBe(false);
    vi.advanceTimersByTime(0.4);
    busyStep();
    expect(mainWoken()).toBe(false);
    vi.advanceTimersByTime(0.3);
    // 1.1 ms since the last wake: the owed wake is paid even by a step that sent nothing.
    link.beginStep();
    link.endStep(false);
    expect(mainWoken()).toBe(true);
  });

  it('pays an owed wake when the main ring is full, so the main thread drains it', () => {
    const { link, mainWoken, drained } = setup(1000, 128);
    link.beginStep();
    let published = 0;
    while (link.publish(MAIN, batch, 16) === 'published') published++;
    expect(published).toBeGreaterThan(0);
    expect(mainWoken()).toBe(true);
    expect(drained()).toBe(published);
    link.endStep(false);
  });
});

describe('mainWakeLingerMs on an ActorCluster', () => {
  const module = new URL('./workers/cluster-actors.ts', import.meta.url);
  const start = clusterPerTest(module);

  it('is checked before any worker starts', async () => {
    for (const bad of [-1, Number.NaN, 1001]) {
      await expect(
        ActorCluster.start({ module, workers: 1, mainWakeLingerMs: bad }),
      ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    }
  });

  it('answers every ask of a burst from the main thread with the longest linger', async () => {
    const cluster = await start({ mainWakeLingerMs: 1000 });
    const echoes = [
      await cluster.spawn('echo', { worker: 0 }),
      await cluster.spawn('echo', { worker: 1 }),
    ];
    const answers = await Promise.all(
      Array.from({ length: 2000 }, (_, i) => echoes[i % 2]!.ask(i, { timeoutMs: 30_000 })),
    );
    expect(answers).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });
});
