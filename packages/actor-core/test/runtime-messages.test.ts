/**
 * A turn never throws into the dispatcher, and a message the runtime sends an actor itself (a
 * Terminated, a receive timeout, a timer's message) never throws into the runtime: a full
 * bounded mailbox whose policy is `fail` makes it a dead letter `mailbox-full`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ActorContext,
  ActorSystem,
  type Dispatcher,
  type Schedulable,
  Terminated,
} from '../src/index.js';
import { record, settle } from './helpers.js';

/** A dispatcher the test drives by hand, so a throw out of `runTurn` reaches the test. */
class ManualDispatcher implements Dispatcher {
  readonly ready: Schedulable[] = [];
  turnStart = 0;
  schedule(cell: Schedulable): void {
    this.ready.push(cell);
  }
  drain(): void {
    for (let cell = this.ready.shift(); cell !== undefined; cell = this.ready.shift()) {
      cell.runTurn();
    }
  }
}

/** Whether `p` settles within `ms`. */
function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([
    p.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);
}

/** Runs `body` and resolves with the uncaught exceptions it left (none escape the test). */
async function uncaughtDuring(body: () => Promise<void>): Promise<unknown[]> {
  const uncaught: unknown[] = [];
  const onError = (error: unknown) => uncaught.push(error);
  process.prependListener('uncaughtException', onError);
  try {
    await body();
  } finally {
    process.removeListener('uncaughtException', onError);
  }
  return uncaught;
}

const failing = { kind: 'bounded', capacity: 1, overflow: 'fail' } as const;

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

describe('a Terminated for a full mailbox whose policy is fail', () => {
  it('is a dead letter mailbox-full, and the turn that sends it does not throw', () => {
    const dispatcher = new ManualDispatcher();
    // Not shut down after the test: nothing would drain the manual dispatcher (no timers left).
    const system = new ActorSystem({ dispatcher, logFailures: false });
    const letters = record(system, 'dead-letter');
    const target = system.spawn<string>(() => {});
    const watcher = system.spawn<string | Terminated>(
      { preStart: (ctx) => ctx.watch(target), receive() {} },
      { mailbox: failing },
    );
    dispatcher.drain();
    system.stop(target);
    watcher.tell('work');
    expect(() => dispatcher.drain()).not.toThrow();
    expect(letters.map((l) => [l.reason, l.message instanceof Terminated])).toEqual([
      ['mailbox-full', true],
    ]);
  });

  it('leaves the watcher serving, and the system shuts down', async () => {
    system = new ActorSystem({ logFailures: false });
    const seen: unknown[] = [];
    const target = system.spawn<string>(() => {});
    const watcher = system.spawn<string | Terminated>(
      { preStart: (ctx) => ctx.watch(target), receive: (m) => void seen.push(m) },
      { mailbox: failing },
    );
    await settle();
    const sys = system;
    const uncaught = await uncaughtDuring(async () => {
      sys.stop(target);
      watcher.tell('work');
      await settle(5);
    });
    const shutDown = await within(system.shutdown(), 10_000);
    system = undefined;
    expect({ uncaught, seen, shutDown }).toEqual({ uncaught: [], seen: ['work'], shutDown: true });
  });
});

describe('timer and receive-timeout messages for a full mailbox whose policy is fail', () => {
  it('are dead letters mailbox-full, not exceptions out of a timer callback', async () => {
    system = new ActorSystem({ logFailures: false });
    const letters = record(system, 'dead-letter');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sys = system;
    const uncaught = await uncaughtDuring(async () => {
      const ref = sys.spawn<string>(
        (m, ctx) => {
          if (m !== 'hold') return undefined;
          // Fills the mailbox (capacity 1) and holds the actor (async receive) while the
          // timer and the receive timeout fire.
          ctx.self.tell('fill');
          ctx.timers.startSingleTimer('t', 'timer', 1);
          ctx.setReceiveTimeout(1, 'idle');
          return gate;
        },
        { mailbox: failing },
      );
      ref.tell('hold');
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      await settle(5);
    });
    expect(uncaught).toEqual([]);
    expect(letters.some((l) => l.message === 'timer' && l.reason === 'mailbox-full')).toBe(true);
  });
});

describe('an undefined timer or receive-timeout message', () => {
  it('is refused when the timer is started, not thrown later from the timer callback', async () => {
    system = new ActorSystem({ logFailures: false });
    const failed = record(system, 'actor-failed');
    const sys = system;
    const uncaught = await uncaughtDuring(async () => {
      for (const start of [
        (ctx: ActorContext<string | undefined>) => ctx.timers.startSingleTimer('k', undefined, 1),
        (ctx: ActorContext<string | undefined>) => ctx.timers.startPeriodicTimer('k', undefined, 1),
        (ctx: ActorContext<string | undefined>) => ctx.setReceiveTimeout(1, undefined),
      ]) {
        sys.spawn<string | undefined>({ preStart: start, receive: () => {} });
      }
      await settle(5);
    });
    expect(uncaught).toEqual([]);
    // Each preStart threw UNDEFINED_MESSAGE in the actor's own turn: a failure, supervised
    // (restarted, so each fails again until its restarts run out).
    const codes = new Set(failed.map((f) => (f.error as { code?: string }).code));
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect([...codes]).toEqual(['UNDEFINED_MESSAGE']);
  });
});

describe('a receive whose result has a `then` that throws', () => {
  it('is a failure for the supervisor; the turn does not throw and the actor goes on', () => {
    const dispatcher = new ManualDispatcher();
    const system = new ActorSystem({ dispatcher, logFailures: false });
    const failed = record(system, 'actor-failed');
    const seen: string[] = [];
    const ref = system.spawn<string>((m) => {
      seen.push(m);
      if (m !== 'odd') return undefined;
      return {
        // biome-ignore lint/suspicious/noThenProperty: a thenable whose `then` throws is the point.
        then: () => {
          throw new Error('not a real promise');
        },
      } as never;
    });
    ref.tell('odd');
    ref.tell('next');
    expect(() => dispatcher.drain()).not.toThrow();
    dispatcher.drain();
    expect(failed).toHaveLength(1);
    expect(seen).toEqual(['odd', 'next']);
  });
});
