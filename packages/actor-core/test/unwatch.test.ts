/**
 * `unwatch` drops a termination that has not been handled, also one already in the mailbox
 * because the target stopped first (Akka's unwatch, Erlang's demonitor with flush).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ActorSystem, Terminated } from '../src/index.js';
import { settle } from './helpers.js';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

/** A watcher of `target` that records what it handles and unwatches on 'unwatch'. */
function watcherOf(sys: ActorSystem, target: ReturnType<ActorSystem['spawn']>, custom?: unknown) {
  const seen: unknown[] = [];
  const watcher = sys.spawn<unknown>({
    preStart: (ctx) => (custom === undefined ? ctx.watch(target) : ctx.watch(target, custom)),
    receive: (m, ctx) => {
      seen.push(m instanceof Terminated ? 'Terminated' : m);
      if (m === 'unwatch') ctx.unwatch(target);
    },
  });
  return { watcher, seen };
}

describe('unwatch', () => {
  it('drops a Terminated that waits in the mailbox behind the message that unwatches', async () => {
    system = new ActorSystem();
    const target = system.spawn<string>(() => {});
    const { watcher, seen } = watcherOf(system, target);
    await settle();
    // The target stops first; the watcher gets 'unwatch' then the Terminated, in that order.
    system.stop(target);
    await settle();
    watcher.tell('unwatch');
    watcher.tell('after');
    await settle();
    // Here the Terminated was handled before: unwatch has nothing to drop.
    expect(seen).toEqual(['Terminated', 'unwatch', 'after']);
    expect(system.waitingMessages).toBe(0);

    const target2 = system.spawn<string>(() => {});
    const second = watcherOf(system, target2);
    await settle();
    system.stop(target2);
    second.watcher.tell('unwatch');
    second.watcher.tell('after');
    await settle();
    expect(second.seen).toEqual(['unwatch', 'after']);
    expect(system.waitingMessages).toBe(0);
  });

  it('drops a custom watch message that is an object, and keeps the order of the rest', async () => {
    system = new ActorSystem();
    const target = system.spawn<string>(() => {});
    const gone = { type: 'gone' };
    const { watcher, seen } = watcherOf(system, target, gone);
    await settle();
    system.stop(target);
    watcher.tell('unwatch');
    for (let i = 0; i < 5; i++) watcher.tell(i);
    await settle();
    expect(seen).toEqual(['unwatch', 0, 1, 2, 3, 4]);
    expect(system.waitingMessages).toBe(0);
  });

  it('keeps a custom watch message that is a primitive (it could be an equal user message)', async () => {
    system = new ActorSystem();
    const target = system.spawn<string>(() => {});
    const { watcher, seen } = watcherOf(system, target, 'gone');
    await settle();
    system.stop(target);
    watcher.tell('unwatch');
    watcher.tell('gone');
    await settle();
    expect(seen).toEqual(['unwatch', 'gone', 'gone']);
  });

  it('drops only the termination of the target it names', async () => {
    system = new ActorSystem();
    const a = system.spawn<string>(() => {});
    const b = system.spawn<string>(() => {});
    const seen: unknown[] = [];
    const watcher = system.spawn<unknown>({
      preStart: (ctx) => {
        ctx.watch(a);
        ctx.watch(b);
      },
      receive: (m, ctx) => {
        seen.push(m instanceof Terminated ? m.ref : m);
        if (m === 'unwatch a') ctx.unwatch(a);
      },
    });
    await settle();
    system.stop(a);
    system.stop(b);
    watcher.tell('unwatch a');
    await settle();
    expect(seen).toEqual(['unwatch a', b]);
  });
});
