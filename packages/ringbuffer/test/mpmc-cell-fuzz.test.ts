/*
 * Fuzzing of MpmcQueue under corruption: what a thread trusts is each cell's sequence and
 * claimed position, and the enqueue/dequeue positions. Normal suite: RUNS (200) per property;
 * FUZZ=1: 20,000.
 */
import { startTsWorker, testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { MpmcQueue } from '../src/index.js';
import {
  CONFIG_WORDS,
  CONSUMER_WORD,
  consumerAfterCorruption,
  corrupt,
  DATA,
  editsArb,
  expectCorruption,
  fuzzParameters,
  PRODUCER_WORD,
  RUNS,
  startArb,
  touched,
  words,
} from './support/corruption.js';

const ENQUEUE = PRODUCER_WORD;
const DEQUEUE = CONSUMER_WORD;
const WHERE = /^@zactor\/ringbuffer\/MpmcQueue\.(tryAcquire|tryClaim|hasItems|publish|release): /;

const trafficArb = fc.record({
  capacity: fc.constantFrom(2, 4, 8),
  recordBytes: fc.constantFrom(4, 8),
  start: startArb(1),
  ops: fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ offer: fc.constant(true) }) },
      { weight: 1, arbitrary: fc.record({ drain: fc.integer({ min: 1, max: 4 }) }) },
    ),
    { maxLength: 40 },
  ),
  /** Leave one claimed, unpublished cell at the end. */
  inFlight: fc.boolean(),
});
type Traffic = typeof trafficArb extends fc.Arbitrary<infer T> ? T : never;

interface Pending {
  readonly position: number;
  /** Byte offset of the cell (its sequence word). */
  readonly cell: number;
}

/** Runs the traffic; returns the queue and its published, not yet taken records. */
function build(t: Traffic) {
  const q = MpmcQueue.create({
    capacity: t.capacity,
    recordBytes: t.recordBytes,
    startPosition: t.start,
  });
  let serial = 0;
  for (const op of t.ops) {
    if ('drain' in op) {
      q.drain(() => {}, op.drain);
      continue;
    }
    const offset = q.tryClaim();
    if (offset === -1) continue;
    for (let i = 0; i < t.recordBytes; i++) q.bytes[offset + i] = (serial * 23 + i * 5 + 1) & 0xff;
    serial++;
    expect(q.publish(offset)).toBe(true);
  }
  const enqueue = Atomics.load(q.int32, ENQUEUE);
  const dequeue = Atomics.load(q.int32, DEQUEUE);
  const pending: Pending[] = [];
  for (let p = dequeue; p !== enqueue; p = (p + 1) | 0) {
    pending.push({ position: p, cell: DATA + (p & (t.capacity - 1)) * q.cellBytes });
  }
  if (t.inFlight) q.tryClaim();
  expect(q.corruption()).toBeUndefined();
  return { q, pending, dequeue };
}

function drainAll(q: MpmcQueue) {
  const out: { offset: number; bytes: number[] }[] = [];
  const handler = (view: DataView, offset: number) => {
    const bytes: number[] = [];
    for (let i = 0; i < q.recordBytes; i++) bytes.push(view.getUint8(offset + i));
    out.push({ offset, bytes });
  };
  for (let calls = 0; ; calls++) {
    expect(calls).toBeLessThanOrEqual(q.capacity + 1);
    if (q.drain(handler) === 0) return out;
  }
}

const WATCHDOG_MS = 30_000;

/**
 * Runs the loop-prone calls on corrupt queues in a worker that must finish before the deadline
 * (a method spinning forever would otherwise freeze this test process, where no timeout can
 * interrupt synchronous code). Resolves whether it finished.
 */
function loopsTerminate(rounds: number): Promise<{ rounds: number; calls: number }> {
  const worker = startTsWorker(new URL('./workers/mpmc-corrupt-loops.ts', import.meta.url), {
    workerData: { seed: testSeed('mpmc-corrupt-loops'), rounds },
  });
  return new Promise((resolve, reject) => {
    let result: { rounds: number; calls: number } | undefined;
    const deadline = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`a corrupt MpmcQueue call did not return within ${WATCHDOG_MS} ms`));
    }, WATCHDOG_MS);
    worker.on('message', (message: { rounds: number; calls: number }) => {
      result = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      clearTimeout(deadline);
      if (code === 0 && result !== undefined) resolve(result);
      else reject(new Error(`mpmc-corrupt-loops worker exited with code ${code}`));
    });
  });
}

const WATCHDOG_TEST = 'returns from every retrying call whatever the cells and positions hold';
// Set by the first test: if it failed, the later ones could hang this process instead of
// failing, so they refuse to run.
let loopsChecked = false;

describe.sequential('MpmcQueue cells under corruption', () => {
  beforeEach(({ task }) => {
    if (task.name !== WATCHDOG_TEST && !loopsChecked) {
      throw new Error('not run: the loop watchdog test did not pass');
    }
  });

  it(WATCHDOG_TEST, async () => {
    const result = await loopsTerminate(RUNS * 10);
    expect(result.rounds).toBe(RUNS * 10);
    loopsChecked = true;
  });

  it('terminates, stays inside its cells and delivers published records or reports corruption', () => {
    fc.assert(
      fc.property(trafficArb, editsArb, fc.boolean(), (t, edits, fresh) => {
        const { q, pending } = build(t);
        const cells = words(0, t.capacity).map((k) => (DATA + k * q.cellBytes) >> 2);
        const { after, changed } = corrupt(
          q.int32,
          [
            cells,
            cells.map((w) => w + 1),
            [ENQUEUE, DEQUEUE],
            cells.flatMap((w) => words(w + 2, w + q.cellBytes / 4)),
            words(0, DATA >> 2),
          ],
          edits,
        );
        const word = (i: number) => touched(changed, i * 4, 4);
        const consumer = consumerAfterCorruption(
          q,
          fresh,
          () => MpmcQueue.attach(q.buffer),
          CONFIG_WORDS.some(word),
        );
        if (consumer === undefined) return;
        const got = drainAll(consumer);

        // Safety: at most one record per cell, each at a cell's payload.
        expect(got.length).toBeLessThanOrEqual(t.capacity);
        for (const d of got) {
          expect((d.offset - DATA - 8) % q.cellBytes).toBe(0);
          expect(d.offset + t.recordBytes).toBeLessThanOrEqual(q.buffer.byteLength);
          expect(d.bytes).toEqual([...after.subarray(d.offset, d.offset + t.recordBytes)]);
        }

        // What can matter to a consumer: the dequeue position, every cell's sequence, and the
        // claimed position of the cells it takes. Payloads and other words cannot.
        const cellDamaged = (p: Pending) => touched(changed, p.cell, 8);
        const structural = word(DEQUEUE) || cells.some((w) => word(w)) || pending.some(cellDamaged);
        const report = consumer.corruption();
        if (!structural) {
          // Payloads are not checksummed: delivered as they now read.
          expect(report).toBeUndefined();
          expect(got.map((d) => d.offset)).toEqual(pending.map((p) => p.cell + 8));
          return;
        }
        // Until the first damaged cell (from an intact dequeue position): exactly as written.
        const intact = word(DEQUEUE) ? 0 : pending.findIndex(cellDamaged);
        const prefix = intact === -1 ? pending.length : intact;
        for (let j = 0; j < Math.min(prefix, got.length); j++) {
          expect(got[j]!.offset).toBe(pending[j]!.cell + 8);
        }
        if (report !== undefined) {
          const error = expectCorruption(consumer, WHERE, ['CELL_SEQUENCE', 'CLAIMED_POSITION']);
          expect((error.offset - DATA) % q.cellBytes).toBe(error.fault === 'CELL_SEQUENCE' ? 0 : 4);
          expect(consumer.tryAcquire()).toBe(-1);
          expect(consumer.hasItems()).toBe(false);
          expect(consumer.drain(() => expect.unreachable('drained after corruption'))).toBe(0);
        }

        // A producer attached now terminates whatever the cells say (no spinning on a
        // sequence that stays ahead of an unchanged position).
        if (CONFIG_WORDS.some(word)) return;
        const late = MpmcQueue.attach(q.buffer);
        for (let k = 0; k <= t.capacity; k++) {
          const offset = late.tryClaim();
          if (offset === -1) break;
          expect((offset - DATA - 8) % q.cellBytes).toBe(0);
          late.publish(offset);
        }
        if (late.corruption() !== undefined) {
          expectCorruption(late, WHERE, ['CELL_SEQUENCE', 'CLAIMED_POSITION']);
        }
      }),
      fuzzParameters('mpmc-cell-fuzz'),
    );
  });

  // Sequence minus (position + 1) that a consumer may meet: 0 (take), -1 (not yet published),
  // -capacity (last lap's record not yet released), or positive only while the position moves.
  it('detects a cell sequence no lap leaves at the dequeue position', () => {
    fc.assert(
      fc.property(trafficArb, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (t, lag) => {
        fc.pre(lag !== 0 && lag !== -1 && lag !== -t.capacity);
        const { q, dequeue } = build(t);
        const cell = DATA + (dequeue & (t.capacity - 1)) * q.cellBytes;
        const value = (dequeue + 1 + lag) | 0;
        q.int32[cell >> 2] = value;
        const consumer = MpmcQueue.attach(q.buffer);
        expect(consumer.tryAcquire()).toBe(-1);
        const error = expectCorruption(consumer, WHERE, ['CELL_SEQUENCE']);
        expect([error.offset, error.value]).toEqual([cell, value]);
        expect(consumer.hasItems()).toBe(false);
        expect(Atomics.load(q.int32, DEQUEUE)).toBe(dequeue);
      }),
      fuzzParameters('mpmc-bad-dequeue-cell'),
    );
  });

  // For a producer: 0 (claim), -capacity or 1 - capacity (last lap's record still there).
  it('detects a cell sequence no lap leaves at the enqueue position', () => {
    fc.assert(
      fc.property(trafficArb, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (t, lag) => {
        fc.pre(lag !== 0 && lag !== -t.capacity && lag !== 1 - t.capacity);
        const { q } = build(t);
        const enqueue = Atomics.load(q.int32, ENQUEUE);
        const cell = DATA + (enqueue & (t.capacity - 1)) * q.cellBytes;
        const value = (enqueue + lag) | 0;
        q.int32[cell >> 2] = value;
        const producer = MpmcQueue.attach(q.buffer);
        expect(producer.tryClaim()).toBe(-1);
        const error = expectCorruption(producer, WHERE, ['CELL_SEQUENCE']);
        expect([error.offset, error.value]).toEqual([cell, value]);
        expect(producer.offerInt32(1)).toBe(false);
        expect(Atomics.load(q.int32, ENQUEUE)).toBe(enqueue);
      }),
      fuzzParameters('mpmc-bad-enqueue-cell'),
    );
  });

  it('detects a claimed position of another cell, after delivering that record', () => {
    fc.assert(
      fc.property(trafficArb, fc.nat(), fc.nat(), fc.nat(), (t, pick, laps, rest) => {
        const { q, pending } = build(t);
        fc.pre(pending.length > 0);
        const victim = pending[pick % pending.length]!;
        const index = pending.indexOf(victim);
        // Any number of laps away plus 1..capacity-1 cells: a position of another cell.
        const value = (victim.position + laps * t.capacity + 1 + (rest % (t.capacity - 1))) | 0;
        q.int32[(victim.cell >> 2) + 1] = value;
        const got = drainAll(q);
        expect(got.map((d) => d.offset)).toEqual(
          pending.slice(0, index + 1).map((p) => p.cell + 8),
        );
        const error = expectCorruption(q, /MpmcQueue\.release: /, ['CLAIMED_POSITION']);
        expect([error.offset, error.value]).toEqual([victim.cell + 4, value]);
        // The victim's cell stays taken: no producer of the next lap may reuse it.
        expect(q.int32[victim.cell >> 2]).toBe((victim.position + 1) | 0);
      }),
      fuzzParameters('mpmc-bad-claimed'),
    );
  });

  it('publishes nothing from a cell whose claimed position was overwritten', () => {
    const q = MpmcQueue.create({ capacity: 4, recordBytes: 4, startPosition: 2 ** 31 - 1 });
    const offset = q.tryClaim();
    const cell = (offset - 8) >> 2;
    q.int32[cell + 1] = 12345; // a position of cell 1; the claim was for cell 3
    expect(q.publish(offset)).toBe(false);
    expect(q.int32[cell]).toBe(2 ** 31 - 1); // still claimed, not published
    const error = expectCorruption(q, /MpmcQueue\.publish: /, ['CLAIMED_POSITION']);
    expect([error.offset, error.value]).toEqual([(cell + 1) * 4, 12345]);
    expect(q.offerInt32(1)).toBe(false);
  });

  it('detects a dequeue position moved back onto consumed cells', () => {
    fc.assert(
      fc.property(trafficArb, fc.nat(), (t, pick) => {
        const { q, dequeue } = build(t);
        const consumed = (dequeue - t.start) | 0;
        fc.pre(consumed > 0);
        // Within the last lap, so the cell still carries a sequence of that lap or the next.
        const back = 1 + (pick % Math.min(consumed, t.capacity - 1));
        q.int32[DEQUEUE] = (dequeue - back) | 0;
        expect(q.tryAcquire()).toBe(-1);
        expectCorruption(q, WHERE, ['CELL_SEQUENCE']);
      }),
      fuzzParameters('mpmc-dequeue-back'),
    );
  });
});
