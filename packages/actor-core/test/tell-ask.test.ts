import { afterEach, describe, expect, it } from 'vitest';
import {
  Actor,
  type ActorContext,
  ActorError,
  ActorSystem,
  AskTimeoutError,
  refIdGeneration,
  refIdSlot,
  refIdWorker,
} from '../src/index.js';
import type { AskTimeouts } from '../src/pending-ask.js';
import { deferred, record, settle } from './helpers.js';

let system: ActorSystem;
afterEach(async () => {
  await system?.shutdown();
});

class Counter extends Actor<'inc' | 'get'> {
  count = 0;
  receive(msg: 'inc' | 'get', ctx: ActorContext<'inc' | 'get'>): void {
    if (msg === 'inc') this.count++;
    else ctx.reply(this.count);
  }
}

describe('tell', () => {
  it('delivers messages to a function actor in the order they were told', async () => {
    system = new ActorSystem();
    const seen: number[] = [];
    const done = deferred();
    const ref = system.spawn<number>((n) => {
      seen.push(n);
      if (n === 999) done.resolve();
    });
    for (let i = 0; i < 1000; i++) ref.tell(i);
    await done.promise;
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('keeps state in the fields of a class actor', async () => {
    system = new ActorSystem();
    const counter = system.spawn(Counter);
    for (let i = 0; i < 42; i++) counter.tell('inc');
    await expect(counter.ask('get')).resolves.toBe(42);
  });

  it('accepts an object with receive and hooks as an actor', async () => {
    system = new ActorSystem();
    const log: string[] = [];
    const ref = system.spawn<string>({
      preStart: () => log.push('start'),
      receive: (m, ctx) => {
        log.push(m);
        ctx.reply('ok');
      },
    });
    await expect(ref.ask('hello')).resolves.toBe('ok');
    expect(log).toEqual(['start', 'hello']);
  });

  it('tells the receiver who sent the message', async () => {
    system = new ActorSystem();
    const done = deferred<string>();
    const echo = system.spawn<string>((m, ctx) => ctx.sender?.tell(`echo:${m}`, ctx.self));
    const client = system.spawn<string>((m, ctx) => {
      if (m === 'go') echo.tell('hi', ctx.self);
      else done.resolve(m);
    });
    client.tell('go');
    await expect(done.promise).resolves.toBe('echo:hi');
  });

  it('rejects an undefined message with a typed error', () => {
    system = new ActorSystem();
    const ref = system.spawn<unknown>(() => {});
    expect(() => ref.tell(undefined)).toThrow(ActorError);
    expect(() => ref.tell(undefined)).toThrow(/^@zactor\/actor-core\/ActorRef\.tell: /);
  });

  it('sends a reply without a sender to dead letters', async () => {
    system = new ActorSystem();
    const dead = record(system, 'dead-letter');
    const ref = system.spawn<string>((_m, ctx) => ctx.reply('nobody listens'));
    ref.tell('x');
    await settle();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ message: 'nobody listens', reason: 'no-sender' });
  });
});

describe('refs', () => {
  it('packs worker, slot and generation into the id and finds live actors by id', async () => {
    system = new ActorSystem({ worker: 3 });
    const a = system.spawn<string>(() => {});
    expect(refIdWorker(a.id)).toBe(3);
    expect(Number.isSafeInteger(a.id)).toBe(true);
    expect(system.lookup(a.id)).toBe(a);
    system.stop(a);
    await settle();
    expect(system.lookup(a.id)).toBeUndefined();
    // The slot is reused with the next generation, so the old ref stays stale.
    const b = system.spawn<string>(() => {});
    expect(refIdSlot(b.id)).toBe(refIdSlot(a.id));
    expect(refIdGeneration(b.id)).toBe(refIdGeneration(a.id) + 1);
    expect(system.lookup(a.id)).toBeUndefined();
    expect(a.tell('late')).toBe(false);
  });

  it('gives every one of many actors a distinct id and a path under /user', () => {
    system = new ActorSystem();
    const ids = new Set<number>();
    for (let i = 0; i < 10_000; i++) ids.add(system.spawn<number>(() => {}).id);
    expect(ids.size).toBe(10_000);
    const named = system.spawn<number>(() => {}, { name: 'orders' });
    expect(named.path).toBe('/user/orders');
  });

  it('rejects duplicate and malformed names with typed errors', () => {
    system = new ActorSystem();
    system.spawn<number>(() => {}, { name: 'a' });
    expect(() => system.spawn<number>(() => {}, { name: 'a' })).toThrow(
      /DUPLICATE|already has a child/,
    );
    expect(() => system.spawn<number>(() => {}, { name: 'a/b' })).toThrow(ActorError);
    expect(() => system.spawn<number>(() => {}, { name: '$x' })).toThrow(ActorError);
    expect(() => system.spawn<number>(() => {}, { throughput: 0 })).toThrow(ActorError);
    expect(() => new ActorSystem({ throughput: -1 })).toThrow(
      /^@zactor\/actor-core\/ActorSystem: /,
    );
  });
});

describe('ask', () => {
  it('resolves with the first reply', async () => {
    system = new ActorSystem();
    const doubler = system.spawn<number>((n, ctx) => ctx.reply(n * 2));
    await expect(doubler.ask<number>(21)).resolves.toBe(42);
  });

  it('rejects with AskTimeoutError when no reply comes, and a late reply becomes a dead letter', async () => {
    system = new ActorSystem();
    const dead = record(system, 'dead-letter');
    let replyLater: (() => void) | undefined;
    const slow = system.spawn<string>((_m, ctx) => {
      const sender = ctx.sender!;
      replyLater = () => sender.tell('too late');
    });
    const error = await slow.ask('q', { timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AskTimeoutError);
    expect((error as AskTimeoutError).code).toBe('ASK_TIMEOUT');
    replyLater!();
    await settle();
    expect(dead.map((d) => d.message)).toContain('too late');
  });

  it('rejects at once when the target has stopped', async () => {
    system = new ActorSystem();
    const ref = system.spawn<string>(() => {});
    system.stop(ref);
    await settle();
    await expect(ref.ask('anyone?')).rejects.toMatchObject({ code: 'UNDELIVERED' });
  });

  it('times out asks of different lengths independently, each at its own deadline', async () => {
    system = new ActorSystem();
    const silent = system.spawn<string>(() => {});
    const echo = system.spawn<string>((m, ctx) => ctx.reply(m));
    const outcomes: string[] = [];
    const track = (label: string, p: Promise<unknown>) =>
      p.then(
        () => outcomes.push(`${label}:ok`),
        (e: unknown) => outcomes.push(`${label}:${(e as AskTimeoutError).code}`),
      );
    await Promise.all([
      track('long', silent.ask('a', { timeoutMs: 60 })),
      track('short', silent.ask('b', { timeoutMs: 10 })),
      track('answered', echo.ask('c', { timeoutMs: 10 })),
      track('short2', silent.ask('d', { timeoutMs: 10 })),
    ]);
    expect(outcomes).toEqual([
      'answered:ok',
      'short:ASK_TIMEOUT',
      'short2:ASK_TIMEOUT',
      'long:ASK_TIMEOUT',
    ]);
  });

  it('leaves no timer holding the process once every ask has settled', async () => {
    system = new ActorSystem();
    // The system's ask timeouts (internal): process-wide timer counts are too noisy to test with.
    const timeouts = (system as unknown as { asks: { timeouts: AskTimeouts } }).asks.timeouts;
    const echo = system.spawn<number>((n, ctx) => ctx.reply(n));
    const silent = system.spawn<number>(() => {});
    const pending = [
      echo.ask(1),
      echo.ask(2),
      silent.ask(3, { timeoutMs: 5 }).catch(() => 'timed out'),
    ];
    expect(timeouts.liveTimers).toBe(2);
    expect(timeouts.size).toBe(3);
    await expect(Promise.all(pending)).resolves.toEqual([1, 2, 'timed out']);
    expect(timeouts.liveTimers).toBe(0);
    expect(timeouts.size).toBe(0);
  });

  it('cleans up its temporary actor after the reply', async () => {
    system = new ActorSystem();
    const echo = system.spawn<number>((n, ctx) => ctx.reply(n));
    const before = system.metrics.snapshot().actorsAlive;
    for (let i = 0; i < 100; i++) await echo.ask(i);
    await settle();
    expect(system.metrics.snapshot().actorsAlive).toBe(before);
  });
});
