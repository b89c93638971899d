import {
  CONSUMER_POSITION_INDEX,
  DATA_OFFSET,
  DRAIN_END_INDEX,
  DRAIN_PENDING_INDEX,
} from '@zactor/ringbuffer';
import { stressMode } from '@zactor/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  affinitySupport,
  PinnedPlacement,
  SchedulerError,
  type WorkerDiedEvent,
  type WorkerPool,
} from '../src/index.js';
import { poolWorker, startTestPool, submitAll, tally } from './pool-helpers.js';
import { ints, Kind, RECORD_TYPE, Word } from './workers/pool-protocol.js';

let pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((p) => p.shutdown({ drain: false, timeoutMs: 2000 })));
  pools = [];
});
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}
async function start(ids: number, options: Parameters<typeof startTestPool>[1] = {}) {
  const started = await startTestPool(ids, options);
  pools.push(started.pool);
  return started;
}

describe('WorkerPool', () => {
  it('starts each worker pinned to the cpu of its placement slot', async () => {
    // Without stealing, each Spin task runs on the worker it was submitted to.
    const { pool, words } = await start(2, { stealing: false });
    expect(pool.workerCount).toBe(2);
    for (let i = 0; i < 2; i++) {
      const metrics = pool.metrics(i);
      expect(metrics.state).toBe('running');
      expect(metrics.cpu).toBe(pool.plan[i]!.cpu);
      if (affinitySupport().supported) {
        expect(pool.pinning(i)).toEqual({ ok: true });
        expect(pool.submitTo(i, Kind.Spin, ints(i, 100))).toBe(true);
      }
    }
    await pool.idle();
    if (affinitySupport().supported) {
      expect([words[Word.CpuBase], words[Word.CpuBase + 1]]).toEqual(pool.plan.map((s) => s.cpu));
    }
    expect(words[Word.SetupCount]).toBe(2);
  });

  const many = stressMode() ? 20_000_000 : 1_000_000;
  it(`runs each of ${many} submitted tasks exactly once`, async () => {
    const count = many;
    const { pool, seen } = await start(count);
    const payload = new Uint8Array(4);
    const view = new DataView(payload.buffer);
    await submitAll((id) => {
      view.setInt32(0, id, true);
      return pool.submit(Kind.Mark, payload);
    }, count);
    await pool.idle();
    expect(tally(seen)).toEqual({ missing: 0, repeated: 0 });
    expect(pool.metrics(0).tasksRun + pool.metrics(1).tasksRun).toBe(count);
    expect(pool.pending()).toBe(0);
  });

  it('lets the idle worker steal from a worker that was given all the work', async () => {
    const count = 400;
    const { pool, seen } = await start(count, { placement: new PinnedPlacement(0) });
    await submitAll((id) => pool.submit(Kind.Spin, ints(id, 200)), count);
    await pool.idle();
    expect(tally(seen)).toEqual({ missing: 0, repeated: 0 });
    const [zero, one] = [pool.metrics(0), pool.metrics(1)];
    expect(one.steals).toBeGreaterThan(0);
    expect(one.tasksRun).toBe(one.steals);
    expect(zero.tasksRun + one.tasksRun).toBe(count);
  });

  it('leaves a busy worker its whole queue when stealing is off', async () => {
    const count = 100;
    const { pool, seen } = await start(count, { stealing: false });
    await submitAll((id) => pool.submitTo(0, Kind.Spin, ints(id, 100)), count);
    await pool.idle();
    expect(tally(seen)).toEqual({ missing: 0, repeated: 0 });
    expect(pool.metrics(0).tasksRun).toBe(count);
    expect(pool.metrics(1).tasksRun).toBe(0);
    expect(pool.metrics(1).steals).toBe(0);
  });

  it('runs tasks that workers submit to their own deques, and lets the others steal them', async () => {
    const forks = stressMode() ? 2000 : 50;
    const perFork = 2000;
    const { pool, seen } = await start(forks * perFork, { placement: new PinnedPlacement(0) });
    await submitAll((f) => pool.submit(Kind.Fork, ints(f * perFork, perFork)), forks);
    await pool.idle();
    expect(tally(seen)).toEqual({ missing: 0, repeated: 0 });
    const spawned = pool.metrics(0).tasksSpawned + pool.metrics(1).tasksSpawned;
    expect(spawned).toBeGreaterThan(0);
    expect(pool.metrics(0).tasksRun + pool.metrics(1).tasksRun).toBe(forks + spawned);
  });

  it('delivers inbound ring records from the pool thread and from another worker', async () => {
    const { pool, words } = await start(1);
    for (let v = 1; v <= 100; v++) expect(pool.send(1, RECORD_TYPE, ints(v))).toBe(true);
    expect(pool.submitTo(0, Kind.Relay, ints(1, 1000))).toBe(true);
    await pool.idle();
    // The relay's record may still be in worker 1's ring after the task counters settle.
    await until(() => Atomics.load(words, Word.RecordCount) === 101);
    expect(words[Word.RecordSum]).toBe(5050 + 1000);
    expect(pool.metrics(1).inboundRecords).toBe(101);
    // The definition's afterDrain saw every record, each in the turn that drained it.
    await until(() => Atomics.load(words, Word.AfterDrainRecords) === 101);
    expect(words[Word.LateAfterDrain]).toBe(0);
  });

  it('reports a corrupt inbound ring once instead of idling in front of it', async () => {
    const { pool, words } = await start(1);
    const events: { workerIndex: number; error: Error }[] = [];
    pool.on('ring-corrupt', (event) => events.push(event));
    expect(pool.send(0, RECORD_TYPE, ints(7))).toBe(true);
    await until(() => Atomics.load(words, Word.RecordCount) === 1);
    // A committed record whose type word no writer could produce (type ids are never negative).
    const ring = pool.inbound(0)!;
    const offset = ring.tryClaim(RECORD_TYPE, 4);
    new Int32Array(ring.buffer)[(offset - 4) >> 2] = -5;
    ring.commit(offset);
    pool.wake(0);
    expect(pool.send(0, RECORD_TYPE, ints(9))).toBe(true);
    await until(() => events.length > 0);
    expect(events[0]!.workerIndex).toBe(0);
    expect(events[0]!.error).toMatchObject({ code: 'RING_CORRUPT' });
    expect(events[0]!.error.message).toMatch(
      /^@zactor\/scheduler-numa\/WorkerPool: worker 0's inbound ring is corrupt/,
    );
    // The record behind the bad one is not delivered; the worker still runs tasks.
    pool.submitTo(0, Kind.Mark, ints(0));
    await pool.idle();
    expect(Atomics.load(words, Word.RecordCount)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toHaveLength(1);
  });

  it('publishes metrics that another worker can read', async () => {
    const { pool, words } = await start(10, { stealing: false });
    // A worker publishes its park count after announcing the park: submitting then wakes it.
    await until(() => pool.metrics(1).parks > 0);
    await submitAll((id) => pool.submitTo(1, Kind.Mark, ints(id)), 10);
    await pool.idle();
    await until(() => pool.metrics(0).parks > 0);
    pool.submitTo(0, Kind.ReadMetrics, ints(1));
    await pool.idle();
    expect(words[Word.MetricsSeen]).toBe(10);
    const metrics = [pool.metrics(0), pool.metrics(1)];
    for (const m of metrics) {
      expect(m.parks).toBeGreaterThan(0);
      expect(m.wakes).toBeGreaterThan(0);
      expect(m.eventLoopUtilization).toBeGreaterThanOrEqual(0);
      expect(m.eventLoopUtilization).toBeLessThanOrEqual(1);
      expect(m.queued).toBe(0);
    }
  });

  it('reports a dead worker and lets the other steal the tasks it had forked', async () => {
    const count = 1000;
    const { pool, seen } = await start(count);
    const died = new Promise<WorkerDiedEvent>((resolve) => pool.once('worker-died', resolve));
    pool.submit(Kind.ForkThenCrash, ints(0, count));
    const event = await died;
    expect(event).toMatchObject({ generation: 0, code: 1, lostTasks: 1 });
    expect(event.error?.message).toMatch(/deliberate crash after forking/);
    const dead = event.workerIndex;
    expect(pool.metrics(dead).state).toBe('dead');
    expect(pool.isAlive(dead)).toBe(false);
    await pool.idle();
    expect(tally(seen)).toEqual({ missing: 0, repeated: 0 });
    expect(pool.metrics(dead).lost).toBe(1);
    expect(pool.metrics(1 - dead).steals).toBeGreaterThan(0);
  });

  it('lets the live worker steal tasks queued for a dead one, then restarts it', async () => {
    const count = 200;
    const { pool, seen } = await start(count);
    const died = new Promise<WorkerDiedEvent>((resolve) => pool.once('worker-died', resolve));
    pool.submit(Kind.Crash);
    const dead = (await died).workerIndex;
    await submitAll((id) => pool.submitTo(dead, Kind.Mark, ints(id)), count);
    await pool.idle();
    expect(tally(seen)).toEqual({ missing: 0, repeated: 0 });
    expect(pool.metrics(1 - dead).tasksRun).toBe(count);

    await pool.restart(dead);
    expect(pool.metrics(dead)).toMatchObject({ state: 'running', generation: 1, lost: 1 });
    seen.fill(0);
    await submitAll((id) => pool.submitTo(dead, Kind.Mark, ints(id)), count);
    await pool.idle();
    expect(tally(seen)).toEqual({ missing: 0, repeated: 0 });
  });

  it('lets a restarted worker go on from an inbox its predecessor died in the middle of draining', async () => {
    const { pool, words } = await start(1, { stealing: false });
    const died = new Promise<WorkerDiedEvent>((resolve) => pool.once('worker-died', resolve));
    pool.submitTo(0, Kind.Crash);
    await died;
    for (const v of [1, 2, 3]) expect(pool.send(0, RECORD_TYPE, ints(v))).toBe(true);
    // The state a worker killed inside the end of a drain leaves: record 1 handled and zeroed,
    // the head not yet stored (layout of @zactor/ringbuffer: intent log, then fill, then head).
    const ring = pool.inbound(0)!;
    const i32 = new Int32Array(ring.buffer);
    const head = Atomics.load(i32, CONSUMER_POSITION_INDEX);
    Atomics.store(i32, DRAIN_END_INDEX, head + 16);
    Atomics.store(i32, DRAIN_PENDING_INDEX, 1);
    const at = DATA_OFFSET + (head & (ring.bytes.length - DATA_OFFSET - 1));
    ring.bytes.fill(0, at, at + 16);
    await pool.restart(0);
    await until(() => Atomics.load(words, Word.RecordCount) === 2);
    expect(words[Word.RecordSum]).toBe(2 + 3);
  });

  it('keeps a dead worker queue for its restart when stealing is off', async () => {
    const count = 100;
    const { pool, seen } = await start(count, { stealing: false });
    const died = new Promise<WorkerDiedEvent>((resolve) => pool.once('worker-died', resolve));
    pool.submitTo(0, Kind.Crash);
    await submitAll((id) => pool.submitTo(0, Kind.Mark, ints(id)), count);
    await died;
    const before = tally(seen).missing;
    expect(pool.pending()).toBe(before);
    await pool.restart(0);
    await pool.idle();
    expect(tally(seen)).toEqual({ missing: 0, repeated: 0 });
    expect(pool.metrics(1).tasksRun).toBe(0);
  });

  it('refuses to restart a worker that is alive', async () => {
    const { pool } = await start(1);
    await expect(pool.restart(1)).rejects.toThrow(SchedulerError);
    await expect(pool.restart(1)).rejects.toThrow(/worker 1 is running/);
    expect(() => pool.metrics(5)).toThrow(/workerIndex \(5\)/);
  });

  it('advances the heartbeat of a parked worker once per park timeout, and not while a task never returns', async () => {
    const { pool, words } = await start(1, { stealing: false, parkTimeoutMs: 20 });
    const beats = (worker: number, from: number) => (pool.heartbeat(worker) - from) | 0;
    // Both workers are idle and parked: only the park timeouts wake them.
    const idle = [pool.heartbeat(0), pool.heartbeat(1)];
    await until(() => beats(0, idle[0]!) >= 3 && beats(1, idle[1]!) >= 3);
    expect(pool.metrics(0).tasksRun + pool.metrics(1).tasksRun).toBe(0);
    pool.submitTo(0, Kind.Hang);
    await until(() => Atomics.load(words, Word.Hanging) === 1);
    const stuck = pool.heartbeat(0);
    const other = pool.heartbeat(1);
    await until(() => beats(1, other) >= 5);
    expect(pool.heartbeat(0)).toBe(stuck);
    await pool.worker(0)?.terminate();
  });

  it('shuts down gracefully: drains the tasks, runs teardown and refuses new work', async () => {
    const count = 1000;
    const { pool, seen, words } = await start(count);
    await submitAll((id) => pool.submit(Kind.Mark, ints(id)), count);
    await pool.shutdown();
    expect(tally(seen)).toEqual({ missing: 0, repeated: 0 });
    expect(words[Word.TeardownCount]).toBe(2);
    expect([pool.metrics(0).state, pool.metrics(1).state]).toEqual(['stopped', 'stopped']);
    expect(pool.submit(Kind.Mark, ints(0))).toBe(false);
    expect(pool.worker(0)).toBeUndefined();
  });

  it('terminates a worker that does not stop within the shutdown timeout', async () => {
    const { pool, words } = await start(1);
    let deaths = 0;
    pool.on('worker-died', () => deaths++);
    pool.submitTo(0, Kind.Hang);
    await until(() => Atomics.load(words, Word.Hanging) === 1);
    await pool.shutdown({ drain: false, timeoutMs: 300 });
    expect(pool.worker(0)).toBeUndefined();
    expect(words[Word.TeardownCount]).toBe(1);
    expect(deaths).toBe(0);
  });

  it('rejects start with a SchedulerError when the worker module has no definition', async () => {
    await expect(
      startTestPool(1, { module: new URL('./workers/not-a-worker.ts', import.meta.url) }),
    ).rejects.toMatchObject({
      name: 'SchedulerError',
      code: 'WORKER_START_FAILED',
      message: expect.stringMatching(/no default export made with defineWorker/),
    });
  });

  it('starts every worker with the resourceLimits given, and refuses a bad limit', async () => {
    const { words } = await start(1, { resourceLimits: { maxYoungGenerationSizeMb: 96 } });
    expect([0, 1].map((w) => words[Word.YoungGenBase + w])).toEqual([96, 96]);
    await expect(
      startTestPool(1, { resourceLimits: { maxYoungGenerationSizeMb: -1 } }),
    ).rejects.toMatchObject({ name: 'SchedulerError', code: 'INVALID_OPTION' });
  });

  it('rejects start with a SchedulerError for invalid sizes', async () => {
    await expect(startTestPool(1, { dequeCapacity: 3 })).rejects.toMatchObject({
      name: 'SchedulerError',
      code: 'INVALID_CAPACITY',
    });
    await expect(startTestPool(1, { inboundRingBytes: 100 })).rejects.toMatchObject({
      name: 'SchedulerError',
      code: 'INVALID_OPTION',
    });
    await expect(startTestPool(1, { workers: 0 })).rejects.toMatchObject({
      code: 'INVALID_WORKER_COUNT',
    });
  });

  it('throws for a payload larger than taskPayloadBytes', async () => {
    const { pool } = await start(1, { taskPayloadBytes: 8 });
    expect(() => pool.submit(Kind.Mark, new Uint8Array(9))).toThrow(/payload \(9 bytes\)/);
    expect(poolWorker.pathname).toMatch(/pool-worker\.ts$/);
  });
});
