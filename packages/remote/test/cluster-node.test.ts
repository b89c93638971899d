/**
 * Two processes, each an ActorCluster of two pool workers joined to one remote cluster on a
 * real nats-server (child processes, as in node-faults.test.ts), and this process as a
 * single-thread node that drives them: traffic starts on a pool worker of one process and
 * ends on a pool worker of the other.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type AnyActorRef, refIdWorker, type Terminated } from '@zactor/actor-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteNode } from '../src/index.js';
import { messages } from './fixtures/cluster-actors.js';
import {
  hasNats,
  type NatsServerHandle,
  startNatsServer,
  until,
  waitLookup,
} from './nats-fixture.js';

/**
 * Down after this long without a heartbeat. Generous: beside the whole suite on 2 cores a child
 * process can miss 1.5 s of heartbeats. The SIGKILL test waits this long.
 */
const DOWN_AFTER_MS = '6000';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const peerScript = fileURLToPath(new URL('./fixtures/cluster-peer.ts', import.meta.url));

interface Peer {
  readonly child: ChildProcess;
  /** Resolves with the process's first index and span once its actors are registered. */
  readonly ready: Promise<{ index: number; span: number }>;
}

function startPeer(url: string, cluster: string, name: string): Peer {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(
    process.execPath,
    [
      '--import=tsx',
      '--conditions=@zactor/source',
      peerScript,
      url,
      cluster,
      name,
      '100',
      DOWN_AFTER_MS,
    ],
    { cwd: packageDir, env },
  );
  let out = '';
  const ready = new Promise<{ index: number; span: number }>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = new RegExp(`${name} ready (\\d+) (\\d+)`).exec(out);
      if (match !== null) resolve({ index: Number(match[1]), span: Number(match[2]) });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${out}`)));
  });
  return { child, ready };
}

describe.skipIf(!hasNats)('an ActorCluster as a remote node', () => {
  let server: NatsServerHandle;
  let node: RemoteNode;
  let a: Peer;
  let b: Peer;
  let blocks: { a: { index: number; span: number }; b: { index: number; span: number } };
  const find = (name: string) => waitLookup(node, name);

  beforeAll(async () => {
    server = await startNatsServer();
    node = await RemoteNode.start({
      servers: server.url,
      name: 'driver',
      cluster: 'clusters',
      messages,
      heartbeatMs: 100,
      downAfterMs: Number(DOWN_AFTER_MS),
    });
    a = startPeer(server.url, 'clusters', 'a');
    b = startPeer(server.url, 'clusters', 'b');
    blocks = { a: await a.ready, b: await b.ready };
  }, 60_000);

  afterAll(async () => {
    for (const peer of [a, b]) peer?.child.kill('SIGKILL');
    await node?.stop();
    await server?.stop();
  });

  it('claims workers + 1 consecutive indices per process; each worker is its own node', async () => {
    expect(blocks.a.span).toBe(3);
    expect(blocks.b.span).toBe(3);
    const [lo, hi] = blocks.a.index < blocks.b.index ? [blocks.a, blocks.b] : [blocks.b, blocks.a];
    expect(lo.index + lo.span).toBeLessThanOrEqual(hi.index);
    const members = node.members().map((m) => [m.name, m.node, m.span ?? 1]);
    expect(members).toContainEqual(['a', blocks.a.index, 3]);
    for (const worker of [0, 1]) {
      const sink = await find(`b-sink-${worker}`);
      expect(refIdWorker(sink.id)).toBe(blocks.b.index + worker);
    }
  });

  it('keeps per-pair order from every worker of one process to every worker of the other', async () => {
    const sinks = [await find('b-sink-0'), await find('b-sink-1')];
    const n = 2000;
    for (const worker of [0, 1]) {
      const driver = await find(`a-driver-${worker}`);
      const results = await node.system.ask(
        driver,
        { op: 'pairs', sinks, n },
        { timeoutMs: 30_000 },
      );
      expect(results).toEqual([
        { received: n, inOrder: true },
        { received: n, inOrder: true },
      ]);
    }
  });

  it('asks across both hops, and a ref inside a message carries the reply back to a worker', async () => {
    for (const [from, to] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const driver = await find(`a-driver-${from}`);
      const replier = await find(`b-replier-${to}`);
      const answer = await node.system.ask(
        driver,
        { op: 'via', target: replier, value: 41 },
        { timeoutMs: 10_000 },
      );
      expect(answer).toBe(42);
    }
  });

  it('spawns on a named node: the process places the actor on one of its workers', async () => {
    const ref = await node.spawn('where', { node: 'b' });
    const at = refIdWorker(ref.id);
    expect(at).toBeGreaterThanOrEqual(blocks.b.index);
    expect(at).toBeLessThan(blocks.b.index + 2);
    expect(await ref.ask('where?', { timeoutMs: 10_000 })).toBe(at);
  });

  it('on a SIGKILL of a process: Terminated and NODE_DOWN for actors on its workers, seen from the other process and from here', async () => {
    const seen: unknown[] = [];
    const collector = node.system.spawn<unknown>((message) => {
      seen.push(message);
    });
    const holes = [await find('b-hole-0'), await find('b-hole-1')];
    for (const worker of [0, 1]) {
      const driver = await find(`a-driver-${worker}`);
      const target = holes[1 - worker]!;
      expect(
        await node.system.ask(
          driver,
          { op: 'watch-ask', target, notify: collector },
          { timeoutMs: 10_000 },
        ),
      ).toBe('watching');
    }
    const terminated: Terminated[] = [];
    node.system
      .spawn<Terminated | AnyActorRef>((message, ctx) => {
        if ('tell' in message) ctx.watch(message);
        else terminated.push(message);
      })
      .tell(holes[0]!);
    const direct = holes[1]!.ask('no answer', { timeoutMs: 120_000 }).then(
      () => 'answered',
      (error: { code?: string }) => error.code,
    );
    b.child.kill('SIGKILL');
    await until(
      () => seen.length === 4 && terminated.length === 1,
      'every watch and ask ended',
      30_000,
    );
    expect(await direct).toBe('NODE_DOWN');
    expect(terminated[0]!.ref.id).toBe(holes[0]!.id);
    expect(seen).toEqual(
      expect.arrayContaining([
        { terminated: holes[0]!.id },
        { terminated: holes[1]!.id },
        { askCode: 'NODE_DOWN' },
        { askCode: 'NODE_DOWN' },
      ]),
    );
  }, 60_000);

  it('on a crash of one pool worker: WORKER_DIED and Terminated here for its actors; once it runs again, spawns there work', async () => {
    const events: string[] = [];
    const victim = await find('a-victim-1');
    const crasher = await find('a-crasher-1');
    const terminated: Terminated[] = [];
    node.system
      .spawn<Terminated | AnyActorRef>((message, ctx) => {
        if ('tell' in message) ctx.watch(message);
        else terminated.push(message);
      })
      .tell(victim);
    const asked = victim.ask('no answer', { timeoutMs: 120_000 }).then(
      () => 'answered',
      (error: { code?: string }) => error.code,
    );
    node.events.subscribe((event) => events.push(event.type), ['member-down', 'member-left']);
    crasher.tell('crash');
    expect(await asked).toBe('WORKER_DIED');
    await until(() => terminated.length === 1, 'the watch of the crashed worker ended');
    expect(terminated[0]!.ref.id).toBe(victim.id);
    // The process stays a member; its worker runs again and takes spawns.
    expect(events).toEqual([]);
    // Placement skips the dead worker until its restart; then the new worker takes spawns.
    const placed = new Set<number>();
    const deadline = performance.now() + 20_000;
    while (!placed.has(blocks.a.index + 1) && performance.now() < deadline) {
      const ref = await node.spawn('where', { node: 'a' });
      expect(await ref.ask('where?', { timeoutMs: 10_000 })).toBe(refIdWorker(ref.id));
      placed.add(refIdWorker(ref.id));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(placed).toEqual(new Set([blocks.a.index, blocks.a.index + 1]));
  }, 60_000);
});
