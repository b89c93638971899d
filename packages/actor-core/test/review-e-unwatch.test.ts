import { afterEach, describe, expect, it } from 'vitest';
import { ActorSystem, Terminated } from '../src/index.js';
import { settle } from './helpers.js';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

describe('review E: unwatch', () => {
  it('mid-turn in a bounded mailbox with throughput: order and count kept', async () => {
    system = new ActorSystem();
    const sys = system;
    const target = sys.spawn<string>(() => {});
    const seen: unknown[] = [];
    const watcher = sys.spawn<unknown>(
      {
        preStart: (ctx) => ctx.watch(target),
        receive: (m, ctx) => {
          seen.push(m instanceof Terminated ? 'T' : m);
          if (m === 'u') {
            ctx.unwatch(target);
            ctx.self.tell('self');
          }
        },
      },
      { throughput: 100, mailbox: { kind: 'bounded', capacity: 6 } },
    );
    await settle();
    watcher.tell('a');
    watcher.tell('u');
    sys.stop(target);
    watcher.tell('b');
    watcher.tell('c');
    await settle();
    expect(seen).toEqual(['a', 'u', 'b', 'c', 'self']);
    expect(sys.waitingMessages).toBe(0);
  });

  it('re-watch after unwatch in the same turn: the new Terminated comes', async () => {
    system = new ActorSystem();
    const sys = system;
    const target = sys.spawn<string>(() => {});
    const seen: unknown[] = [];
    const watcher = sys.spawn<unknown>({
      preStart: (ctx) => ctx.watch(target),
      receive: (m, ctx) => {
        seen.push(m instanceof Terminated ? 'T' : m);
        if (m === 'u') {
          ctx.unwatch(target);
          ctx.watch(target);
        }
      },
    });
    await settle();
    sys.stop(target);
    watcher.tell('u');
    await settle();
    expect(seen).toEqual(['u', 'T']);
    expect(sys.waitingMessages).toBe(0);
  });

  it('unwatch in postStop: the rest dead-lettered, count back to 0', async () => {
    system = new ActorSystem();
    const sys = system;
    const target = sys.spawn<string>(() => {});
    const letters: unknown[] = [];
    sys.events.subscribe((e) => letters.push(e.message instanceof Terminated ? 'T' : e.message), [
      'dead-letter',
    ]);
    const watcher = sys.spawn<unknown>({
      preStart: (ctx) => ctx.watch(target),
      receive: (m, ctx) => {
        if (m === 'stop') ctx.stop(ctx.self);
      },
      postStop: (ctx) => ctx.unwatch(target),
    });
    await settle();
    sys.stop(target);
    watcher.tell('stop');
    watcher.tell('x');
    watcher.tell('y');
    await settle();
    expect(sys.waitingMessages).toBe(0);
    expect(letters.filter((m) => m !== 'T')).toEqual(['x', 'y']);
  });
});
