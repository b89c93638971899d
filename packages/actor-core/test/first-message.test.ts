import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ActorSystem, type AnyActorRef } from '../src/index.js';
import { record, settle } from './helpers.js';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

/**
 * A cell keeps its first waiting message in place of a queue and makes the queue when a second
 * arrives: the order a receiver sees must not depend on when that happens.
 */
describe('the first waiting message, kept without a queue', () => {
  it('keeps FIFO order across bursts, pauses and tells to self, whatever the sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ burst: fc.integer({ min: 0, max: 5 }), pause: fc.boolean() }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 3 }),
        async (steps, selfTells) => {
          const sys = new ActorSystem();
          try {
            const seen: number[] = [];
            const expected: number[] = [];
            let next = 0;
            // Each outside message n also makes the receiver tell itself n + 0.5, n + 0.25, ...
            const ref: AnyActorRef = sys.spawn<number>((n, ctx) => {
              seen.push(n);
              if (Number.isInteger(n)) {
                for (let k = 1; k <= selfTells; k++) ctx.self.tell(n + 1 / 2 ** k);
              }
            });
            for (const step of steps) {
              for (let i = 0; i < step.burst; i++) ref.tell(next++);
              if (step.pause) await settle(1);
            }
            await settle();
            for (let n = 0; n < next; n++) expected.push(n);
            // Each self-told message comes after its own outside message, in the order sent.
            const outside = seen.filter((n) => Number.isInteger(n));
            expect(outside).toEqual(expected);
            for (let n = 0; n < next; n++) {
              const own = seen.filter((m) => Math.floor(m) === n && m !== n);
              expect(own).toEqual(
                Array.from({ length: selfTells }, (_, k) => n + 1 / 2 ** (k + 1)),
              );
              if (selfTells > 0) expect(seen.indexOf(own[0]!)).toBeGreaterThan(seen.indexOf(n));
            }
            expect(sys.waitingMessages).toBe(0);
          } finally {
            await sys.shutdown();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('dead-letters a first message still waiting when the actor stops', async () => {
    system = new ActorSystem();
    const letters = record(system, 'dead-letter');
    const ref = system.spawn<number>(() => {});
    system.stop(ref);
    ref.tell(1);
    await settle();
    expect(letters.map((e) => [e.message, e.reason])).toEqual([[1, 'stopped']]);
    expect(system.waitingMessages).toBe(0);
  });

  it('a bounded mailbox of one keeps the first and applies its policy to the second', async () => {
    system = new ActorSystem();
    const letters = record(system, 'dead-letter');
    const seen: number[] = [];
    const newest = system.spawn<number>((n) => seen.push(n), {
      mailbox: { kind: 'bounded', capacity: 1, overflow: 'drop-newest' },
    });
    const oldest = system.spawn<number>((n) => seen.push(10 + n), {
      mailbox: { kind: 'bounded', capacity: 1, overflow: 'drop-oldest' },
    });
    expect(newest.tell(1)).toBe(true);
    expect(newest.tell(2)).toBe(false);
    expect(oldest.tell(1)).toBe(true);
    expect(oldest.tell(2)).toBe(true);
    await settle();
    expect(seen).toEqual([1, 12]);
    expect(letters.map((e) => e.message)).toEqual([2, 1]);
    expect(system.waitingMessages).toBe(0);
  });

  it('unstashes in front of a first message that arrived meanwhile', async () => {
    system = new ActorSystem();
    const seen: number[] = [];
    let open = false;
    const ref = system.spawn<number | 'open'>((m, ctx) => {
      if (m === 'open') {
        open = true;
        // Waits as the first message (no queue yet); the stashed one must still come first.
        ctx.self.tell(5);
        ctx.unstashAll();
        return;
      }
      if (!open) ctx.stash();
      else seen.push(m);
    });
    ref.tell(1);
    await settle();
    ref.tell('open');
    await settle();
    expect(seen).toEqual([1, 5]);
    expect(system.waitingMessages).toBe(0);
  });
});
