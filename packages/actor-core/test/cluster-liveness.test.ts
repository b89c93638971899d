/**
 * Liveness (issue 18, items 2 and 4): a worker whose actor never returns is found by its
 * heartbeat, reported, terminated and restarted; what waited on it fails at once (asks with
 * WORKER_DIED, watchers get Terminated), the large-message blocks its inbox held come back, and
 * shutdown ends even with a worker stuck. Idle and busy-but-healthy workers are never taken for
 * stuck ones, even beside a CPU hog. The actors are in workers/fault-actors.ts.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerUnresponsiveInfo } from '../src/cluster/actor-cluster.js';
import {
  type ActorCluster,
  type ActorClusterOptions,
  type ActorContext,
  type AnyActorRef,
  Terminated,
  type WorkerDiedInfo,
} from '../src/index.js';
import { clusterPerTest, untilWorkerSpawns, waitUntil } from './helpers.js';
import { tallyDeadLetters } from './workers/fault-actors.js';

const module = new URL('./workers/fault-actors.ts', import.meta.url);
const start = clusterPerTest(module, { unresponsiveMs: 300 });
const MIB = 1 << 20;

type Seen = ['unresponsive', WorkerUnresponsiveInfo] | ['died', WorkerDiedInfo];

/** Records the cluster's liveness and death events, in order. */
function recordEvents(c: ActorCluster): Seen[] {
  const seen: Seen[] = [];
  c.on('worker-unresponsive', (info) => seen.push(['unresponsive', info]));
  c.on('worker-died', (info) => seen.push(['died', info]));
  return seen;
}

/** A main-thread actor that watches `ref`; resolves when Terminated comes. */
function watchFromMain(c: ActorCluster, ref: AnyActorRef): Promise<AnyActorRef> {
  return new Promise((resolve) => {
    c.system.spawn({
      preStart(ctx: ActorContext<unknown>) {
        ctx.watch(ref);
      },
      receive(message: unknown) {
        if (message instanceof Terminated) resolve(message.ref);
      },
    });
  });
}

/** Spawns a spinner on `worker` and a flag that tells when it has started spinning. */
async function spinnerOn(c: ActorCluster, worker: number) {
  const flags = new Int32Array(new SharedArrayBuffer(4));
  const spinner = await c.spawn('spinner', { worker, args: { flags: flags.buffer } });
  return { spinner, spinning: () => Atomics.load(flags, 0) === 1 };
}

let hogs: Worker[] = [];
afterEach(async () => {
  await Promise.all(hogs.map((hog) => hog.terminate()));
  hogs = [];
});

/** Threads that spin until terminated: the machine's cores are loaded beside the cluster. */
function cpuHogs(count: number): void {
  for (let i = 0; i < count; i++) hogs.push(new Worker('for (;;) {}', { eval: true }));
}

describe('a worker whose actor never returns', () => {
  it('is reported unresponsive, terminated and restarted; asks to it fail with WORKER_DIED and watchers get Terminated', async () => {
    const c = await start({ largeMessageSlabs: [{ blockSize: 2 * MIB, blockCount: 2 }] });
    const seen = recordEvents(c);
    const mainDead = tallyDeadLetters(c.system);
    const { spinner, spinning } = await spinnerOn(c, 1);
    const quiet = await c.spawn('spinner', {
      worker: 1,
      args: { flags: new SharedArrayBuffer(4) },
    });
    const victim = await c.spawn('sink', { worker: 1 });
    const healthy = await c.spawn('sink', { worker: 0 });
    const asker = await c.spawn('asker', { worker: 0 });
    const terminated = watchFromMain(c, quiet);
    // Asks in flight before the hang, from the main thread and from the other worker.
    const fromMain = c.ask(quiet, 'ignore', { timeoutMs: 60_000 }).catch((error: unknown) => error);
    const fromWorker = c.ask<unknown, { code?: string }>(
      asker,
      { ask: spinner, message: 'spin' },
      { timeoutMs: 60_000 },
    );
    await waitUntil(spinning, 'the spinner to hold worker 1');
    // Two 1 MiB messages to the stuck worker take both blocks; their records wait in its ring.
    c.tell(victim, new Uint8Array(MIB));
    c.tell(victim, new Uint8Array(MIB));
    const heldBlocks = c.largeMessages.outstanding();
    // One to the healthy worker finds no block: it waits in this heap for one.
    c.tell(healthy, new Uint8Array(MIB));
    const waiting = c.mainNode.pendingBytes(0);

    await waitUntil(() => seen.length === 2, 'worker-unresponsive, then worker-died');
    expect(await fromMain).toMatchObject({ code: 'WORKER_DIED' });
    expect(await fromWorker).toEqual({ code: 'WORKER_DIED' });
    expect((await terminated).id).toBe(quiet.id);

    expect(seen.map(([what]) => what)).toEqual(['unresponsive', 'died']);
    const unresponsive = seen[0]![1] as WorkerUnresponsiveInfo;
    const died = seen[1]![1] as WorkerDiedInfo;
    expect(unresponsive).toMatchObject({ worker: 1, action: 'terminate-and-restart' });
    expect(unresponsive.silentMs).toBeGreaterThanOrEqual(300);
    expect(died).toMatchObject({ worker: 1, restarted: true });
    expect(heldBlocks).toBe(2);
    expect(waiting).toBeGreaterThanOrEqual(MIB);
    // The ring held the two large messages, dead-lettered and their blocks freed by the drain.
    expect(unresponsive.lost).toEqual(died.lost);
    expect(died.lost.largeMessages).toBe(2);
    expect(died.lost.messages).toBeGreaterThanOrEqual(2);
    expect(died.lost.records).toBeGreaterThanOrEqual(1);
    expect(mainDead.byRecipient.get(victim.id)).toBe(2);
    expect(mainDead.byReason['worker-dead']).toBeGreaterThanOrEqual(2);

    // The message that waited for a block reaches the healthy worker.
    expect(await c.ask(healthy, 'sizes')).toEqual([MIB]);
    await waitUntil(() => c.largeMessages.outstanding() === 0, 'every block freed');
    // The restarted worker serves new spawns.
    await untilWorkerSpawns(c, 'sink', 1, 10_000);
    const fresh = await c.spawn('sink', { worker: 1 });
    c.tell(fresh, new Uint8Array(MIB));
    expect(await c.ask(fresh, 'sizes')).toEqual([MIB]);
  });

  it("is only reported under 'report-only', and shutdown still ends: the stuck worker is terminated then", async () => {
    const c = await start({ unresponsivePolicy: 'report-only' });
    const seen = recordEvents(c);
    const { spinner, spinning } = await spinnerOn(c, 1);
    spinner.tell('spin');
    await waitUntil(spinning, 'the spinner to hold worker 1');
    await waitUntil(() => seen.length === 1, 'worker-unresponsive');
    expect(seen[0]).toEqual([
      'unresponsive',
      expect.objectContaining({ worker: 1, action: 'report-only', lost: undefined }),
    ]);

    await c.shutdown();
    expect(seen.map(([what, info]) => [what, info.worker])).toEqual([
      ['unresponsive', 1],
      ['unresponsive', 1],
      ['died', 1],
    ]);
    expect(seen[1]![1]).toMatchObject({ action: 'terminate' });
    expect(seen[2]![1]).toMatchObject({ restarted: false });
  }, 20_000);

  it("is terminated and not restarted under 'terminate'", async () => {
    const c = await start({ unresponsivePolicy: 'terminate' });
    const seen = recordEvents(c);
    const { spinner, spinning } = await spinnerOn(c, 1);
    spinner.tell('spin');
    await waitUntil(spinning, 'the spinner to hold worker 1');
    await waitUntil(() => seen.length === 2, 'worker-unresponsive, then worker-died');
    expect(seen[0]![1]).toMatchObject({ worker: 1, action: 'terminate' });
    expect(seen[1]![1]).toMatchObject({ worker: 1, restarted: false });
    await expect(c.spawn('sink', { worker: 1 })).rejects.toMatchObject({ code: 'WORKER_DEAD' });
  });
});

describe('shutdown', () => {
  it('terminates a worker that does not answer within shutdownTimeoutMs when the liveness watch is off', async () => {
    // Each phase waits this long: room for the healthy worker's answers on a loaded machine.
    const c = await start({ unresponsiveMs: Number.POSITIVE_INFINITY, shutdownTimeoutMs: 1000 });
    const seen = recordEvents(c);
    const { spinner, spinning } = await spinnerOn(c, 1);
    spinner.tell('spin');
    await waitUntil(spinning, 'the spinner to hold worker 1');
    await c.shutdown();
    expect(seen).toEqual([['died', expect.objectContaining({ worker: 1, restarted: false })]]);
  }, 20_000);

  it.each([
    [{ unresponsiveMs: 5 }],
    [{ unresponsiveMs: Number.NaN }],
    [{ unresponsivePolicy: 'restart' }],
    [{ shutdownTimeoutMs: 0 }],
  ] as Partial<ActorClusterOptions>[][])(
    'refuses bad liveness options with INVALID_OPTION (%o)',
    async (options) => {
      await expect(start(options)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    },
  );
});

describe('a healthy worker', () => {
  it('is not taken for a stuck one while idle beside a CPU hog', async () => {
    cpuHogs(2);
    const c = await start();
    const seen = recordEvents(c);
    const sinks = await Promise.all([0, 1].map((worker) => c.spawn('sink', { worker })));
    // Six times unresponsiveMs of idling (parked workers wake every quarter of it).
    for (let round = 0; round < 6; round++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const sink of sinks) expect(await c.ask(sink, 'sizes')).toEqual([]);
    }
    expect(seen).toEqual([]);
  });

  it('is not taken for a stuck one while busy with receives shorter than unresponsiveMs', async () => {
    cpuHogs(1);
    const c = await start();
    const seen = recordEvents(c);
    const busy = await Promise.all([0, 1].map((worker) => c.spawn('busy', { worker })));
    // Back to back, 25 receives of 40 ms on each worker: busy for a second, never 300 ms in one.
    const done = await Promise.all(
      busy.map(async (b) => {
        let turns = 0;
        for (let i = 0; i < 25; i++) turns += await c.ask<unknown, number>(b, { turns: 1, ms: 40 });
        return turns;
      }),
    );
    expect(done).toEqual([25, 25]);
    expect(seen).toEqual([]);
  });
});
