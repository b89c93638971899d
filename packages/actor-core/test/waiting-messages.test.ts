import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ActorSystem, type AnyActorRef } from '../src/index.js';
import { settle } from './helpers.js';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

describe('ActorSystem.waitingMessages (the backlog a worker publishes for placement)', () => {
  it('counts what is queued and not handled, across sampling periods, stops and second rounds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1, 3, 1024),
        fc.array(fc.nat(40), { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        async (sampleEvery, counts, stopped) => {
          const sys = new ActorSystem({ latencySampleEvery: sampleEvery });
          try {
            const refs = counts.map(() => sys.spawn<number>(() => {}));
            const tellAll = () => {
              counts.forEach((count, i) => {
                for (let k = 0; k < count; k++) refs[i]!.tell(k);
              });
            };
            const total = counts.reduce((a, b) => a + b, 0);
            tellAll();
            // Nothing ran yet: the dispatcher runs after this synchronous code.
            expect(sys.waitingMessages).toBe(total);
            refs.forEach((ref, i) => {
              if (stopped[i]) sys.stop(ref);
            });
            await settle();
            expect(sys.waitingMessages).toBe(0);
            const live = counts.reduce((sum, count, i) => sum + (stopped[i] ? 0 : count), 0);
            tellAll();
            expect(sys.waitingMessages).toBe(live);
            await settle();
            expect(sys.waitingMessages).toBe(0);
          } finally {
            await sys.shutdown();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('leaves stashed messages out, and counts them again once unstashed', async () => {
    system = new ActorSystem();
    let handled = 0;
    const ref: AnyActorRef = system.spawn<number | 'open'>((message, ctx) => {
      if (message === 'open') ctx.unstashAll();
      else if (handled++ < 5) ctx.stash();
    });
    for (let i = 0; i < 5; i++) ref.tell(i);
    expect(system.waitingMessages).toBe(5);
    await settle();
    expect(system.waitingMessages).toBe(0);
    ref.tell('open');
    expect(system.waitingMessages).toBe(1);
    await settle();
    expect(handled).toBe(10);
    expect(system.waitingMessages).toBe(0);
  });
});
