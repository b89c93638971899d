import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type ActorRef, ActorSystem, MailboxOverflowError } from '../src/index.js';
import { MailboxQueue } from '../src/mailbox-queue.js';
import { deferred, record, settle } from './helpers.js';

let system: ActorSystem;
afterEach(async () => {
  await system?.shutdown();
});

/** An actor that handles nothing until it is told 'open' (its first message blocks on a promise). */
function gated(seen: number[]): { ref: ActorRef<number | 'open'>; open: () => void } {
  const gate = deferred();
  let first = true;
  const ref = system.spawn<number | 'open'>(
    async (m) => {
      if (first) {
        first = false;
        await gate.promise;
      }
      if (typeof m === 'number') seen.push(m);
    },
    { mailbox: { kind: 'bounded', capacity: 4, overflow: 'drop-newest' } },
  );
  return { ref, open: () => gate.resolve() };
}

describe('bounded mailboxes', () => {
  it('drops the newest message to dead letters when full under drop-newest', async () => {
    system = new ActorSystem();
    const dead = record(system, 'dead-letter');
    const seen: number[] = [];
    const { ref, open } = gated(seen);
    ref.tell('open');
    await settle();
    const accepted = [1, 2, 3, 4, 5, 6].map((n) => ref.tell(n));
    expect(accepted).toEqual([true, true, true, true, false, false]);
    open();
    await settle();
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(dead.map((d) => [d.message, d.reason])).toEqual([
      [5, 'mailbox-full'],
      [6, 'mailbox-full'],
    ]);
  });

  it('drops the oldest message under drop-oldest', async () => {
    system = new ActorSystem();
    const dead = record(system, 'dead-letter');
    const seen: number[] = [];
    const gate = deferred();
    const ref = system.spawn<number>(
      async (n) => {
        if (n === 0) await gate.promise;
        else seen.push(n);
      },
      { mailbox: { kind: 'bounded', capacity: 3, overflow: 'drop-oldest' } },
    );
    ref.tell(0);
    await settle();
    for (let i = 1; i <= 6; i++) expect(ref.tell(i)).toBe(true);
    gate.resolve();
    await settle();
    expect(seen).toEqual([4, 5, 6]);
    expect(dead.map((d) => d.message)).toEqual([1, 2, 3]);
  });

  it('throws MailboxOverflowError at the sender under fail', async () => {
    system = new ActorSystem();
    const gate = deferred();
    const ref = system.spawn<number>(
      async (n) => {
        if (n === 0) await gate.promise;
      },
      { mailbox: { kind: 'bounded', capacity: 2, overflow: 'fail' } },
    );
    ref.tell(0);
    await settle();
    ref.tell(1);
    ref.tell(2);
    expect(() => ref.tell(3)).toThrow(MailboxOverflowError);
    expect(() => ref.tell(3)).toThrow(/^@zactor\/actor-core\/ActorRef\.tell: .*full/);
    gate.resolve();
  });

  it('rejects a bounded mailbox without a positive capacity', () => {
    system = new ActorSystem();
    expect(() =>
      system.spawn<number>(() => {}, { mailbox: { kind: 'bounded', capacity: 0 } }),
    ).toThrow(/capacity/);
  });
});

describe('MailboxQueue', () => {
  type Op = { kind: 'push'; value: number } | { kind: 'shift' } | { kind: 'take' };
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 3, arbitrary: fc.integer().map((value) => ({ kind: 'push' as const, value })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'shift' as const }) },
    // `take` as the turn's loop uses it: only once `empty` has said no.
    { weight: 1, arbitrary: fc.constant({ kind: 'take' as const }) },
  );

  it('behaves like a FIFO of (message, sender) pairs, growing, spilling into segments and shrinking, bounded or not (peek, some, empty and take included)', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 3000 }),
        fc.constantFrom(0, 1, 3, 8, 100),
        // 8192 is the default; the small ones cross segment boundaries every few messages.
        fc.constantFrom(2, 4, 16, 64, 8192),
        (ops, bound, segmentSlots) => {
          const queue = new MailboxQueue(bound, segmentSlots);
          const model: [number, number][] = [];
          // Senders are stand-ins here: the queue stores whatever it is given.
          const senderOf = (v: number) => ({ id: v }) as unknown as ActorRef<unknown>;
          const limit = bound === 0 ? Number.POSITIVE_INFINITY : bound;
          for (const o of ops) {
            if (o.kind === 'push') {
              const accepted = queue.push(o.value, senderOf(o.value));
              expect(accepted).toBe(model.length < limit);
              if (accepted) model.push([o.value, o.value]);
            } else {
              expect(queue.empty).toBe(model.length === 0);
              if (o.kind === 'take' && queue.empty) continue;
              const got = o.kind === 'take' ? queue.take() : queue.shift();
              const want = model.shift();
              expect(got).toBe(want?.[0]);
              if (want !== undefined)
                expect((queue.sender as unknown as { id: number }).id).toBe(want[1]);
            }
            expect(queue.size).toBe(model.length);
            // peek and some (unwatch's scan) see the ring and every spilled segment.
            expect(queue.peek()).toBe(model[0]?.[0]);
            const probe = o.kind === 'push' ? o.value : (model[model.length - 1]?.[0] ?? 0);
            expect(queue.some((m) => m === probe)).toBe(model.some(([v]) => v === probe));
          }
        },
      ),
    );
  });
});

describe('MailboxQueue bursts', () => {
  it('keeps FIFO order through bursts larger than a segment, refilling while it drains', () => {
    const queue = new MailboxQueue(0);
    const sender = (v: number) => ({ id: v }) as unknown as ActorRef<unknown>;
    let next = 0;
    let expected = 0;
    // Three bursts of 3 x 4096 messages with drains of different lengths between them.
    for (const drain of [5000, 12_288, 1]) {
      for (let i = 0; i < 12_288; i++, next++) expect(queue.push(next, sender(next))).toBe(true);
      for (let i = 0; i < drain; i++, expected++) {
        expect(queue.shift()).toBe(expected);
        expect((queue.sender as unknown as { id: number }).id).toBe(expected);
      }
      expect(queue.size).toBe(next - expected);
    }
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) expect(m).toBe(expected++);
    expect(expected).toBe(next);
    expect(queue.size).toBe(0);
  });

  it('reads a promoted segment from its start when the ring it replaces had wrapped', () => {
    // Segments of 4 slots (2 messages): the ring fills with its head at slot 2, so it empties
    // with its head there too, and the spilled segment behind it starts at slot 0.
    const queue = new MailboxQueue(0, 4);
    for (const m of [1, 2]) queue.push(m, null);
    expect(queue.take()).toBe(1);
    for (const m of [3, 4]) queue.push(m, null);
    const taken: unknown[] = [];
    while (!queue.empty) taken.push(queue.take());
    expect(taken).toEqual([2, 3, 4]);
  });

  it('takes again from the start of its small array after shrinking from a burst, spilled or not', () => {
    // 3000 messages: the ring grows to 8192 slots and shrinks when emptied; 5000: it spills
    // into a segment, promotes it, leaves spill mode, and shrinks. Either way the head was deep
    // in the large array, and the small one is read from its start.
    for (const burst of [3000, 5000]) {
      const queue = new MailboxQueue(0);
      for (let i = 0; i < burst; i++) queue.push(i, null);
      for (let i = 0; i < burst; i++) expect(queue.take()).toBe(i);
      expect(queue.empty).toBe(true);
      queue.push('x', null);
      queue.push('y', null);
      expect(queue.take()).toBe('x');
      expect(queue.take()).toBe('y');
      expect(queue.size).toBe(0);
    }
  });

  it('refuses the push past a bound larger than a segment, and takes one again after a shift', () => {
    const queue = new MailboxQueue(10_000);
    for (let i = 0; i < 10_000; i++) expect(queue.push(i, null)).toBe(true);
    expect(queue.push(-1, null)).toBe(false);
    expect(queue.shift()).toBe(0);
    expect(queue.push(10_000, null)).toBe(true);
    expect(queue.size).toBe(10_000);
  });
});

describe('ordering', () => {
  it('delivers each sender’s messages in the order it sent them, however sends interleave', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 50 }),
        async (schedule, throughput) => {
          const sys = new ActorSystem({ throughput });
          const received: [number, number][] = [];
          const done = deferred();
          const sink = sys.spawn<[number, number]>((m) => {
            received.push(m);
            if (received.length === schedule.length) done.resolve();
          });
          // Four senders; the schedule says which one sends next (from inside its own turn).
          const next = [0, 0, 0, 0];
          const senders = [0, 1, 2, 3].map((id) =>
            sys.spawn<'send'>(() => {
              sink.tell([id, next[id]!++]);
            }),
          );
          for (const id of schedule) senders[id]!.tell('send');
          await done.promise;
          await sys.shutdown();
          for (let id = 0; id < 4; id++) {
            const mine = received.filter(([s]) => s === id).map(([, n]) => n);
            expect(mine).toEqual(mine.map((_, i) => i));
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
