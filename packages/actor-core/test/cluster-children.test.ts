import { describe, expect, it } from 'vitest';
import {
  type ActorCluster,
  type ActorContext,
  type ActorRef,
  type AnyActorRef,
  Terminated,
} from '../src/index.js';
import { clusterPerTest, waitUntil } from './helpers.js';
import type { ChildArgs, ParentSpec } from './workers/children-actors.js';

const module = new URL('./workers/children-actors.ts', import.meta.url);
const start = clusterPerTest(module, { spawnTimeoutMs: 5000 });

/** Word 0: the sequence; then one word per recorded event. */
function stamps(): { sab: SharedArrayBuffer; words: Int32Array } {
  const sab = new SharedArrayBuffer(64);
  return { sab, words: new Int32Array(sab) };
}

/** Polls `check` until it holds; fails after `ms` (no test waits forever). */
const until = (check: () => boolean | Promise<boolean>, ms = 3000) =>
  waitUntil(check, 'the condition', ms);

type SpawnAnswer = { ref: AnyActorRef } | { error: string };

async function parentOn(
  c: ActorCluster,
  worker: number,
  spec: ParentSpec,
  sab?: SharedArrayBuffer,
) {
  const launcher = await c.spawn('launcher', {
    worker,
    ...(sab === undefined ? {} : { args: sab }),
  });
  return c.ask<unknown, AnyActorRef>(launcher, { make: spec });
}

async function spawnChild(
  c: ActorCluster,
  parent: AnyActorRef,
  spawn: { kind: string; worker?: number | 'main'; args?: ChildArgs; name?: string },
  stopNow = false,
): Promise<AnyActorRef> {
  const answer = await c.ask<unknown, SpawnAnswer>(parent, { spawn, stopNow });
  if ('error' in answer) throw new Error(answer.error);
  return answer.ref;
}

/** A main-thread actor that watches `ref`; resolves with `words` as they were at Terminated. */
function watchFromMain(c: ActorCluster, ref: AnyActorRef, words: Int32Array): Promise<number[]> {
  return new Promise((resolve) => {
    c.system.spawn({
      preStart(ctx: ActorContext<unknown>) {
        ctx.watch(ref);
      },
      receive(message: unknown) {
        if (message instanceof Terminated) resolve([...words]);
      },
    });
  });
}

describe('a child on another worker is supervised by its parent', () => {
  it('restarts a remote child that throws (its state resets) and hands the error over by name', async () => {
    const c = await start();
    const { sab, words } = stamps();
    const parent = await parentOn(c, 0, { directive: 'restart' }, sab);
    const child = await spawnChild(c, parent, {
      kind: 'child',
      worker: 1,
      args: { restartAt: 1 },
    });
    expect(child.worker).toBe(1);
    expect(await c.ask(child, 'count')).toBe(1);
    expect(await c.ask(child, 'count')).toBe(2);
    c.tell(child, 'boom');
    await until(() => Atomics.load(words, 1) === 1);
    expect(await c.ask(child, 'count')).toBe(1);
    expect(await c.ask(parent, 'failures')).toEqual(['true:CustomError:boom']);
    expect(await c.ask(parent, 'children')).toBe(1);
  });

  it('gives the remote child a ctx.parent that is its real parent, and a path under it', async () => {
    const c = await start();
    const parent = await parentOn(c, 0, { directive: 'restart' });
    const child = await spawnChild(c, parent, { kind: 'child', worker: 1, name: 'kid' });
    const seen = await c.ask<unknown, { id: number; path: string }>(child, 'parent');
    expect(seen.id).toBe(parent.id);
    expect(seen.path).toBe(`${await c.ask(parent, 'path')}/kid`);
    const twin = await c.ask<unknown, SpawnAnswer>(parent, {
      spawn: { kind: 'child', worker: 1, name: 'kid' },
    });
    expect(twin).toEqual({ error: 'DUPLICATE_NAME' });
  });

  it('resumes a remote child under a resume strategy (its state is kept)', async () => {
    const c = await start();
    const parent = await parentOn(c, 1, { directive: 'resume' });
    const child = await spawnChild(c, parent, { kind: 'child', worker: 0 });
    expect(await c.ask(child, 'count')).toBe(1);
    c.tell(child, 'boom');
    expect(await c.ask(child, 'count')).toBe(2);
    expect(await c.ask(parent, 'failures')).toEqual(['true:CustomError:boom']);
  });

  it('stops a remote child under a stop strategy, and the parent counts it gone', async () => {
    const c = await start();
    const { sab, words } = stamps();
    const parent = await parentOn(c, 0, { directive: 'stop' }, sab);
    const child = await spawnChild(c, parent, {
      kind: 'child',
      worker: 'main',
      args: { stopAt: 1 },
    });
    expect(child.worker).toBe(2);
    c.tell(child, 'boom');
    await until(() => Atomics.load(words, 1) !== 0);
    await until(async () => (await c.ask(parent, 'children')) === 0);
  });

  it('escalates to the parent own supervisor, whose restart of the parent stops the remote child', async () => {
    const c = await start();
    const { sab, words } = stamps();
    const parent = await parentOn(c, 0, { directive: 'escalate', restartAt: 2 }, sab);
    const child = await spawnChild(c, parent, { kind: 'child', worker: 1, args: { stopAt: 1 } });
    expect(await c.ask(parent, 'children')).toBe(1);
    // The child fails; the parent escalates; the launcher's (default) strategy restarts the
    // parent, whose default preRestart stops its children, the remote one included.
    c.tell(child, 'boom');
    await until(() => Atomics.load(words, 2) === 1);
    await until(() => Atomics.load(words, 1) !== 0);
    await until(async () => (await c.ask(parent, 'children')) === 0);
    expect(await c.ask(parent, 'failures')).toEqual(['true:CustomError:boom']);
  });

  it('stops a remote child past maxRestarts within the window', async () => {
    const c = await start();
    const { sab, words } = stamps();
    const parent = await parentOn(c, 0, { directive: 'restart', maxRestarts: 2 }, sab);
    const child = await spawnChild(c, parent, {
      kind: 'child',
      worker: 1,
      args: { restartAt: 1, stopAt: 2 },
    });
    for (let i = 1; i <= 2; i++) {
      c.tell(child, 'boom');
      await until(() => Atomics.load(words, 1) === i);
    }
    c.tell(child, 'boom');
    await until(() => Atomics.load(words, 2) !== 0);
    expect(Atomics.load(words, 1)).toBe(2);
    await until(async () => (await c.ask(parent, 'children')) === 0);
  });

  it('restarts a local and a remote sibling together under all-for-one', async () => {
    const c = await start();
    const { sab, words } = stamps();
    const parent = await parentOn(c, 0, { directive: 'restart', scope: 'all' }, sab);
    const local = await spawnChild(c, parent, { kind: 'local', args: { restartAt: 1 } });
    const remote = await spawnChild(c, parent, {
      kind: 'child',
      worker: 1,
      args: { restartAt: 2 },
    });
    expect(await c.ask(local, 'count')).toBe(1);
    expect(await c.ask(remote, 'count')).toBe(1);
    c.tell(remote, 'boom');
    await until(() => Atomics.load(words, 1) === 1 && Atomics.load(words, 2) === 1);
    expect(await c.ask(local, 'count')).toBe(1);
    expect(await c.ask(remote, 'count')).toBe(1);
    // And the other way round: a local failure restarts the remote sibling.
    c.tell(local, 'boom');
    await until(() => Atomics.load(words, 1) === 2 && Atomics.load(words, 2) === 2);
  });
});

describe('a remote child ends with its parent', () => {
  it('runs the children postStop (local and remote) before the parent postStop and its Terminated', async () => {
    const c = await start();
    const { sab, words } = stamps();
    const parent = await parentOn(c, 0, { directive: 'restart', stopAt: 1 }, sab);
    await spawnChild(c, parent, { kind: 'child', worker: 1, args: { stopAt: 2 } });
    await spawnChild(c, parent, { kind: 'child', worker: 'main', args: { stopAt: 3 } });
    await spawnChild(c, parent, { kind: 'local', args: { stopAt: 4 } });
    const terminated = watchFromMain(c, parent, words);
    c.tell(parent, 'stop');
    const atTerminated = await terminated;
    const [, parentStop, remote1, remoteMain, local] = atTerminated;
    for (const childStop of [remote1, remoteMain, local]) {
      expect(childStop).toBeGreaterThan(0);
      expect(childStop).toBeLessThan(parentStop!);
    }
  });

  it('stops a child whose spawn raced the parent stop, before the parent finishes', async () => {
    const c = await start();
    const { sab, words } = stamps();
    const parent = await parentOn(c, 0, { directive: 'restart', stopAt: 1 }, sab);
    const terminated = watchFromMain(c, parent, words);
    const answer = await c.ask<unknown, SpawnAnswer>(parent, {
      spawn: { kind: 'child', worker: 1, args: { stopAt: 2 } },
      stopNow: true,
    });
    expect(answer).toEqual({ error: 'NOT_RUNNING' });
    const [, parentStop, childStop] = await terminated;
    expect(childStop).toBeGreaterThan(0);
    expect(childStop).toBeLessThan(parentStop!);
  });

  it('tells the parent its child ended when the child worker dies, and the parent still stops', async () => {
    const c = await start();
    const { sab, words } = stamps();
    const parent = await parentOn(c, 0, { directive: 'restart', stopAt: 1 }, sab);
    await spawnChild(c, parent, { kind: 'child', worker: 1 });
    expect(await c.ask(parent, 'children')).toBe(1);
    await c.kill(1);
    await until(async () => (await c.ask(parent, 'children')) === 0);
    const terminated = watchFromMain(c, parent, words);
    c.tell(parent, 'stop');
    const [, parentStop] = await terminated;
    expect(parentStop).toBeGreaterThan(0);
  });

  it('stops the remote child when the parent worker dies (no orphan lives on)', async () => {
    const c = await start();
    const { sab, words } = stamps();
    const parent = await parentOn(c, 0, { directive: 'restart' }, sab);
    const child: ActorRef<string> = await spawnChild(c, parent, {
      kind: 'child',
      worker: 1,
      args: { stopAt: 1 },
    });
    expect(await c.ask(child, 'count')).toBe(1);
    await c.kill(0);
    await until(() => Atomics.load(words, 1) !== 0);
  });
});
