/*
 * MpmcOrphans: what a thread that dies in the middle of a claim or an acquire leaves in an
 * MpmcQueue is finished by another, so the queue never wedges. Single-thread tests place the
 * death exactly (a claim never published, a note never followed by its CAS, an acquire never
 * released) and a fast-check model runs random schedules of them; worker tests terminate real
 * threads, including at seeded random moments.
 */
import { seededRandom, startTsWorker, testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MpmcClaimLog,
  MpmcOrphans,
  type MpmcQueue,
  PRODUCER_POSITION_INDEX,
} from '../src/index.js';
import { SKIP, setup, skip } from './support/orphans.js';

function write(queue: MpmcQueue, offset: number, id: number, seq: number): void {
  queue.int32[offset >> 2] = id;
  queue.int32[(offset >> 2) + 1] = seq;
}

function read(queue: MpmcQueue, offset: number): [number, number] {
  return [queue.int32[offset >> 2]!, queue.int32[(offset >> 2) + 1]!];
}

/** Takes everything takeable; the records in order. */
function drainAll(queue: MpmcQueue): [number, number][] {
  const out: [number, number][] = [];
  for (let at = queue.tryAcquire(); at >= 0; at = queue.tryAcquire()) {
    out.push(read(queue, at));
    queue.release(at);
  }
  return out;
}

describe('MpmcOrphans (single thread, deaths placed exactly)', () => {
  it('publishes the cell a dead producer claimed as a skip, so the records behind it are taken', () => {
    const { queue, log, slots } = setup(4, 2);
    const dead = queue.tryClaim(slots[0]); // thread 0 dies here, claimed, not published
    expect(dead).toBeGreaterThanOrEqual(0);
    const live = queue.tryClaim(slots[1]);
    write(queue, live, 1, 0);
    queue.publish(live);
    expect(queue.tryAcquire()).toBe(-1); // wedged behind the dead claim
    const orphans = MpmcOrphans.of(queue, log, 0);
    expect(orphans.settle(skip, () => expect.unreachable())).toBe('settled');
    expect(orphans.skipped).toBe(1);
    expect(drainAll(queue)).toEqual([
      [SKIP, 0],
      [1, 0],
    ]);
  });

  it('waits while a live thread holds the position the dead one noted, and leaves its record alone', () => {
    const { queue, log, slots } = setup(4, 2);
    // Thread 0 noted the next position and died before its CAS; thread 1 then claimed it.
    slots[0]!.noteClaim(Atomics.load(queue.int32, PRODUCER_POSITION_INDEX));
    const at = queue.tryClaim(slots[1]);
    const orphans = MpmcOrphans.of(queue, log, 0);
    expect(orphans.claim).toBeDefined();
    expect(orphans.settle(skip, () => expect.unreachable())).toBe('wait');
    write(queue, at, 1, 7);
    queue.publish(at);
    expect(orphans.settle(skip, () => expect.unreachable())).toBe('settled');
    expect(orphans.skipped).toBe(0);
    expect(drainAll(queue)).toEqual([[1, 7]]);
  });

  it('hands over the record a dead consumer acquired and frees its cell for the next lap', () => {
    const { queue, log, slots } = setup(2, 3);
    for (let seq = 0; seq < 2; seq++) {
      const at = queue.tryClaim(slots[0]);
      write(queue, at, 0, seq);
      queue.publish(at);
    }
    const held = queue.tryAcquire(slots[1]); // thread 1 dies holding record 0
    expect(read(queue, held)).toEqual([0, 0]);
    const other = queue.tryAcquire(slots[2]);
    queue.release(other);
    expect(queue.tryClaim(slots[0])).toBe(-1); // the held cell stops the next lap
    const taken: [number, number][] = [];
    const orphans = MpmcOrphans.of(queue, log, 1);
    expect(orphans.settle(skip, (_view, offset) => taken.push(read(queue, offset)))).toBe(
      'settled',
    );
    expect(taken).toEqual([[0, 0]]);
    expect(orphans.taken).toBe(1);
    expect(queue.tryClaim(slots[0])).toBeGreaterThanOrEqual(0);
  });

  it('finds nothing for a thread that finished, lost its CAS, or never used the queue', () => {
    const { queue, log, slots } = setup(4, 3);
    const at = queue.tryClaim(slots[0]);
    queue.publish(at);
    queue.release(queue.tryAcquire(slots[0]));
    slots[1]!.noteClaim(12345);
    slots[1]!.claimLost();
    expect(log.claimOf(1)).toBeUndefined();
    for (const thread of [0, 1, 2]) {
      const orphans = MpmcOrphans.of(queue, log, thread);
      expect(orphans.settle(skip, () => expect.unreachable())).toBe('settled');
      expect(orphans.skipped + orphans.taken).toBe(0);
    }
  });

  it('refuses a thread outside the log, and a buffer that is not a log, with typed errors', () => {
    const log = MpmcClaimLog.create(2);
    expect(() => log.slot(2)).toThrow(/^@zactor\/ringbuffer\/MpmcClaimLog\.slot: thread 2/);
    expect(() => MpmcClaimLog.create(0)).toThrow(
      expect.objectContaining({ code: 'INVALID_CAPACITY' }),
    );
    expect(() => MpmcClaimLog.attach(new SharedArrayBuffer(12))).toThrow(
      expect.objectContaining({ code: 'INVALID_BUFFER' }),
    );
    expect(() => MpmcClaimLog.attach(new ArrayBuffer(64) as unknown as SharedArrayBuffer)).toThrow(
      expect.objectContaining({ code: 'INVALID_BUFFER' }),
    );
    expect(MpmcClaimLog.attach(log.buffer).threads).toBe(2);
    // One slot object per thread: its flags live in it.
    expect(log.slot(1)).toBe(log.slot(1));
  });
});

type Op =
  | { readonly t: number; readonly op: 'produce' | 'consume' | 'dieClaimed' | 'dieNoted' }
  | { readonly t: number; readonly op: 'dieAcquired' };

const opArb: fc.Arbitrary<Op> = fc.record({
  t: fc.integer({ min: 0, max: 3 }),
  op: fc.constantFrom('produce', 'produce', 'consume', 'dieClaimed', 'dieNoted', 'dieAcquired'),
});

describe('MpmcOrphans (model: random schedules of deaths)', () => {
  it('loses nothing, takes nothing twice, and never wedges', () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 4, 8), fc.array(opArb, { maxLength: 60 }), (capacity, ops) => {
        const { queue, log, slots } = setup(capacity, 5);
        const dead = new Set<number>();
        const pending: MpmcOrphans[] = [];
        const next = [0, 0, 0, 0];
        const published = new Set<string>();
        const taken = new Map<string, number>();
        const take = (id: number, seq: number): void => {
          if (id === SKIP) return;
          const key = `${id}:${seq}`;
          taken.set(key, (taken.get(key) ?? 0) + 1);
        };
        let claimedDeaths = 0;
        for (const { t, op } of ops) {
          if (dead.has(t)) continue;
          const slot = slots[t]!;
          if (op === 'produce') {
            const at = queue.tryClaim(slot);
            if (at < 0) continue;
            write(queue, at, t, next[t]!);
            published.add(`${t}:${next[t]!++}`);
            queue.publish(at);
          } else if (op === 'consume') {
            const at = queue.tryAcquire(slot);
            if (at < 0) continue;
            take(...read(queue, at));
            queue.release(at);
          } else {
            if (op === 'dieClaimed' && queue.tryClaim(slot) >= 0) claimedDeaths++;
            if (op === 'dieNoted')
              slot.noteClaim(Atomics.load(queue.int32, PRODUCER_POSITION_INDEX));
            // A record a consumer held when it died is handed over by the recovery below.
            if (op === 'dieAcquired') queue.tryAcquire(slot);
            dead.add(t);
            pending.push(MpmcOrphans.of(queue, log, t));
          }
        }
        let skipped = 0;
        for (const orphans of pending) {
          // No live thread is inside an operation here, so nothing has to wait.
          expect(orphans.settle(skip, (_v, at) => take(...read(queue, at)))).toBe('settled');
          skipped += orphans.skipped;
        }
        expect(skipped).toBe(claimedDeaths);
        // A live thread (4) takes the rest: everything published, once.
        for (let at = queue.tryAcquire(slots[4]); at >= 0; at = queue.tryAcquire(slots[4])) {
          take(...read(queue, at));
          queue.release(at);
        }
        expect(queue.size).toBe(0);
        expect([...taken.keys()].sort()).toEqual([...published].sort());
        expect([...taken.values()].every((n) => n === 1)).toBe(true);
        // And a lap of new traffic still goes through.
        for (let k = 0; k < capacity; k++) queue.publish(queue.tryClaim(slots[4]));
        expect(drainAll(queue)).toHaveLength(capacity);
      }),
      { numRuns: 300 },
    );
  });
});

const worker = (name: string): URL => new URL(`./workers/${name}.ts`, import.meta.url);
const TIMEOUT_MS = 60_000;

function next<T>(w: ReturnType<typeof startTsWorker>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
}

/** Settles `orphans`, retrying every millisecond while a live thread holds a position. */
async function settleSoon(
  orphans: MpmcOrphans,
  take: (view: DataView, offset: number) => void = () => expect.unreachable(),
): Promise<void> {
  const deadline = performance.now() + TIMEOUT_MS;
  while (orphans.settle(skip, take) === 'wait') {
    if (performance.now() > deadline) throw new Error('a live thread held the position too long');
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('MpmcOrphans (real threads, terminated)', () => {
  it('publishes as a skip the cell of a producer terminated between its claim and its publish', async () => {
    const { queue, log, slots } = setup(8, 2);
    const progress = new SharedArrayBuffer(4);
    const w = startTsWorker(worker('mpmc-dying-producer'), {
      workerData: {
        buffer: queue.buffer,
        log: log.buffer,
        thread: 0,
        id: 0,
        items: 10,
        progress,
        holdAt: 3,
        timeoutMs: TIMEOUT_MS,
      },
    });
    expect(await next(w)).toBe('holding');
    await w.terminate();
    expect(drainAll(queue)).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
    ]);
    const at = queue.tryClaim(slots[1]);
    write(queue, at, 1, 0);
    queue.publish(at);
    expect(drainAll(queue)).toEqual([]); // wedged behind the dead claim
    const orphans = MpmcOrphans.of(queue, log, 0);
    await settleSoon(orphans);
    expect(orphans.skipped).toBe(1);
    expect(drainAll(queue)).toEqual([
      [SKIP, 0],
      [1, 0],
    ]);
  });

  it('hands over the record of a consumer terminated before its release', async () => {
    const { queue, log, slots } = setup(4, 2);
    for (let seq = 0; seq < 4; seq++) {
      const at = queue.tryClaim(slots[1]);
      write(queue, at, 0, seq);
      queue.publish(at);
    }
    const seen = new SharedArrayBuffer(4 * 4);
    const w = startTsWorker(worker('mpmc-dying-consumer'), {
      workerData: {
        buffer: queue.buffer,
        log: log.buffer,
        thread: 0,
        holdAt: 1,
        seen,
        items: 4,
        timeoutMs: TIMEOUT_MS,
      },
    });
    expect(await next(w)).toEqual({ holding: [0, 1] });
    await w.terminate();
    const taken: [number, number][] = [];
    const orphans = MpmcOrphans.of(queue, log, 0);
    await settleSoon(orphans, (_view, offset) => taken.push(read(queue, offset)));
    expect(taken).toEqual([[0, 1]]);
    expect([...new Int32Array(seen)]).toEqual([1, 0, 0, 0]);
    expect(drainAll(queue)).toEqual([
      [0, 2],
      [0, 3],
    ]);
    for (let k = 0; k < 4; k++) queue.publish(queue.tryClaim(slots[1]));
    expect(drainAll(queue)).toHaveLength(4);
  });

  it('keeps every record of the live producers exactly once when one is terminated at a random moment and another takes its slot', async () => {
    const random = seededRandom(testSeed('mpmc orphans: random termination'));
    const items = 20_000;
    const { queue, log } = setup(16, 3);
    const progress = new SharedArrayBuffer(3 * 4);
    const seen = new SharedArrayBuffer(3 * items * 4);
    const producer = (thread: number, id: number) =>
      startTsWorker(worker('mpmc-dying-producer'), {
        workerData: {
          buffer: queue.buffer,
          log: log.buffer,
          thread,
          id,
          items,
          progress,
          holdAt: -1,
          timeoutMs: TIMEOUT_MS,
        },
      });
    const consumer = startTsWorker(worker('mpmc-dying-consumer'), {
      workerData: {
        buffer: queue.buffer,
        log: log.buffer,
        thread: 2,
        holdAt: -1,
        seen,
        items,
        timeoutMs: TIMEOUT_MS,
      },
    });
    const first = producer(0, 0);
    const second = producer(1, 1);
    const secondDone = next<{ produced: number }>(second);
    // Once it is producing, at a random moment (its loop spends much of its time inside claims).
    while (Atomics.load(new Int32Array(progress), 0) < 100)
      await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setTimeout(r, random() * 5));
    await first.terminate();
    const orphans = MpmcOrphans.of(queue, log, 0);
    const settled = settleSoon(orphans);
    // A new thread takes the dead one's slot at once (the snapshot is taken).
    const third = producer(0, 2);
    await Promise.all([settled, secondDone, next(third)]);
    const counts = new Int32Array(seen);
    const died = Atomics.load(new Int32Array(progress), 0);
    const expected = (id: number, seq: number): number => (id === 0 ? (seq < died ? 1 : 0) : 1);
    const deadline = performance.now() + TIMEOUT_MS;
    const missing = (): number => {
      let n = 0;
      for (const id of [0, 1, 2])
        for (let seq = 0; seq < items; seq++)
          // The dead producer's record `died` may have been published just before it died.
          if (
            !(id === 0 && seq === died) &&
            Atomics.load(counts, id * items + seq) < expected(id, seq)
          )
            n++;
      return n;
    };
    while (missing() > 0 && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    await consumer.terminate();
    expect(missing()).toBe(0);
    for (const id of [0, 1, 2])
      for (let seq = 0; seq < items; seq++) {
        const n = counts[id * items + seq]!;
        if (id === 0 && seq === died) expect(n).toBeLessThanOrEqual(1);
        else expect(n).toBe(expected(id, seq));
      }
    expect(orphans.skipped).toBeLessThanOrEqual(1);
  });
});
