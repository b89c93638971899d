import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Actor, type ActorContext, ActorError, type ActorRef, ActorSystem } from '../src/index.js';
import { deferred, settle } from './helpers.js';

/* Small gaps of the local API (issue 20, item 4). */

let system: ActorSystem;
afterEach(async () => {
  await system?.shutdown();
});

/** An actor class whose constructor takes arguments; `built` records every construction. */
const built: [string, number][] = [];
class Greeter extends Actor<string> {
  readonly greeting: string;
  readonly times: number;

  constructor(greeting: string, times: number) {
    super();
    this.greeting = greeting;
    this.times = times;
    built.push([greeting, times]);
  }

  receive(message: string, ctx: ActorContext<string>): void {
    if (message === 'boom') throw new Error('boom');
    ctx.reply(`${this.greeting} ${message} x${this.times}`);
  }
}

/** Never called: the compiler checks these lines (tsc includes test/). */
export function typeChecks(s: ActorSystem, ref: ActorRef<number>): void {
  const greeter: ActorRef<string> = s.spawn(Greeter, { args: ['hello', 2] });
  // @ts-expect-error a class whose constructor takes arguments needs `args`
  s.spawn(Greeter);
  // @ts-expect-error the args must match the constructor's parameters
  s.spawn(Greeter, { args: [2, 'hello'] });
  class NotAnActor {
    receive(_message: string): void {}
  }
  // @ts-expect-error a class that does not extend Actor is not an actor definition
  s.spawn(NotAnActor);
  s.spawn<string>((_m, ctx) => {
    ctx.tell(ref, 1);
    // @ts-expect-error ctx.tell checks the message against the ref's type
    ctx.tell(ref, 'one');
  });
  void greeter;
}

describe('ctx.tell', () => {
  it('sends with the actor itself as the sender, so the receiver can reply to it', async () => {
    system = new ActorSystem();
    const answered = deferred<unknown>();
    const echo = system.spawn<string>((m, ctx) => ctx.reply(`echo: ${m}`));
    const asker = system.spawn<string>((m, ctx) => {
      if (m === 'go') ctx.tell(echo, 'ping');
      else answered.resolve([m, ctx.sender]);
    });
    asker.tell('go');
    expect(await answered.promise).toEqual(['echo: ping', echo]);
  });
});

describe('spawn with constructor args', () => {
  it('passes args to the constructor, and again to the fresh instance of each restart', async () => {
    system = new ActorSystem({ logFailures: false });
    built.length = 0;
    const ref = system.spawn(Greeter, { name: 'greeter', args: ['hello', 2] });
    expect(await ref.ask('bob')).toBe('hello bob x2');
    ref.tell('boom');
    expect(await ref.ask('again')).toBe('hello again x2');
    expect(built).toEqual([
      ['hello', 2],
      ['hello', 2],
    ]);
  });

  it('passes args to a child spawned with ctx.spawn', async () => {
    system = new ActorSystem();
    const parent = system.spawn<string>((m, ctx) => {
      const child = ctx.spawn(Greeter, { args: ['hi', 3] });
      child.tell(m, ctx.sender);
    });
    expect(await parent.ask('ann')).toBe('hi ann x3');
  });

  it('rejects args for a receive function with INVALID_OPTION', () => {
    system = new ActorSystem();
    const spawn = system.spawn as (definition: unknown, options: unknown) => unknown;
    expect(() => spawn.call(system, () => {}, { args: [1] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('spawn of a class that does not extend Actor', () => {
  it('throws INVALID_ACTOR at spawn for a class with a receive method, and starts nothing', () => {
    system = new ActorSystem();
    class Plain {
      receive(): void {}
    }
    const before = system.metrics.snapshot().actorsStarted;
    const spawn = system.spawn as (definition: unknown) => unknown;
    let error: unknown;
    try {
      spawn.call(system, Plain);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ActorError);
    expect(error).toMatchObject({
      code: 'INVALID_ACTOR',
      message: expect.stringMatching(/^@zactor\/actor-core\/ActorSystem\.spawn: Plain .*Actor/),
    });
    expect(system.metrics.snapshot().actorsStarted).toBe(before);
  });

  it('throws INVALID_ACTOR for a class without receive, and still takes plain function receivers', async () => {
    system = new ActorSystem();
    const spawn = system.spawn as (definition: unknown) => unknown;
    expect(() => spawn.call(system, class Empty {})).toThrow(
      expect.objectContaining({ code: 'INVALID_ACTOR' }),
    );
    const ref = system.spawn<string>(function echo(m, ctx) {
      ctx.reply(m);
    });
    expect(await ref.ask('still fine')).toBe('still fine');
  });
});

describe('system.whenTerminated', () => {
  it('resolves once the system has terminated, whoever shut it down', async () => {
    system = new ActorSystem();
    let terminated = false;
    const stopped: string[] = [];
    system.spawn<string>({ receive() {}, postStop: () => stopped.push('actor') });
    void system.whenTerminated.then(() => {
      terminated = true;
    });
    await settle();
    expect(terminated).toBe(false);
    void system.shutdown();
    await system.whenTerminated;
    expect(terminated).toBe(true);
    expect(stopped).toEqual(['actor']);
    expect(system.isTerminated).toBe(true);
  });
});

describe('console.log of a ref', () => {
  it('shows ActorRef(path#id) rather than the cell inside', () => {
    system = new ActorSystem();
    const ref = system.spawn<string>(() => {}, { name: 'x' });
    expect(inspect(ref)).toBe(`ActorRef(/user/x#${ref.id})`);
    expect(inspect({ ref })).toBe(`{ ref: ActorRef(/user/x#${ref.id}) }`);
  });
});

describe('actor counts in the metrics', () => {
  it('counts user actors only: not the guardians, nor the temporary cells of asks', async () => {
    system = new ActorSystem();
    const ref = system.spawn<string>((m, ctx) => ctx.reply(m));
    expect(system.metrics.snapshot()).toMatchObject({
      actorsStarted: 1,
      actorsStopped: 0,
      actorsAlive: 1,
    });
    await ref.ask('one');
    await ref.ask('two');
    expect(system.metrics.snapshot()).toMatchObject({
      actorsStarted: 1,
      actorsStopped: 0,
      actorsAlive: 1,
    });
    system.stop(ref);
    await settle();
    expect(system.metrics.snapshot()).toMatchObject({
      actorsStarted: 1,
      actorsStopped: 1,
      actorsAlive: 0,
    });
    await system.shutdown();
    expect(system.metrics.snapshot()).toMatchObject({ actorsStopped: 1, actorsAlive: 0 });
  });
});
