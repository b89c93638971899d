/**
 * WorkerDeaths: the pools' settling of a dead worker (`died`) runs first and is awaited with the
 * rest of the death's handling, without holding up the restart, and neither can end `settled()`
 * early or go unhandled; a `worker-died` listener that throws does not stop the restart.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WorkerDeaths, type WorkerDeathsParts } from '../src/cluster/worker-deaths.js';
import { clusterPerTest, waitUntil } from './helpers.js';

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
      noticeDeath: async () => {},
      listen: () => {},
      broadcast: () => {},
    },
    restartWorkers: true,
    unresponsive: { settle: () => undefined },
    noticeMs: 10,
    isClosing: () => false,
    report: () => void log.push('report'),
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

  it('lets a failed settling neither end settled() before the restart nor go unhandled', async () => {
    let gate!: () => void;
    const { parts, log } = fakeParts({
      died: () => Promise.reject(new Error('settle failed')),
      channel: {
        failWorker: () => {},
        noticeDeath: () => new Promise<void>((r) => (gate = r)),
        listen: () => {},
        broadcast: () => {},
      } as never,
    });
    const deaths = new WorkerDeaths(parts);
    deaths.died(1, 1, undefined);
    let outcome = 'pending';
    void deaths.settled().then(
      () => (outcome = 'resolved'),
      (e: Error) => (outcome = `rejected: ${e.message}`),
    );
    await turns(5);
    expect(outcome).toBe('pending');
    gate();
    await waitUntil(() => outcome !== 'pending', 'settled()');
    expect({ outcome, log, unhandled: unhandled.length }).toEqual({
      outcome: 'resolved',
      log: ['report', 'restart 1', 'restarted 1'],
      unhandled: 0,
    });
  });
});

const start = clusterPerTest(new URL('./workers/fault-actors.ts', import.meta.url));

describe('a worker-died listener that throws', () => {
  it('is reported and does not stop the restart', async () => {
    const c = await start();
    c.on('worker-died', () => {
      throw new Error('a listener bug');
    });
    const errors: unknown[][] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      await c.kill(1);
      // The restarted worker 1 spawns again (the dead one refuses: WORKER_DEAD).
      await waitUntil(
        () =>
          c.spawn('stats', { worker: 1 }).then(
            () => true,
            () => false,
          ),
        'the restarted worker 1',
        30_000,
      );
      await waitUntil(() => errors.length > 0, 'the report');
    } finally {
      console.error = consoleError;
    }
    expect(String(errors[0]![0])).toMatch(
      /^@zactor\/actor-core\/ActorCluster: a 'worker-died' listener threw/,
    );
    expect(unhandled).toEqual([]);
  });
});
