import { describe, expect, it } from 'vitest';
import {
  type ActorCluster,
  type ActorClusterOptions,
  ActorError,
  type AnyActorRef,
  type DeadLetterReason,
  type SystemEvent,
} from '../src/index.js';
import { clusterPerTest, waitUntil as until } from './helpers.js';
import { blob, type Entry, hashBytes, payload } from './workers/large-actors.js';

const module = new URL('./workers/large-actors.ts', import.meta.url);
// Some tests hold a worker on purpose (Atomics.wait): the liveness watch is not under test here.
const start = clusterPerTest(module, { unresponsiveMs: Number.POSITIVE_INFINITY });

/** What the stream of `count` messages should log at a sink (see `streamMessage`). */
function expectedStream(count: number, blobSize: number, replyTo: number): Entry[] {
  const out: Entry[] = [];
  for (let k = 0; k < count; k++) {
    const seq = k >> 1;
    if ((k & 1) === 1) out.push({ kind: 'small', seq });
    else if ((seq & 1) === 0)
      out.push({ kind: 'blob', seq, hash: hashBytes(payload(blobSize, seq)), bytes: blobSize });
    else
      out.push({
        kind: 'bulky',
        seq,
        hash: hashBytes(payload(160 * 1024, seq + 1_000_000)),
        rowsOk: true,
        refId: replyTo,
      });
  }
  return out;
}

/** Dead letters of the main thread by reason, and how many carried a large payload. */
function tallyMain(c: ActorCluster) {
  const tally: Partial<Record<DeadLetterReason, number>> = {};
  const large = { count: 0 };
  c.system.events.subscribe(
    (event: Extract<SystemEvent, { type: 'dead-letter' }>) => {
      tally[event.reason] = (tally[event.reason] ?? 0) + 1;
      const m = event.message as { data?: unknown } | null;
      if (m !== null && typeof m === 'object' && m.data instanceof Uint8Array) large.count++;
    },
    ['dead-letter'],
  );
  return { tally, large };
}

function holdFlag() {
  const hold = new SharedArrayBuffer(4);
  const flag = new Int32Array(hold);
  return {
    hold,
    held: () => Atomics.load(flag, 0) === 1,
    release: () => {
      Atomics.store(flag, 0, 2);
      Atomics.notify(flag, 0);
    },
  };
}

const MIB = 1 << 20;

describe('large messages', () => {
  it('carries a 1 MiB schema message and a 200 KiB fallback message with a ref, main to worker, in order with small ones', async () => {
    const c = await start();
    const sink = await c.spawn('sink', { worker: 0 });
    const replyTo = c.system.spawn(() => {});
    const count = 24;
    for (let k = 0; k < count; k++) {
      const seq = k >> 1;
      const message =
        (k & 1) === 1
          ? seq
          : (seq & 1) === 0
            ? blob(seq, MIB)
            : {
                seq,
                rows: Array.from({ length: 2000 }, (_, i) => ({ i, label: `row ${seq}/${i}` })),
                data: payload(160 * 1024, seq + 1_000_000),
                replyTo,
              };
      expect(c.tell(sink, message)).toBe(true);
    }
    const log = await c.ask<unknown, Entry[]>(sink, { report: true });
    expect(log).toEqual(expectedStream(count, MIB, replyTo.id));
    await until(() => c.largeMessages.outstanding() === 0, 'every block freed');
    const metrics = await c.metrics();
    const main = metrics.nodes.find((n) => n.node === 2)!;
    const w0 = metrics.nodes.find((n) => n.node === 0)!;
    expect(main.counters.largeMessagesOut).toBe(count / 2);
    expect(w0.counters.largeMessagesIn).toBe(count / 2);
    expect(w0.counters.largeBlocksInUse).toBe(0);
  });

  it('keeps per-pair order worker to worker, and to the main thread, while blocks are reused', async () => {
    // Two small blocks: what finds none waits in the streamer's heap until the receiver frees one.
    const c = await start({ largeMessageSlabs: [{ blockSize: 2 * MIB, blockCount: 2 }] });
    const sink = await c.spawn('sink', { worker: 1 });
    const mainSink = await c.spawn('sink', { worker: 'main' });
    const streamer = await c.spawn('streamer', { worker: 0 });
    const count = 40;
    for (const to of [sink, mainSink]) {
      const started = performance.now();
      const result = await c.ask(streamer, { to, count, blobSize: MIB }, { timeoutMs: 30_000 });
      console.log(`[stream] ${to.path}: ${(performance.now() - started).toFixed(0)} ms`);
      expect(result).toEqual({ accepted: count, thrown: 0 });
      const log = await c.ask<unknown, Entry[]>(to, { report: true });
      expect(log).toEqual(expectedStream(count, MIB, streamer.id));
    }
    await until(() => c.largeMessages.outstanding() === 0, 'every block freed');
    // No worker still notes a block it published or freed (a death now would free it again).
    expect(new Int32Array(c.largeMessages.holdsBuffer).every((w) => w === -1)).toBe(true);
  });

  it('frees the block of a message whose target has stopped', async () => {
    const c = await start();
    const sink = await c.spawn('sink', { worker: 1 });
    const holder = await c.spawn('holder', { worker: 1 });
    await c.ask(sink, { report: true });
    c.system.stop(sink);
    await until(async () => {
      c.tell(sink, 7);
      const stats = (await c.ask(holder, { stats: true })) as { tally: { stopped?: number } };
      return (stats.tally.stopped ?? 0) > 0;
    }, 'the sink to stop');
    for (let seq = 0; seq < 5; seq++) expect(c.tell(sink, blob(seq, 64 * 1024))).toBe(true);
    await until(async () => {
      const stats = (await c.ask(holder, { stats: true })) as { largeDead: number };
      return stats.largeDead === 5;
    }, 'five large dead letters on worker 1');
    await until(() => c.largeMessages.outstanding() === 0, 'every block freed');
  });

  it('delivers every large message in order when the blocks run out: the rest wait in the sender heap for a block', async () => {
    const c = await start({ largeMessageSlabs: [{ blockSize: 128 * 1024, blockCount: 4 }] });
    const { tally, large } = tallyMain(c);
    const sink = await c.spawn('sink', { worker: 0 });
    const flag = holdFlag();
    const holder = await c.spawn('holder', { worker: 0, args: { hold: flag.hold } });
    c.tell(holder, 'hold');
    await until(flag.held, 'the worker to be held');
    const sent = 10;
    for (let seq = 0; seq < sent; seq++) expect(c.tell(sink, blob(seq, 100 * 1024))).toBe(true);
    // Four took the blocks; six wait, encoded, in the main thread's overflow for worker 0.
    expect(c.largeMessages.outstanding()).toBe(4);
    expect(c.mainNode.pendingBytes(0)).toBeGreaterThanOrEqual(6 * 100 * 1024);
    flag.release();
    // The report is asked behind the six in the same FIFO, so it sees all of them.
    const log = await c.ask<unknown, Entry[]>(sink, { report: true });
    expect(log.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(large.count).toBe(0);
    expect(tally).toEqual({});
    const metrics = await c.metrics();
    const main = metrics.nodes.find((n) => n.node === 2)!;
    expect(main.counters.blocksExhausted).toBe(6);
    expect(main.counters.largeMessagesOut).toBe(sent);
    expect(main.counters.pendingBytes).toBe(0);
    await until(() => c.largeMessages.outstanding() === 0, 'every block freed');
  });

  it('dead-letters the large messages waiting for a worker that is killed, holding no block for them', async () => {
    const c = await start({ ringBytes: 16384, maxBatchBytes: 2048 });
    const { tally, large } = tallyMain(c);
    const sink = await c.spawn('sink', { worker: 1 });
    const flag = holdFlag();
    const holder = await c.spawn('holder', { worker: 1, args: { hold: flag.hold } });
    c.tell(holder, 'hold');
    await until(flag.held, 'the worker to be held');
    // Fill worker 1's ring with numbers until batches wait in the main thread's overflow.
    let numbers = 0;
    for (let round = 0; round < 100 && !c.mainNode.hasStaged; round++) {
      for (let i = 0; i < 40; i++) if (c.tell(sink, i)) numbers++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(c.mainNode.hasStaged).toBe(true);
    const staged = 20;
    for (let seq = 0; seq < staged; seq++) expect(c.tell(sink, blob(seq, 64 * 1024))).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    // Behind waiting messages no block is taken: the frames wait, encoded, in this heap.
    expect(c.largeMessages.outstanding()).toBe(0);
    expect(c.mainNode.pendingBytes(1)).toBeGreaterThanOrEqual(staged * 64 * 1024);
    const died = new Promise((resolve) => c.once('worker-died', resolve));
    await c.kill(1);
    await died;
    expect(large.count).toBe(staged);
    expect(tally['worker-dead']).toBeGreaterThanOrEqual(staged);
    expect(numbers).toBeGreaterThan(0);
    expect(c.largeMessages.outstanding()).toBe(0);
  });

  it('throws MESSAGE_TOO_LARGE at tell for a message above the largest block, naming the option', async () => {
    const c = await start({ largeMessageSlabs: [{ blockSize: 64 * 1024, blockCount: 4 }] });
    const sink: AnyActorRef = await c.spawn('sink', { worker: 0 });
    let caught: unknown;
    try {
      c.tell(sink, blob(0, 64 * 1024));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ActorError);
    expect((caught as ActorError).code).toBe('MESSAGE_TOO_LARGE');
    expect((caught as ActorError).message).toContain('largeMessageSlabs');
    expect(c.largeMessages.outstanding()).toBe(0);
  });

  it.each([
    [{ largeMessageBytes: 8 }],
    [{ largeMessageBytes: 1.5 }],
    [{ largeMessageBytes: 1 << 16 }],
    [{ largeMessageSlabs: [] }],
    [{ largeMessageSlabs: [{ blockSize: 3000, blockCount: 4 }] }],
    [{ largeMessageSlabs: [{ blockSize: 65536, blockCount: 0 }] }],
    [
      {
        largeMessageSlabs: [
          { blockSize: 1 << 20, blockCount: 1 },
          { blockSize: 65536, blockCount: 1 },
        ],
      },
    ],
    [{ largeMessageSlabs: [{ blockSize: 8192, blockCount: 4 }] }],
    [{ largeMessageSlabs: [{ blockSize: 1 << 30, blockCount: 4 }] }],
  ] as Partial<ActorClusterOptions>[][])(
    'refuses bad large-message options with INVALID_OPTION (%o)',
    async (options) => {
      let caught: unknown;
      try {
        await start(options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ActorError);
      expect((caught as ActorError).code).toBe('INVALID_OPTION');
    },
  );

  it("frees the outer block when a codec's getter sent another large message, then the worker was killed", async () => {
    const c = await start({ restartWorkers: false });
    const sink = await c.spawn('sink', { worker: 1 });
    const other = await c.spawn('sink', { worker: 'main' });
    const sender = await c.spawn('nestedSender', { worker: 0 });
    c.tell(sender, { to: sink, other });
    // The inner message reaches the other sink (its block is freed there); the outer block stays.
    await until(async () => {
      const log = await c.ask<unknown, Entry[]>(other, { report: true });
      return log.some((e) => e.kind === 'blob' && e.seq === 1);
    }, 'the inner message');
    await until(() => c.largeMessages.outstanding() === 1, 'the outer block alone');
    const died = new Promise((resolve) => c.on('worker-died', resolve));
    await c.kill(0);
    await died;
    expect(c.largeMessages.outstanding()).toBe(0);
  });

  it('frees the block a worker held unpublished when it is killed in the middle of encoding', async () => {
    const c = await start({ restartWorkers: false });
    const sink = await c.spawn('sink', { worker: 1 });
    const sender = await c.spawn('stuckSender', { worker: 0 });
    c.tell(sender, { to: sink });
    // The worker allocated the block, then hangs in the codec's second read.
    await until(() => c.largeMessages.outstanding() === 1, 'the block allocated');
    const died = new Promise((resolve) => c.on('worker-died', resolve));
    await c.kill(0);
    await died;
    expect(c.largeMessages.outstanding()).toBe(0);
  });

  for (const size of [1000, 100_000]) {
    it(`sends a tell made by a codec's getter to the same worker after the message (${size} B)`, async () => {
      const c = await start();
      const corrupt: unknown[] = [];
      c.on('ring-corrupt', (info) => corrupt.push(info));
      const sink = await c.spawn('sink', { worker: 1 });
      const sender = await c.spawn('getterTeller', { worker: 0 });
      c.tell(sender, { to: sink, size });
      // The getter is read once to encode a small frame; a large one is tried, sized, then
      // encoded into its block: a tell each time. Before, a tell written into the batch while
      // the message was being encoded there left a corrupt record (the small case).
      const sevens = size === 1000 ? 1 : 3;
      const log: Entry[] = [];
      await until(async () => {
        log.push(...(await c.ask<unknown, Entry[]>(sink, { report: true })));
        return log.length >= 1 + sevens || corrupt.length > 0;
      }, 'the message and the tells');
      expect(corrupt).toEqual([]);
      expect(log).toEqual([
        { kind: 'blob', seq: 0, hash: hashBytes(payload(size, 0)), bytes: size },
        ...Array.from({ length: sevens }, () => ({ kind: 'small', seq: 7 })),
      ]);
    });
  }
});
