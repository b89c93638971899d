import { afterEach, describe, expect, it } from 'vitest';
import {
  Actor,
  type ActorContext,
  type ActorRef,
  ActorSystem,
  OneForOneStrategy,
  Terminated,
} from '../src/index.js';
import { deferred, record, settle } from './helpers.js';

/*
 * Nothing a user actor does may take the thread down: every hook, the constructor on a restart
 * and the supervisor's decider may throw, and the failure stays with that actor.
 */

let system: ActorSystem;
afterEach(async () => {
  await system?.shutdown();
});

/** Counts constructions across instances; the second and later ones throw when `failFrom` says so. */
let constructions = 0;
let failFrom = Number.POSITIVE_INFINITY;

class CtorFails extends Actor<string> {
  constructor() {
    super();
    constructions++;
    if (constructions >= failFrom) throw new Error(`ctor fails on construction ${constructions}`);
  }
  receive(msg: string, ctx: ActorContext<string>): void {
    if (msg === 'boom') throw new Error('boom');
    ctx.reply(`ok:${msg}`);
  }
}

/** A parent that watches its one child and records what it hears. */
function parentOf<M>(
  spawnChild: (ctx: ActorContext<unknown>) => ActorRef<M>,
  heard: unknown[],
  strategy = new OneForOneStrategy(),
): { child: () => ActorRef<M>; parent: ActorRef<unknown> } {
  let child!: ActorRef<M>;
  const parent = system.spawn<unknown>(
    {
      preStart(ctx) {
        child = spawnChild(ctx);
        ctx.watch(child);
      },
      receive(m) {
        heard.push(m);
      },
    },
    { supervisor: strategy },
  );
  return { child: () => child, parent };
}

describe('failures inside user code never take the thread down', () => {
  it('stops an actor whose constructor throws on restart, tells its parent, and keeps its siblings running', async () => {
    system = new ActorSystem();
    constructions = 0;
    failFrom = 2;
    const failed = record(system, 'actor-failed');
    const heard: unknown[] = [];
    const { child, parent } = parentOf((ctx) => ctx.spawn(CtorFails), heard);
    const sibling = system.spawn<string>((m, ctx) => ctx.reply(`sibling:${m}`));
    child().tell('boom');
    child().tell('queued');
    await settle(5);
    // The parent watched it: it hears Terminated; the restart failure is reported as a stop.
    expect(heard.some((m) => m instanceof Terminated && m.ref.id === child().id)).toBe(true);
    const last = failed.at(-1)!;
    expect(last.directive).toBe('stop');
    expect((last.error as { code?: string }).code).toBe('RESTART_FAILED');
    expect(String((last.error as Error).message)).toContain('ctor fails on construction 2');
    expect(child().tell('after')).toBe(false);
    await expect(sibling.ask('ping')).resolves.toBe('sibling:ping');
    expect(parent.tell('still here')).toBe(true);
    failFrom = Number.POSITIVE_INFINITY;
  });

  it('dead-letters the messages a child with a failing restart still held', async () => {
    system = new ActorSystem();
    constructions = 0;
    failFrom = 2;
    const dead = record(system, 'dead-letter');
    const { child } = parentOf((ctx) => ctx.spawn(CtorFails), []);
    child().tell('boom');
    child().tell('a');
    child().tell('b');
    await settle(5);
    expect(dead.map((d) => d.message)).toEqual(['a', 'b']);
    expect(dead.every((d) => d.reason === 'stopped')).toBe(true);
    failFrom = Number.POSITIVE_INFINITY;
  });

  it('survives every hook throwing, and reports each to the event stream', async () => {
    system = new ActorSystem();
    const hooks = record(system, 'hook-failed', 'actor-failed');
    const hook = (name: string) => () => {
      throw new Error(`${name} fails`);
    };
    const stopped = deferred();
    const ref = system.spawn<string>({
      preStart: hook('preStart'),
      preRestart: hook('preRestart'),
      postRestart: hook('postRestart'),
      postStop() {
        stopped.resolve();
        throw new Error('postStop fails');
      },
      receive(m) {
        if (m === 'boom') throw new Error('boom');
      },
    });
    ref.tell('boom');
    await settle(5);
    system.stop(ref);
    await stopped.promise;
    await settle();
    const seen = hooks.map((e) =>
      e.type === 'hook-failed' ? `hook:${e.hook}` : `failed:${(e.error as Error).message}`,
    );
    expect(seen).toContain('failed:preStart fails');
    expect(seen).toContain('hook:preRestart');
    expect(seen).toContain('failed:postRestart fails');
    expect(seen).toContain('hook:postStop');
    await expect(system.spawn<string>((m, ctx) => ctx.reply(m)).ask('alive')).resolves.toBe(
      'alive',
    );
  });

  it('escalates when a decider throws, and the parent is restarted instead of the process dying', async () => {
    system = new ActorSystem();
    const failed = record(system, 'actor-failed');
    const strategy = new OneForOneStrategy({
      decider: () => {
        throw new Error('decider fails');
      },
    });
    const { child } = parentOf(
      (ctx) => ctx.spawn<string>((m) => void (m === 'boom' ? thrower() : 0)),
      [],
      strategy,
    );
    child().tell('boom');
    await settle(5);
    expect(failed.map((e) => e.directive)).toEqual(['escalate', 'restart']);
  });

  it('reports a constructor that throws at spawn to the caller, and keeps its slot free', async () => {
    system = new ActorSystem();
    const gone = system.spawn<string>(() => {});
    system.stop(gone);
    await settle();
    constructions = 0;
    failFrom = 1;
    const before = system.metrics.snapshot();
    for (let i = 0; i < 3; i++) expect(() => system.spawn(CtorFails)).toThrow(/construction/);
    failFrom = Number.POSITIVE_INFINITY;
    const ok = system.spawn(CtorFails);
    // The failed spawns left no actor behind and did not lose the free slot they had taken.
    expect(system.metrics.snapshot().actorsStarted - before.actorsStarted).toBe(1);
    expect(ok.slot).toBe(gone.slot);
  });
});

function thrower(): never {
  throw new Error('boom');
}
