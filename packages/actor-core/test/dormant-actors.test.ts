import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isDormant } from '../src/actor-ref.js';
import { ActorSystem, type AnyActorRef, OneForOneStrategy, type Terminated } from '../src/index.js';
import { record, settle } from './helpers.js';

let system: ActorSystem | undefined;
afterEach(async () => {
  await system?.shutdown();
  system = undefined;
});

function newSystem(): ActorSystem {
  system = new ActorSystem({ logFailures: false });
  return system;
}

/** A parent (an object actor: never dormant itself) that spawns `n` receive-function children. */
function parentOf(
  sys: ActorSystem,
  n: number,
  receive: (message: number) => void = () => {},
): { parent: AnyActorRef; children: AnyActorRef[] } {
  const children: AnyActorRef[] = [];
  const parent = sys.spawn<'spawn'>({
    receive() {},
    preStart(ctx) {
      for (let i = 0; i < n; i++) children.push(ctx.spawn<number>(receive));
    },
  });
  return { parent, children };
}

/**
 * Actors spawned with a plain receive function wait without a cell until first used
 * (cell-factory.ts): nothing a user can observe may differ from an actor that has a cell.
 */
describe('dormant actors', () => {
  it('are the spawns of a receive function like the one before them; the first has its cell', () => {
    const sys = newSystem();
    const receive = (): void => {};
    const alike = [0, 1, 2].map(() => sys.spawn<number>(receive));
    expect(alike.map(isDormant)).toEqual([false, true, true]);
    // A closure per actor, a name, a class or hooks: each gets its cell at its spawn.
    const own = [0, 1].map(() => sys.spawn<number>(() => {}));
    expect(own.map(isDormant)).toEqual([false, false]);
    expect(isDormant(sys.spawn<number>(receive, { name: 'named' }))).toBe(false);
    expect(isDormant(sys.spawn<number>({ receive }))).toBe(false);
  });

  it('get their messages in order, and are counted from their spawn', async () => {
    const sys = newSystem();
    const seen: [AnyActorRef, number][] = [];
    const receive = (m: number, ctx: { self: AnyActorRef }): void => void seen.push([ctx.self, m]);
    const refs = [0, 1, 2].map(() => sys.spawn<number>(receive));
    expect(refs.filter(isDormant)).toHaveLength(2);
    expect(sys.metrics.snapshot().actorsAlive).toBe(3);
    for (let m = 0; m < 5; m++) for (const ref of refs) ref.tell(m);
    expect(refs.filter(isDormant)).toHaveLength(0);
    await settle();
    for (const ref of refs) {
      expect(seen.filter(([who]) => who === ref).map(([, m]) => m)).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('are found by id (the ref spawn gave), and have their path before any message', () => {
    const sys = newSystem();
    const receive = (): void => {};
    sys.spawn<number>(receive);
    const ref = sys.spawn<number>(receive);
    expect(isDormant(ref)).toBe(true);
    expect(sys.lookup(ref.id)).toBe(ref);
    expect(sys.resolve(ref.id)).toBe(ref);
    expect(isDormant(ref)).toBe(true);
    expect(ref.path).toBe(`/user/$${ref.slot}`);
    expect(String(ref)).toBe(`ActorRef(/user/$${ref.slot}#${ref.id})`);
    expect(inspect(ref)).toBe(String(ref));
    // Naming it made no cell: it is still dormant.
    expect(isDormant(ref)).toBe(true);
  });

  it('are listed among their parent’s children as the refs spawn gave', async () => {
    const sys = newSystem();
    let listed: readonly AnyActorRef[] = [];
    const children: AnyActorRef[] = [];
    const parent = sys.spawn<'list'>({
      receive(_m, ctx) {
        listed = ctx.children;
      },
      preStart(ctx) {
        for (let i = 0; i < 5; i++) children.push(ctx.spawn<number>(() => {}));
      },
    });
    parent.tell('list');
    await settle();
    expect(new Set(listed)).toEqual(new Set(children));
  });

  it('stop with their parent without a cell: each counted and announced once, later tells dead letters', async () => {
    const sys = newSystem();
    const stopped = record(sys, 'actor-stopped');
    const letters = record(sys, 'dead-letter');
    const { parent, children } = parentOf(sys, 50);
    await settle();
    expect(children.filter(isDormant)).toHaveLength(49);
    // A few of them woke (a message), the rest never did.
    for (const child of children.slice(0, 5)) child.tell(1);
    await settle();
    sys.stop(parent);
    await settle();
    const ids = stopped.map((e) => e.ref.id);
    expect(ids).toHaveLength(51);
    expect(new Set(ids).size).toBe(51);
    for (const child of children) expect(ids).toContain(child.id);
    expect(sys.metrics.snapshot().actorsAlive).toBe(0);
    expect(children[40]!.tell(7)).toBe(false);
    expect(letters.at(-1)).toMatchObject({
      message: 7,
      recipient: children[40],
      reason: 'stopped',
    });
    expect(children[40]!.path).toBe(`${parent.path}/$${children[40]!.slot}`);
  });

  it('are dead letters with reason shutdown once the system shut down', async () => {
    const sys = newSystem();
    const letters = record(sys, 'dead-letter');
    const receive = (): void => {};
    sys.spawn<number>(receive);
    const ref = sys.spawn<number>(receive);
    expect(isDormant(ref)).toBe(true);
    await sys.shutdown();
    expect(ref.tell(1)).toBe(false);
    expect(letters.at(-1)).toMatchObject({ recipient: ref, reason: 'shutdown' });
  });

  it('tell their watchers when they stop, woken or not', async () => {
    const sys = newSystem();
    const { parent, children } = parentOf(sys, 3);
    const terminated: number[] = [];
    const watcher = sys.spawn<Terminated | 'watch'>({
      receive(m, ctx) {
        if (m === 'watch') ctx.watch(children[0]!);
        else terminated.push(m.ref.id);
      },
    });
    await settle();
    watcher.tell('watch');
    await settle();
    // children[0] was woken by the watch; children[1] is stopped while dormant.
    sys.stop(children[0]!);
    sys.stop(parent);
    await settle();
    expect(terminated).toEqual([children[0]!.id]);
    // Watching an actor stopped while dormant is answered at once.
    const late: number[] = [];
    sys.spawn<Terminated>({
      receive: (m) => void late.push(m.ref.id),
      preStart: (ctx) => ctx.watch(children[1]!),
    });
    await settle();
    expect(late).toEqual([children[1]!.id]);
  });

  it('leave a slot whose next actor has a new generation: the old ref stays dead', async () => {
    const sys = newSystem();
    const { parent, children } = parentOf(sys, 2);
    await settle();
    const old = children[1]!;
    expect(isDormant(old)).toBe(true);
    sys.stop(parent);
    await settle();
    const got: number[] = [];
    const fresh = [0, 1, 2].map(() => sys.spawn<number>((m) => void got.push(m)));
    const reused = fresh.find((ref) => ref.slot === old.slot);
    expect(reused).toBeDefined();
    expect(reused!.id).not.toBe(old.id);
    expect(old.tell(1)).toBe(false);
    expect(reused!.tell(2)).toBe(true);
    expect(sys.lookup(old.id)).toBeUndefined();
    await settle();
    expect(got).toEqual([2]);
  });

  it('restart: the default preRestart stops the dormant children once each', async () => {
    const sys = newSystem();
    const stopped = record(sys, 'actor-stopped');
    const children: AnyActorRef[] = [];
    let starts = 0;
    const parent = sys.spawn<'fail'>({
      receive() {
        throw new Error('boom');
      },
      preStart(ctx) {
        starts++;
        for (let i = 0; i < 10; i++) children.push(ctx.spawn<number>(() => {}));
      },
    });
    await settle();
    parent.tell('fail');
    await settle();
    expect(starts).toBe(2);
    const first = new Set(children.slice(0, 10).map((c) => c.id));
    const ids = stopped.map((e) => e.ref.id);
    expect(ids.filter((id) => first.has(id))).toHaveLength(10);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sys.metrics.snapshot().actorsAlive).toBe(11);
  });

  it('answer asks, and wake for them', async () => {
    const sys = newSystem();
    const receive = (m: number, ctx: { reply(x: unknown): void }): void => ctx.reply(m * 2);
    sys.spawn<number>(receive);
    const ref = sys.spawn<number>(receive);
    expect(isDormant(ref)).toBe(true);
    await expect(ref.ask<number>(21)).resolves.toBe(42);
  });

  it('stay dormant while their parent is resumed after its failure', async () => {
    const sys = newSystem();
    const children: AnyActorRef[] = [];
    let parent: AnyActorRef | undefined;
    const seen: string[] = [];
    sys.spawn<'go'>(
      {
        receive() {},
        preStart(ctx) {
          parent = ctx.spawn<string>({
            receive(m) {
              if (m === 'fail') throw new Error('boom');
              seen.push(m);
            },
            preStart(inner) {
              const receive = (): void => {};
              for (let i = 0; i < 4; i++) children.push(inner.spawn<number>(receive));
            },
          });
        },
      },
      { supervisor: new OneForOneStrategy({ decider: () => 'resume' }) },
    );
    await settle();
    parent!.tell('fail');
    parent!.tell('after');
    await settle();
    expect(seen).toEqual(['after']);
    expect(children.map(isDormant)).toEqual([false, true, true, true]);
  });

  it('many woken out of order, some stopped and their slots reused: a parent stop still stops each once', async () => {
    const sys = newSystem();
    const stopped = record(sys, 'actor-stopped');
    const receive = (m: string, ctx: { stop(): void }): void => {
      if (m === 'stop') ctx.stop();
    };
    const children: AnyActorRef[] = [];
    const parent = sys.spawn<number>({
      receive(n, ctx) {
        for (let i = 0; i < n; i++) children.push(ctx.spawn<string>(receive));
      },
    });
    parent.tell(300);
    await settle();
    // Oldest first: none of these is the newest, so they stay listed until compactions.
    for (let i = 0; i < 260; i++) children[i]!.tell(i % 2 === 0 ? 'stop' : 'hello');
    await settle();
    // New dormant children take the freed slots (listed again under the same parent).
    parent.tell(200);
    await settle();
    expect(children.filter(isDormant).length).toBeGreaterThan(200);
    sys.stop(parent);
    await settle();
    const ids = stopped.map((e) => e.ref.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(501);
    for (const child of children) expect(ids).toContain(child.id);
    expect(sys.metrics.snapshot().actorsAlive).toBe(0);
  });

  it('deliver or dead-letter every message, and stop once each, whatever the order of tells and stops', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('tell' as const), child: fc.nat(19) }),
      fc.record({ kind: fc.constant('stop' as const), child: fc.nat(19) }),
      fc.record({ kind: fc.constant('settle' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 60 }), fc.boolean(), async (ops, stopParent) => {
        const sys = new ActorSystem({ logFailures: false });
        try {
          const stopped = record(sys, 'actor-stopped');
          const letters = record(sys, 'dead-letter');
          let received = 0;
          const { parent, children } = parentOf(sys, 20, () => void received++);
          await settle(1);
          let told = 0;
          for (const o of ops) {
            if (o.kind === 'tell') {
              children[o.child]!.tell(told++);
            } else if (o.kind === 'stop') sys.stop(children[o.child]!);
            else await settle(1);
          }
          if (stopParent) sys.stop(parent);
          await settle();
          expect(received + letters.length).toBe(told);
          const ids = stopped.map((e) => e.ref.id);
          expect(new Set(ids).size).toBe(ids.length);
          const stoppedOnes = new Set(ops.flatMap((o) => (o.kind === 'stop' ? [o.child] : [])));
          const expectedStops = stopParent ? 21 : stoppedOnes.size;
          expect(ids).toHaveLength(expectedStops);
        } finally {
          await sys.shutdown();
        }
      }),
      { numRuns: 80, seed: 0x5eed },
    );
  });
});
