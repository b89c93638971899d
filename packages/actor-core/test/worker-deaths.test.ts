/**
 * WorkerDeaths: the pools' settling of a dead worker (`died`) runs first and is awaited with the
 * rest of the death's handling, without holding up the restart, and neither can end `settled()`
 * early or go unhandled, and a failure is reported on stderr (cluster-listeners.test.ts: a
 * throwing event listener).
 */

import { MpscRing } from '@zactor/ringbuffer';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RECORD_ENVELOPES } from '../src/cluster/wire/envelope-layout.js';
import { WorkerDeaths, type WorkerDeathsParts } from '../src/cluster/worker-deaths.js';
import type { SystemEvent } from '../src/index.js';
import { waitUntil } from './helpers.js';
import { records, setup } from './inbound-fixture.js';

/** Parts of a main thread whose pool restarts at once; `log` records the steps. */
function fakeParts(over: Partial<WorkerDeathsParts>) {
  const log: string[] = [];
  const parts = {
    pool: {
      workerCount: 2,
      inbound: () => undefined,
      restart: async (w: number) => void log.push(`restart ${w}`),
      worker: () => undefined,
      metrics: () => ({ state: 'running' }),
    },
    node: {
      base: 0,
      workerDied: () => {},
      workerRestarted: () => {},
      losses: { drainDeadInbox: () => ({}) },
    },
    channel: {
      failWorker: () => {},
      noticeDeath: async () => [],
      listen: () => {},
      broadcast: () => {},
    },
    restartWorkers: true,
    unresponsive: { settle: () => undefined },
    noticeMs: 10,
    isClosing: () => false,
    report: () => void log.push('report'),
    reclaimBlocks: () => 0,
    restarted: (w: number) => void log.push(`restarted ${w}`),
    ...over,
  } as unknown as WorkerDeathsParts;
  return { parts, log };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterAll(() => void process.off('unhandledRejection', onUnhandled));
afterEach(() => {
  unhandled.length = 0;
});

const turns = (n: number) => new Promise((resolve) => setTimeout(resolve, n));

/** Worker 1 of `parts` dies; resolves, once its death is dealt with, with what was printed. */
async function dieAndSettle(parts: WorkerDeathsParts): Promise<unknown[][]> {
  const { errors, restore } = captureConsoleError();
  try {
    const deaths = new WorkerDeaths(parts);
    deaths.died(1, 1, undefined);
    await deaths.settled();
  } finally {
    restore();
  }
  return errors;
}

/** Collects what is printed with console.error until `restore`. */
function captureConsoleError(): { errors: unknown[][]; restore: () => void } {
  const errors: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args);
  return { errors, restore: () => void (console.error = original) };
}

describe('WorkerDeaths', () => {
  it('restarts without waiting for the settling, and settled() waits for both', async () => {
    let finish!: () => void;
    const { parts, log } = fakeParts({ died: () => new Promise<void>((r) => (finish = r)) });
    const deaths = new WorkerDeaths(parts);
    deaths.died(1, 1, undefined);
    let done = false;
    void deaths.settled().then(() => (done = true));
    await waitUntil(() => log.includes('restarted 1'), 'the restart');
    expect(log).toEqual(['report', 'restart 1', 'restarted 1']);
    await turns(5);
    expect(done).toBe(false);
    finish();
    await waitUntil(() => done, 'settled()');
  });

  it('lets a failed settling neither end settled() before the restart nor go unhandled, and reports it', async () => {
    let gate!: () => void;
    const { parts, log } = fakeParts({
      died: () => Promise.reject(new Error('settle failed')),
      channel: {
        failWorker: () => {},
        noticeDeath: () => new Promise<number[]>((r) => (gate = () => r([]))),
        listen: () => {},
        broadcast: () => {},
      } as never,
    });
    const { errors, restore } = captureConsoleError();
    let outcome = 'pending';
    try {
      const deaths = new WorkerDeaths(parts);
      deaths.died(1, 1, undefined);
      void deaths.settled().then(
        () => (outcome = 'resolved'),
        (e: Error) => (outcome = `rejected: ${e.message}`),
      );
      await turns(5);
      expect(outcome).toBe('pending');
      gate();
      await waitUntil(() => outcome !== 'pending', 'settled()');
    } finally {
      restore();
    }
    expect({ outcome, log, unhandled: unhandled.length }).toEqual({
      outcome: 'resolved',
      log: ['report', 'restart 1', 'restarted 1'],
      unhandled: 0,
    });
    expect(String(errors[0]?.[0])).toMatch(/worker 1 died; handling its death failed/);
  });

  it('reports a failure in the handling of a death on stderr', async () => {
    const { parts, log } = fakeParts({
      // e.g. the liveness policy's bookkeeping throws: nothing after it runs.
      unresponsive: {
        settle: () => {
          throw new Error('a bug in the death handling');
        },
      } as never,
    });
    const errors = await dieAndSettle(parts);
    expect(log).toEqual([]);
    expect(errors.map((args) => String(args[0]))).toEqual([
      '@zactor/actor-core/ActorCluster: worker 1 died; handling its death failed:',
    ]);
    expect(String(errors[0]![1])).toMatch(/a bug in the death handling/);
  });

  it('reports a restart that fails on stderr', async () => {
    const { parts, log } = fakeParts({});
    (parts.pool as unknown as { restart: () => Promise<void> }).restart = () =>
      Promise.reject(new Error('no thread'));
    const errors = await dieAndSettle(parts);
    expect(log).toEqual(['report']);
    expect(String(errors[0]?.[0])).toMatch(/worker 1 died; its restart failed/);
  });

  it("drains a dead, unreplaced worker's ring again once the workers slow to acknowledge its death have", async () => {
    // Node 1 of 3 stands in for the main thread; worker 1 (node 1's id here) dies.
    const { node, spawn } = setup();
    const target = spawn();
    const ring = MpscRing.create({ capacityBytes: 4096 });
    const publish = (n: number) => {
      const { view, length } = records().number(n, target.id, -1).record();
      const at = ring.tryClaim(RECORD_ENVELOPES, length);
      ring.bytes.set(new Uint8Array(view.buffer, view.byteOffset, length), at);
      ring.commit(at);
    };
    publish(1);
    const dead: unknown[] = [];
    node.system.events.subscribe(
      (e) => dead.push((e as { message: unknown }).message),
      ['dead-letter'],
    );
    // Worker 0 does not acknowledge in time; it publishes once more, then acknowledges when
    // asked again.
    const notices: (readonly number[] | undefined)[] = [];
    const { parts, log } = fakeParts({
      node: node as never,
      restartWorkers: false,
      channel: {
        failWorker: () => {},
        noticeDeath: async (_w: number, _ms: number, only?: readonly number[]) => {
          notices.push(only);
          if (notices.length === 1) return [0];
          publish(2);
          return [];
        },
        listen: () => {},
        broadcast: () => {},
      } as never,
    });
    Object.assign(parts.pool, {
      inbound: (w: number) => (w === 1 ? { buffer: ring.buffer } : undefined),
      metrics: (w: number) => ({ state: w === 1 ? 'dead' : 'running' }),
    });
    const deaths = new WorkerDeaths(parts);
    deaths.died(1, 1, undefined);
    await deaths.settled();
    expect(log).toEqual(['report']);
    expect(notices).toEqual([undefined, [0]]);
    expect(dead).toEqual([1, 2]);
    expect(target.sink).toEqual([]);
    // Nothing is left for the shutdown's sweep.
    expect(deaths.sweepDead()).toBe(0);
  });

  it('asks a worker that never acknowledges less and less often, and stops once the cluster closes (the shutdown sweeps)', async () => {
    let asked = 0;
    let closing = false;
    const waits: number[] = [];
    const { parts, log } = fakeParts({
      restartWorkers: false,
      isClosing: () => closing,
      channel: {
        failWorker: () => {},
        noticeDeath: async (_w: number, ms: number) => {
          waits.push(ms);
          // A macrotask, as a real request's timeout is: a loop that never ends fails by timeout.
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (++asked === 9) closing = true;
          return [0];
        },
        listen: () => {},
        broadcast: () => {},
      } as never,
    });
    const deaths = new WorkerDeaths(parts);
    deaths.died(1, 1, undefined);
    await deaths.settled();
    expect({ asked, log }).toEqual({ asked: 9, log: ['report'] });
    // noticeMs (10), then a wait that doubles up to 64 times it.
    expect(waits).toEqual([10, 20, 40, 80, 160, 320, 640, 640, 640]);
  });

  it('reads, at shutdown, what reached the ring of a dead worker no one replaced after its drain', () => {
    // Node 1 of 3 stands in for the main thread; worker 1 (node 1's id here) died earlier.
    const { node, spawn } = setup();
    const target = spawn();
    const late = MpscRing.create({ capacityBytes: 4096 });
    const { view, length } = records().number(7, target.id, -1).number(8, target.id, -1).record();
    const at = late.tryClaim(RECORD_ENVELOPES, length);
    late.bytes.set(new Uint8Array(view.buffer, view.byteOffset, length), at);
    late.commit(at);
    const dead: SystemEvent[] = [];
    node.system.events.subscribe((e) => dead.push(e), ['dead-letter']);
    const { parts } = fakeParts({ node: node as never });
    Object.assign(parts.pool, {
      inbound: (w: number) => (w === 1 ? { buffer: late.buffer } : undefined),
      metrics: (w: number) => ({ state: w === 1 ? 'dead' : 'running' }),
    });
    expect(new WorkerDeaths(parts).sweepDead()).toBe(2);
    expect(dead.map((e) => (e as { message: unknown; reason: string }).reason)).toEqual([
      'worker-dead',
      'worker-dead',
    ]);
    expect(target.sink).toEqual([]);
    // Drained: a second sweep finds nothing.
    expect(new WorkerDeaths(parts).sweepDead()).toBe(0);
  });
});
