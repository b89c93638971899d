/**
 * `unwatch` drops a termination that has not been handled, also one already in the mailbox
 * because the target stopped first (Akka's unwatch, Erlang's demonitor with flush).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ActorContext, ActorSystem, Terminated } from '../src/index.js';
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

  it('keeps a custom watch message already queued (it cannot be told from a user message)', async () => {
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

  it('drops a Terminated queued while an async receive holds the mailbox', async () => {
    system = new ActorSystem();
    const target = system.spawn<string>(() => {});
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: unknown[] = [];
    const watcher = system.spawn<unknown>({
      preStart: (ctx) => ctx.watch(target),
      receive: async (m, ctx) => {
        seen.push(m instanceof Terminated ? 'Terminated' : m);
        if (m === 'go') {
          await gate;
          ctx.unwatch(target);
        }
      },
    });
    await settle();
    watcher.tell('go');
    await settle();
    system.stop(target);
    await settle();
    release();
    await settle();
    expect(seen).toEqual(['go']);
    expect(system.waitingMessages).toBe(0);
  });

  it('never drops the termination of another target that shares a custom watch message', async () => {
    system = new ActorSystem();
    const sys = system;
    const a = sys.spawn<string>(() => {});
    const b = sys.spawn<string>(() => {});
    const down = { type: 'down' };
    const seen: unknown[] = [];
    const watcher = sys.spawn<unknown>(
      {
        preStart: (ctx) => {
          ctx.watch(a, down);
          ctx.watch(b, down);
        },
        receive: (m, ctx) => {
          seen.push(m === down ? 'down' : m);
          if (m === 'p1') {
            ctx.self.tell('retire-a');
            sys.stop(b);
          }
          if (m === 'retire-a') ctx.unwatch(a);
        },
      },
      { throughput: 1 },
    );
    await settle();
    sys.stop(a);
    watcher.tell('p1');
    await settle();
    expect(seen).toEqual(['p1', 'down', 'retire-a', 'down']);
    expect(sys.waitingMessages).toBe(0);
  });

  it('drops a stashed Terminated put back by unstashAll the same way whether or not the mailbox emptied meanwhile', async () => {
    const run = async (openLater: boolean): Promise<unknown[]> => {
      const sys = new ActorSystem();
      const target = sys.spawn<string>(() => {});
      const seen: unknown[] = [];
      let open = false;
      sys.spawn<unknown>({
        preStart: (ctx) => ctx.watch(target),
        receive: (m, ctx) => {
          seen.push(m instanceof Terminated ? 'Terminated' : m);
          if (m instanceof Terminated && !open) {
            ctx.stash();
            if (openLater) setTimeout(() => ctx.self.tell('open'), 20);
            else ctx.self.tell('open');
          } else if (m === 'open') {
            open = true;
            ctx.unstashAll();
            ctx.unwatch(target);
          }
        },
      });
      await settle();
      sys.stop(target);
      await settle(30);
      await sys.shutdown();
      return seen;
    };
    expect(await run(true)).toEqual(['Terminated', 'open']);
    expect(await run(false)).toEqual(['Terminated', 'open']);
  });

  it('gives up a latency sample that counted down to the Terminated it dropped', async () => {
    system = new ActorSystem({ latencySampleEvery: 2 });
    const target = system.spawn<string>(() => {});
    const watcher = system.spawn<unknown>({
      preStart: (ctx) => ctx.watch(target),
      receive: (m, ctx) => {
        if (m === 'unwatch') ctx.unwatch(target);
      },
    });
    await settle();
    system.stop(target);
    watcher.tell('unwatch');
    await settle();
    expect(system.waitingMessages).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    watcher.tell('x');
    await settle();
    // A sample left following the dropped message would end at 'x', 300 ms later.
    expect(system.metrics.snapshot().latencyNs.max).toBeLessThan(100e6);
  });

  it('drops a queued Terminated when the target was watched again before the unwatch', async () => {
    const sys = (system = new ActorSystem({ logFailures: false }));
    const target = sys.spawn(() => {});
    const got: unknown[] = [];
    const watcher = sys.spawn((m: unknown, ctx: ActorContext<unknown>) => {
      if (m === 'go') {
        ctx.watch(target);
        sys.stop(target);
        // Busy a while: the target stops and its Terminated queues behind 'rewatch-unwatch'.
        return new Promise<void>((resolve) => setTimeout(resolve, 50));
      }
      if (m === 'rewatch-unwatch') {
        ctx.watch(target);
        ctx.unwatch(target);
        return undefined;
      }
      got.push(m instanceof Terminated ? 'Terminated' : m);
      return undefined;
    });
    watcher.tell('go');
    watcher.tell('rewatch-unwatch');
    await new Promise((resolve) => setTimeout(resolve, 150));
    watcher.tell('end');
    await settle();
    expect(got).toEqual(['end']);
    expect(sys.waitingMessages).toBe(0);
  });

  it('drops every queued Terminated of the target (watched twice after it stopped)', async () => {
    const sys = (system = new ActorSystem({ logFailures: false }));
    const target = sys.spawn(() => {});
    sys.stop(target);
    await settle();
    const got: unknown[] = [];
    const watcher = sys.spawn((m: unknown, ctx: ActorContext<unknown>) => {
      if (m === 'watch') return ctx.watch(target);
      if (m === 'unwatch') return ctx.unwatch(target);
      got.push(m instanceof Terminated ? 'Terminated' : m);
    });
    watcher.tell('watch');
    watcher.tell('watch');
    watcher.tell('unwatch');
    await settle();
    watcher.tell('end');
    await settle();
    expect(got).toEqual(['end']);
    expect(sys.waitingMessages).toBe(0);
  });
});
