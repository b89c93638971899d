import { afterEach, describe, expect, it } from 'vitest';
import { Actor, type ActorContext, type ActorRef, ActorSystem, Terminated } from '../src/index.js';
import { deferred, record, settle } from './helpers.js';

let system: ActorSystem;
afterEach(async () => {
  await system?.shutdown();
});

describe('lifecycle', () => {
  it('runs preStart before the first message and postStop after its children have stopped', async () => {
    system = new ActorSystem();
    const log: string[] = [];
    const parent = system.spawn<string>(
      {
        preStart(ctx) {
          log.push('parent:preStart');
          ctx.spawn<string>(
            { receive() {}, postStop: () => log.push('child:postStop') },
            { name: 'kid' },
          );
        },
        receive: (m) => {
          log.push(`parent:${m}`);
        },
        postStop: () => log.push('parent:postStop'),
      },
      { name: 'parent' },
    );
    parent.tell('hello');
    await settle();
    system.stop(parent);
    await settle();
    expect(log).toEqual(['parent:preStart', 'parent:hello', 'child:postStop', 'parent:postStop']);
  });

  it('sends the messages still queued at stop, and later ones, to dead letters', async () => {
    system = new ActorSystem();
    const dead = record(system, 'dead-letter');
    const handled: number[] = [];
    const ref = system.spawn<number>((n, ctx) => {
      handled.push(n);
      if (n === 0) {
        for (let i = 1; i <= 10; i++) ctx.self.tell(i);
        ctx.stop();
      }
    });
    ref.tell(0);
    await settle();
    // The stop is a system message: it overtakes the ten user messages queued before it.
    expect(handled).toEqual([0]);
    expect(dead.map((d) => d.message)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ref.tell(11)).toBe(false);
    await settle();
    expect(dead.at(-1)).toMatchObject({ message: 11, reason: 'stopped' });
    expect(system.metrics.snapshot().deadLetters).toBe(11);
  });

  it('stops every actor on shutdown, children first, and refuses new spawns', async () => {
    system = new ActorSystem();
    const stopped: string[] = [];
    const make = (name: string) => ({ receive() {}, postStop: () => stopped.push(name) });
    const a = system.spawn<string>(
      { ...make('a'), preStart: (ctx: ActorContext<string>) => void ctx.spawn(make('a1')) },
      { name: 'a' },
    );
    system.spawn<string>(make('b'));
    expect(a.path).toBe('/user/a');
    await system.shutdown();
    expect(system.isTerminated).toBe(true);
    expect([...stopped].sort()).toEqual(['a', 'a1', 'b']);
    expect(stopped.indexOf('a1')).toBeLessThan(stopped.indexOf('a'));
    expect(() => system.spawn<string>(() => {})).toThrow(/NOT_RUNNING|stopping/);
    expect(system.metrics.snapshot().actorsAlive).toBe(0);
  });

  it('publishes started, stopped and hook failures on the event stream', async () => {
    system = new ActorSystem();
    const events = record(system, 'actor-started', 'actor-stopped', 'hook-failed');
    const ref = system.spawn<string>({
      receive() {},
      postStop() {
        throw new Error('postStop broke');
      },
    });
    system.stop(ref);
    await settle();
    expect(events.map((e) => e.type)).toEqual(['actor-started', 'hook-failed', 'actor-stopped']);
  });
});

describe('watch', () => {
  it('delivers Terminated to a watcher when the watched actor stops', async () => {
    system = new ActorSystem();
    const got = deferred<Terminated>();
    const target = system.spawn<string>(() => {});
    system.spawn<string | Terminated>({
      preStart: (ctx) => ctx.watch(target),
      receive: (m) => {
        if (m instanceof Terminated) got.resolve(m);
      },
    });
    await settle();
    system.stop(target);
    const terminated = await got.promise;
    expect(terminated.ref).toBe(target);
  });

  for (const order of ['stop, then watch', 'watch, then stop'] as const) {
    it(`answers a watch that meets a stop not yet run (${order}) with Terminated`, async () => {
      system = new ActorSystem();
      const got = deferred<Terminated>();
      const stopped: string[] = [];
      const target = system.spawn<string>({ receive() {}, postStop: () => stopped.push('t') });
      const watcher = system.spawn<string | Terminated>((m, ctx) => {
        if (m instanceof Terminated) got.resolve(m);
        else if (order === 'stop, then watch') {
          // The stop waits as a bare count; the watch must still come after it.
          system.stop(target);
          ctx.watch(target);
        } else {
          ctx.watch(target);
          system.stop(target);
        }
      });
      watcher.tell('go');
      const terminated = await got.promise;
      expect(terminated.ref).toBe(target);
      expect(stopped).toEqual(['t']);
    });
  }

  it('delivers the watcher’s own message instead when it gave one', async () => {
    system = new ActorSystem();
    const got = deferred<string>();
    const target = system.spawn<string>(() => {});
    system.spawn<string>({
      preStart: (ctx) => ctx.watch(target, 'target-gone'),
      receive: (m) => got.resolve(m),
    });
    await settle();
    system.stop(target);
    await expect(got.promise).resolves.toBe('target-gone');
  });

  it('answers a watch of an actor that is already gone', async () => {
    system = new ActorSystem();
    const target = system.spawn<string>(() => {});
    system.stop(target);
    await settle();
    const got = deferred<string>();
    system.spawn<string>({
      preStart: (ctx) => ctx.watch(target, 'gone'),
      receive: (m) => got.resolve(m),
    });
    await expect(got.promise).resolves.toBe('gone');
  });

  it('delivers nothing after unwatch', async () => {
    system = new ActorSystem();
    const target = system.spawn<string>(() => {});
    const seen: string[] = [];
    const watcher = system.spawn<string>({
      preStart: (ctx) => ctx.watch(target, 'gone'),
      receive: (m, ctx) => {
        seen.push(m);
        if (m === 'unwatch') ctx.unwatch(target);
      },
    });
    watcher.tell('unwatch');
    await settle();
    system.stop(target);
    await settle();
    expect(seen).toEqual(['unwatch']);
  });
});

describe('behaviour', () => {
  it('switches behaviour with become and returns with unbecome', async () => {
    system = new ActorSystem();
    const ref = system.spawn<string>((_m, ctx) => {
      ctx.reply('normal');
      ctx.become(
        (m, c) => {
          c.reply('angry');
          if (m === 'calm') c.unbecome();
        },
        { discardOld: false },
      );
    });
    const answers: unknown[] = [];
    for (const m of ['a', 'b', 'calm', 'd']) answers.push(await ref.ask(m));
    expect(answers).toEqual(['normal', 'angry', 'angry', 'normal']);
  });

  it('puts stashed messages back in front of the mailbox in their order', async () => {
    system = new ActorSystem();
    const handled: string[] = [];
    const done = deferred();
    const ref = system.spawn<string>((m, ctx) => {
      if (m === 'open') {
        ctx.become((n) => {
          handled.push(n);
          if (n === 'last') done.resolve();
        });
        ctx.unstashAll();
      } else {
        ctx.stash();
      }
    });
    for (const m of ['x1', 'x2', 'x3', 'open', 'last']) ref.tell(m);
    await done.promise;
    expect(handled).toEqual(['x1', 'x2', 'x3', 'last']);
  });
});

describe('timers', () => {
  it('sends single and periodic timer messages and cancels them on stop', async () => {
    system = new ActorSystem();
    const seen: string[] = [];
    const ticks = deferred();
    const ref = system.spawn<string>({
      preStart(ctx) {
        ctx.timers.startSingleTimer('once', 'single', 5);
        ctx.timers.startPeriodicTimer('tick', 'tick', 2);
      },
      receive(m) {
        seen.push(m);
        if (seen.filter((s) => s === 'tick').length === 3) ticks.resolve();
      },
    });
    await ticks.promise;
    system.stop(ref);
    await settle();
    const count = seen.length;
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.length).toBe(count);
    expect(seen).toContain('tick');
  });

  it('replaces a timer started again with the same key', async () => {
    system = new ActorSystem();
    const seen: string[] = [];
    const done = deferred();
    system.spawn<string>({
      preStart(ctx) {
        ctx.timers.startSingleTimer('k', 'first', 5);
        ctx.timers.startSingleTimer('k', 'second', 5);
        ctx.timers.startSingleTimer('end', 'end', 30);
      },
      receive(m) {
        seen.push(m);
        if (m === 'end') done.resolve();
      },
    });
    await done.promise;
    expect(seen).toEqual(['second', 'end']);
  });

  it('delivers the receive-timeout message when the actor is idle', async () => {
    system = new ActorSystem();
    const got = deferred<string>();
    system.spawn<string>({
      preStart: (ctx) => ctx.setReceiveTimeout(10, 'idle'),
      receive(m, ctx) {
        ctx.cancelReceiveTimeout();
        got.resolve(m);
      },
    });
    await expect(got.promise).resolves.toBe('idle');
  });
});

describe('dispatcher', () => {
  it('yields to the event loop so timers run while an actor keeps itself busy', async () => {
    system = new ActorSystem({ timeBudgetMs: 2 });
    let handled = 0;
    const busy: ActorRef<'spin'> = system.spawn<'spin'>((_m, ctx) => {
      handled++;
      ctx.self.tell('spin');
    });
    busy.tell('spin');
    // Without yielding, this timer would never fire and the test would time out.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const atTimer = handled;
    system.stop(busy);
    await settle();
    expect(atTimer).toBeGreaterThan(1);
  });

  it('handles at most `throughput` messages of one actor before the next actor runs', async () => {
    system = new ActorSystem({ throughput: 5 });
    const order: string[] = [];
    const a = system.spawn<number>(() => void order.push('a'));
    const b = system.spawn<number>(() => void order.push('b'));
    for (let i = 0; i < 10; i++) a.tell(i);
    for (let i = 0; i < 10; i++) b.tell(i);
    await settle();
    expect(order.join('')).toBe('aaaaabbbbbaaaaabbbbb');
  });
});

class Named extends Actor<string> {
  receive(): void {}
}

describe('children', () => {
  it('lists live children and frees a child’s name once it stops', async () => {
    system = new ActorSystem();
    const parent = system.spawn<string>((m, ctx) => {
      if (m === 'spawn') ctx.spawn(Named, { name: 'n' });
      if (m === 'stop') ctx.stop(ctx.children[0]);
      if (m === 'count') ctx.reply(ctx.children.length);
    });
    parent.tell('spawn');
    await expect(parent.ask('count')).resolves.toBe(1);
    parent.tell('stop');
    await settle();
    await expect(parent.ask('count')).resolves.toBe(0);
    parent.tell('spawn');
    await expect(parent.ask('count')).resolves.toBe(1);
  });
});
