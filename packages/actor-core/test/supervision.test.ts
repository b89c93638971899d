import { afterEach, describe, expect, it } from 'vitest';
import {
  Actor,
  type ActorContext,
  type ActorRef,
  ActorSystem,
  AllForOneStrategy,
  type Directive,
  OneForOneStrategy,
  Terminated,
} from '../src/index.js';
import { deferred, record, settle } from './helpers.js';

let system: ActorSystem;
afterEach(async () => {
  await system?.shutdown();
});

type Cmd = 'inc' | 'get' | 'boom';

const lifecycle: string[] = [];

class Fragile extends Actor<Cmd> {
  count = 0;
  override preStart(): void {
    lifecycle.push('preStart');
  }
  override preRestart(_ctx: ActorContext<Cmd>, error: unknown, message: Cmd | undefined): void {
    lifecycle.push(`preRestart:${(error as Error).message}:${message}`);
  }
  override postRestart(_ctx: ActorContext<Cmd>, error: unknown): void {
    lifecycle.push(`postRestart:${(error as Error).message}`);
  }
  receive(msg: Cmd, ctx: ActorContext<Cmd>): void {
    if (msg === 'boom') throw new Error('kaboom');
    if (msg === 'inc') this.count++;
    else ctx.reply(this.count);
  }
}

function supervisedBy(directive: Directive): ActorRef<Cmd> {
  const strategy = new OneForOneStrategy({ decider: () => directive });
  let child!: ActorRef<Cmd>;
  system.spawn<string>(
    { preStart: (ctx) => void (child = ctx.spawn(Fragile)), receive() {} },
    { supervisor: strategy },
  );
  return child;
}

describe('one-for-one supervision', () => {
  it('restarts a failed class actor with fresh state, skips the failed message and keeps the rest', async () => {
    system = new ActorSystem();
    lifecycle.length = 0;
    const child = supervisedBy('restart');
    child.tell('inc');
    child.tell('inc');
    child.tell('boom');
    child.tell('inc');
    await expect(child.ask('get')).resolves.toBe(1);
    expect(lifecycle).toEqual(['preStart', 'preRestart:kaboom:boom', 'postRestart:kaboom']);
    expect(system.metrics.snapshot().restarts).toBe(1);
  });

  it('resumes a failed actor with its state intact', async () => {
    system = new ActorSystem();
    const child = supervisedBy('resume');
    child.tell('inc');
    child.tell('boom');
    child.tell('inc');
    await expect(child.ask('get')).resolves.toBe(2);
  });

  it('stops a failed actor and tells its watchers', async () => {
    system = new ActorSystem();
    const child = supervisedBy('stop');
    const gone = deferred<Terminated>();
    system.spawn<Terminated>({
      preStart: (ctx) => ctx.watch(child),
      receive: (m) => gone.resolve(m),
    });
    child.tell('boom');
    await expect(gone.promise).resolves.toBeInstanceOf(Terminated);
    expect(child.tell('inc')).toBe(false);
  });

  it('escalates to the grandparent, which restarts the parent and so stops the old children', async () => {
    system = new ActorSystem();
    const events = record(system, 'actor-failed', 'actor-restarted', 'actor-stopped');
    const parentStarts: number[] = [];
    let child!: ActorRef<Cmd>;
    const parent = system.spawn<string>(
      {
        preStart(ctx) {
          parentStarts.push(1);
          child = ctx.spawn(Fragile, { name: 'fragile' });
        },
        receive() {},
      },
      { supervisor: new OneForOneStrategy({ decider: () => 'escalate' }), name: 'parent' },
    );
    const firstChild = child;
    firstChild.tell('boom');
    await settle(5);
    expect(events.filter((e) => e.type === 'actor-failed').map((e) => e.ref.path)).toEqual([
      '/user/parent/fragile',
      '/user/parent',
    ]);
    expect(events.some((e) => e.type === 'actor-restarted' && e.ref === parent)).toBe(true);
    expect(events.some((e) => e.type === 'actor-stopped' && e.ref === firstChild)).toBe(true);
    expect(parentStarts).toHaveLength(2);
    expect(child).not.toBe(firstChild);
    await expect(child.ask('get')).resolves.toBe(0);
  });

  it('stops a child that fails more often than the restart limit allows', async () => {
    system = new ActorSystem();
    const strategy = new OneForOneStrategy({ maxRestarts: 3, withinMs: 60_000 });
    let child!: ActorRef<Cmd>;
    system.spawn<string>(
      { preStart: (ctx) => void (child = ctx.spawn(Fragile)), receive() {} },
      { supervisor: strategy },
    );
    const gone = deferred();
    system.spawn<Terminated>({
      preStart: (ctx) => ctx.watch(child),
      receive: () => gone.resolve(),
    });
    for (let i = 0; i < 6; i++) child.tell('boom');
    await gone.promise;
    expect(system.metrics.snapshot().restarts).toBe(3);
    expect(system.metrics.snapshot().failures).toBe(4);
  });

  it('waits an exponentially growing backoff between restarts', async () => {
    system = new ActorSystem();
    const strategy = new OneForOneStrategy({ maxRestarts: 5, backoff: { minMs: 10, maxMs: 40 } });
    let child!: ActorRef<Cmd>;
    system.spawn<string>(
      { preStart: (ctx) => void (child = ctx.spawn(Fragile)), receive() {} },
      { supervisor: strategy },
    );
    const restarts: number[] = [];
    system.events.subscribe(() => restarts.push(performance.now()), ['actor-restarted']);
    const failedAt: number[] = [];
    system.events.subscribe(() => failedAt.push(performance.now()), ['actor-failed']);
    for (let i = 0; i < 3; i++) {
      child.tell('boom');
      while (restarts.length <= i) await settle(1);
    }
    // Restart n waits min * 2^(n-1): 10, 20, 40 ms (setTimeout never fires early by more than 1 ms).
    const waits = restarts.map((t, i) => t - failedAt[i]!);
    expect(waits[0]).toBeGreaterThanOrEqual(9);
    expect(waits[1]).toBeGreaterThanOrEqual(19);
    expect(waits[2]).toBeGreaterThanOrEqual(39);
  });

  it('rejects bad strategy options with typed errors', () => {
    expect(() => new OneForOneStrategy({ maxRestarts: -1 })).toThrow(
      /^@zactor\/actor-core\/OneForOneStrategy: /,
    );
    expect(() => new AllForOneStrategy({ withinMs: 0 })).toThrow(/withinMs/);
    expect(() => new OneForOneStrategy({ backoff: { minMs: 10, maxMs: 5 } })).toThrow(/backoff/);
  });
});

describe('all-for-one supervision', () => {
  it('restarts every sibling when one fails', async () => {
    system = new ActorSystem();
    const starts = new Map<string, number>();
    const sibling = (name: string) =>
      class extends Actor<Cmd> {
        override preStart(): void {
          starts.set(name, (starts.get(name) ?? 0) + 1);
        }
        receive(msg: Cmd, ctx: ActorContext<Cmd>): void {
          if (msg === 'boom') throw new Error(`${name} failed`);
          ctx.reply(name);
        }
      };
    const kids: ActorRef<Cmd>[] = [];
    system.spawn<string>(
      {
        preStart(ctx) {
          kids.push(ctx.spawn(sibling('a')), ctx.spawn(sibling('b')), ctx.spawn(sibling('c')));
        },
        receive() {},
      },
      { supervisor: new AllForOneStrategy() },
    );
    kids[1]!.tell('boom');
    await settle(5);
    expect(Object.fromEntries(starts)).toEqual({ a: 2, b: 2, c: 2 });
    await expect(kids[0]!.ask('get')).resolves.toBe('a');
    await expect(kids[2]!.ask('get')).resolves.toBe('c');
  });
});

describe('faults under load', () => {
  it('keeps processing when an actor throws on 1% of messages, with one restart per failure', async () => {
    system = new ActorSystem();
    const total = 100_000;
    const done = deferred();
    // The default strategy allows 10 restarts in 10 s; this parent allows plenty.
    const parentStrategy = new OneForOneStrategy({ maxRestarts: 10_000 });
    let child!: ActorRef<number>;
    const seen = { handled: 0, failed: 0 };
    system.spawn<string>(
      {
        preStart(ctx) {
          child = ctx.spawn<number>((n) => {
            if (n % 100 === 37) {
              seen.failed++;
              throw new Error(`fault on ${n}`);
            }
            seen.handled++;
            if (seen.handled + seen.failed === total) done.resolve();
          });
        },
        receive() {},
      },
      { supervisor: parentStrategy },
    );
    for (let i = 0; i < total; i++) child.tell(i);
    await done.promise;
    expect(seen.failed).toBe(total / 100);
    expect(seen.handled).toBe(total - total / 100);
    expect(system.metrics.snapshot().restarts).toBe(total / 100);
  });
});
