import { Worker } from 'node:worker_threads';
import type { MpscRing } from '@zactor/ringbuffer';
import { describe, expect, it } from 'vitest';
import {
  type ActorCluster,
  type ActorContext,
  ActorError,
  ActorRef,
  type AnyActorRef,
  type SystemEvent,
} from '../src/index.js';

import { clusterPerTest, waitUntil as until } from './helpers.js';
import { tallyDeadCounts } from './workers/cluster-actors.js';

const module = new URL('./workers/cluster-actors.ts', import.meta.url);
const start = clusterPerTest(module);

/** A main-thread actor that keeps what it receives. */
function collector(c: ActorCluster) {
  const received: unknown[] = [];
  const ref = c.system.spawn((message: unknown) => {
    received.push(message);
  });
  return { ref, received };
}

describe('ActorCluster', () => {
  it('places actors on the worker asked for, and round-robin otherwise', async () => {
    const c = await start();
    const a = await c.spawn('where', { worker: 0 });
    const b = await c.spawn('where', { worker: 1 });
    expect(a.worker).toBe(0);
    expect(b.worker).toBe(1);
    expect(await c.ask(a, 'where?')).toBe(0);
    expect(await c.ask(b, 'where?')).toBe(1);
    const placed = await Promise.all([c.spawn('where'), c.spawn('where')]);
    expect(new Set(placed.map((r) => r.worker))).toEqual(new Set([0, 1]));
    const local = await c.spawn('where', { worker: 'main' });
    expect(await c.ask(local, 'where?')).toBe(2);
  });

  it('carries registered and fallback messages, with refs inside them, across workers', async () => {
    const c = await start();
    const echo = await c.spawn('echo', { worker: 1 });
    const { ref } = collector(c);
    const ping = (await c.ask(echo, { type: 'ping', seq: 7, from: ref })) as {
      type: string;
      seq: number;
      from: AnyActorRef;
    };
    expect(ping.type).toBe('ping');
    expect(ping.seq).toBe(7);
    expect(ping.from).toBeInstanceOf(ActorRef);
    expect(ping.from.id).toBe(ref.id);
    const nested = (await c.ask(echo, { text: 'hi', list: [1, 2n], who: { ref } })) as {
      text: string;
      list: unknown[];
      who: { ref: AnyActorRef };
    };
    expect(nested.text).toBe('hi');
    expect(nested.list).toEqual([1, 2n]);
    expect(nested.who.ref).toBe(ref);
  });

  it('keeps per-pair order between two workers under load', async () => {
    const c = await start();
    const counter = await c.spawn('counter', { worker: 1 });
    const senders = await c.spawnMany('sender', 3, { worker: 0 });
    const n = 20_000;
    await Promise.all(senders.map((s) => c.ask(s, { go: counter, count: n })));
    let report = { total: 0, outOfOrder: -1, senders: 0 };
    await until(async () => {
      report = (await c.ask(counter, { report: true })) as typeof report;
      return report.total >= 3 * n;
    }, 'all counted');
    expect(report).toEqual({ total: 3 * n, outOfOrder: 0, senders: 3 });
  });

  it("loses nothing when two workers flood each other's small rings beside a CPU hog, in order per pair", async () => {
    const c = await start({ ringBytes: 4096, maxBatchBytes: 256 });
    // A third thread spinning on this 2-core machine: the flood must not depend on timing.
    const hog = cpuHog();
    const [c0, c1] = [
      await c.spawn('counter', { worker: 0 }),
      await c.spawn('counter', { worker: 1 }),
    ];
    const [s0, s1] = [
      await c.spawn('sender', { worker: 0 }),
      await c.spawn('sender', { worker: 1 }),
    ];
    const n = 20_000;
    await Promise.all([c.ask(s0, { go: c1, count: n }), c.ask(s1, { go: c0, count: n })]);
    const reports: { total: number; outOfOrder: number }[] = [];
    await until(async () => {
      reports[0] = (await c.ask(c0, { report: true })) as { total: number; outOfOrder: number };
      reports[1] = (await c.ask(c1, { report: true })) as { total: number; outOfOrder: number };
      return reports[0].total + reports[1].total >= 2 * n;
    }, 'both counters');
    const metrics = await c.metrics();
    await hog.terminate();
    expect(reports.map((r) => r.total)).toEqual([n, n]);
    expect(reports.map((r) => r.outOfOrder)).toEqual([0, 0]);
    expect(metrics.total.deadLetters).toBe(0);
    // The rings were too small for the flood: batches waited in the senders' overflow.
    expect(
      metrics.nodes[0]!.counters.ringFull + metrics.nodes[1]!.counters.ringFull,
    ).toBeGreaterThan(0);
  });

  it('delivers watch, stop and Terminated across workers', async () => {
    const c = await start();
    const target = await c.spawn('stoppable', { worker: 1 });
    const watcher = await c.spawn('watcher', { worker: 0 });
    const { ref, received } = collector(c);
    watcher.tell({ watch: target }, ref);
    await until(() => received.includes('watching'), 'watching');
    target.tell('stop');
    await until(() => received.length === 2, 'Terminated');
    expect(received[1]).toEqual({ terminated: target.id });
  });

  it('restarts a failing actor on its worker and counts the restart', async () => {
    const c = await start();
    const fragile = await c.spawn('fragile', { worker: 1 });
    expect(await c.ask(fragile, 'a')).toBe(1);
    expect(await c.ask(fragile, 'b')).toBe(2);
    // More failures than the default strategy allows (10): the cluster's supervisor applies.
    for (let i = 0; i < 20; i++) fragile.tell('boom');
    expect(await c.ask(fragile, 'c')).toBe(1);
    const metrics = await c.metrics();
    expect(metrics.total.restarts).toBe(20);
    expect(metrics.nodes[1]!.system.failures).toBe(20);
  });

  it('sends messages for a stopped remote actor to dead letters on its worker', async () => {
    const c = await start();
    const target = await c.spawn('stoppable', { worker: 0 });
    expect(await c.ask(target, 'x')).toBe('x');
    target.tell('stop');
    await expect(c.ask(target, 'y', { timeoutMs: 200 })).rejects.toThrow(/no reply/);
    const metrics = await c.metrics();
    expect(metrics.nodes[0]!.system.deadLetters).toBeGreaterThanOrEqual(1);
  });

  it('fails a tell of an unsendable value at once with a typed error', async () => {
    const c = await start();
    const echo = await c.spawn('echo', { worker: 0 });
    let caught: unknown;
    try {
      echo.tell(() => 1);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ActorError);
    expect((caught as ActorError).code).toBe('UNENCODABLE');
    expect(await c.ask(echo, 'still fine')).toBe('still fine');
  });

  it('rejects spawning an unknown kind with a typed error', async () => {
    const c = await start();
    await expect(c.spawn('nope', { worker: 0 })).rejects.toMatchObject({ code: 'UNKNOWN_KIND' });
  });

  it('reports a dead worker to watchers, dead-letters its refs, restarts it, and keeps the rest going', async () => {
    const c = await start();
    const died: number[] = [];
    c.on('worker-died', (info) => died.push(info.worker));
    const victim = await c.spawn('crasher', { worker: 1 });
    const survivor = await c.spawn('echo', { worker: 0 });
    const watcher = await c.spawn('watcher', { worker: 0 });
    const { ref, received } = collector(c);
    watcher.tell({ watch: victim }, ref);
    await until(() => received.includes('watching'), 'watching');
    const deadLetters: SystemEvent[] = [];
    c.system.events.subscribe((event) => deadLetters.push(event), ['dead-letter']);
    victim.tell('crash');
    await until(() => received.length === 2, 'Terminated of the crashed worker');
    expect(received[1]).toEqual({ terminated: victim.id });
    expect(died).toEqual([1]);
    expect(victim.tell('after')).toBe(false);
    expect(deadLetters.some((e) => e.type === 'dead-letter' && e.reason === 'worker-dead')).toBe(
      true,
    );
    expect(await c.ask(survivor, 'alive')).toBe('alive');
    await until(async () => {
      try {
        const again = await c.spawn('where', { worker: 1 });
        return (await c.ask(again, '?')) === 1;
      } catch {
        return false;
      }
    }, 'the restarted worker');
  });

  it('shuts down with messages in flight: every postStop runs and the workers end', async () => {
    const c = await start();
    const stops = new SharedArrayBuffer(4);
    const counted = [
      ...(await c.spawnMany('stopCounter', 50, { worker: 0, args: stops })),
      ...(await c.spawnMany('stopCounter', 50, { worker: 1, args: stops })),
    ];
    const senders = await c.spawnMany('sender', 2, { worker: 0 });
    for (const s of senders) s.tell({ go: counted[75]!, count: 50_000 });
    for (const r of counted) r.tell('x');
    await c.shutdown();
    expect(Atomics.load(new Int32Array(stops), 0)).toBe(100);
    expect(c.system.isTerminated).toBe(true);
  });

  it('accounts for every message in flight at shutdown: delivered, or a dead letter with reason shutdown', async () => {
    // Small rings: most of the flood waits in the senders' overflow queues when shutdown begins.
    const c = await start({ ringBytes: 4096, maxBatchBytes: 256 });
    const shared = new SharedArrayBuffer(16);
    const words = new Int32Array(shared);
    await Promise.all([0, 1].map((worker) => c.spawn('deadTally', { worker, args: shared })));
    tallyDeadCounts(c.system, shared);
    const sinks = [
      await c.spawn('tallySink', { worker: 1, args: shared }),
      await c.spawn('tallySink', { worker: 0, args: shared }),
    ];
    const senders = [
      await c.spawn('sender', { worker: 0 }),
      await c.spawn('sender', { worker: 1 }),
    ];
    const perSender = 20_000;
    // Each sender tells its whole flood in one turn, then replies: all of it is in flight after.
    await Promise.all(senders.map((s, i) => c.ask(s, { go: sinks[i]!, count: perSender })));
    for (let n = 0; n < perSender; n++) sinks[0]!.tell({ type: 'count', n });
    await c.shutdown();
    const [delivered, shutdown, stopped, other] = [0, 1, 2, 3].map((w) =>
      Atomics.load(words, w),
    ) as [number, number, number, number];
    console.log(
      `[shutdown in flight] sent ${3 * perSender} = delivered ${delivered} + dead letters (shutdown ${shutdown}, stopped ${stopped}, other ${other})`,
    );
    expect(delivered + shutdown + stopped + other).toBe(3 * perSender);
    expect({ stopped, other }).toEqual({ stopped: 0, other: 0 });
  });

  it('merges metrics from every worker', async () => {
    const c = await start({ latencySampleEvery: 1 });
    const echo = await c.spawn('echo', { worker: 1 });
    for (let i = 0; i < 50; i++) await c.ask(echo, i);
    const metrics = await c.metrics();
    expect(metrics.nodes.map((n) => n.node)).toEqual([0, 1, 2]);
    expect(metrics.nodes[1]!.system.messagesProcessed).toBe(50);
    expect(metrics.nodes[1]!.counters.messagesIn).toBe(50);
    expect(metrics.nodes[2]!.counters.messagesOut).toBe(50);
    expect(metrics.total.latencyNs.count).toBeGreaterThanOrEqual(50);
    expect(metrics.nodes[1]!.pool?.eventLoopUtilization).toBeGreaterThanOrEqual(0);
  });

  it('reports a corrupt inbox and dead-letters what cannot reach it, without hanging', async () => {
    // A receiver that never drains: a bound on what may wait for it turns the rest to dead letters.
    const c = await start({ ringBytes: 1 << 12, maxPendingBytes: 16 * 1024, pendingFull: 'drop' });
    const corrupt: { node: number; error: Error }[] = [];
    c.on('ring-corrupt', (info) => corrupt.push(info));
    const echo = await c.spawn('echo', { worker: 1 });
    expect(await c.ask(echo, 'before')).toBe('before');
    // A committed record whose type word no writer could produce, at the head of worker 1's inbox.
    const pool = (c as unknown as { pool: { inbound(i: number): MpscRing } }).pool;
    const ring = pool.inbound(1);
    const offset = ring.tryClaim(1, 8);
    new Int32Array(ring.buffer)[(offset - 4) >> 2] = -5;
    ring.commit(offset);
    const deadLetters: SystemEvent[] = [];
    c.system.events.subscribe((event) => deadLetters.push(event), ['dead-letter']);
    // Enough to fill the 4 KiB ring behind the bad record and the 16 KiB bound: the rest become
    // dead letters here.
    for (let i = 0; i < 2000; i++) echo.tell(i);
    await until(() => corrupt.length > 0, 'the ring-corrupt event');
    expect(corrupt[0]!.node).toBe(1);
    expect(corrupt[0]!.error).toMatchObject({ code: 'RING_CORRUPT' });
    await until(
      () => deadLetters.some((e) => e.type === 'dead-letter' && e.reason === 'pending-full'),
      'pending-full dead letters',
    );
    // Worker 0 and the main thread are unaffected.
    const other = await c.spawn('echo', { worker: 0 });
    expect(await c.ask(other, 'after')).toBe('after');
  });

  it('batches small messages to one worker into few ring records', async () => {
    const c = await start();
    const echo = await c.spawn('echo', { worker: 1 });
    const before = (await c.metrics()).nodes[2]!.counters;
    // Numbers and registered structs, told in one go from the main thread.
    for (let i = 0; i < 2000; i++) echo.tell(i % 2 === 0 ? i : { type: 'count', n: i });
    await until(
      async () => (await c.metrics()).nodes[1]!.counters.messagesIn >= 2000,
      'the 2000 messages',
    );
    const after = (await c.metrics()).nodes[2]!.counters;
    expect(after.messagesOut - before.messagesOut).toBe(2000);
    expect(after.recordsOut - before.recordsOut).toBeLessThan(2000 / 10);
  });

  it('counts the bytes each node allocates, short-lived ones included', async () => {
    // One receive allocates 64 MiB; on a loaded machine it may take longer than the default
    // unresponsiveMs (1 s), which would have the worker taken for stuck and restarted.
    const c = await start({ unresponsiveMs: 60_000 });
    const churn = await c.spawn('churn', { worker: 0 });
    const before = await c.metrics();
    expect(await c.ask(churn, 64, { timeoutMs: 20_000 })).toBe(256);
    const after = await c.metrics();
    const grew = (node: number) =>
      after.nodes[node]!.allocatedBytes - before.nodes[node]!.allocatedBytes;
    // 64 MiB of arrays that died young: the heap size alone would show almost none of it.
    expect(grew(0)).toBeGreaterThanOrEqual(64 * 1048576);
    expect(grew(1)).toBeLessThan(16 * 1048576);
    expect(after.nodes[0]!.allocatedBytesPerSecond).toBeGreaterThan(0);
    expect(after.nodes[0]!.heapUsedBytes).toBeLessThan(64 * 1048576);
  });
});

export type { ActorContext };

/** A worker thread that spins until terminated (stands for another process loading the cores). */
function cpuHog(): Worker {
  const hog = new Worker('for (;;) {}', { eval: true });
  hog.unref();
  return hog;
}
