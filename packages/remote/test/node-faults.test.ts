// The peer runs as `node --import=tsx` itself: the tsx CLI would be a wrapper process, and a
// SIGKILL to it leaves the real node running.
/**
 * Faults with real processes and a real server: a peer process killed with SIGKILL (no leave,
 * no goodbye: only silence), and the NATS server restarted under two live nodes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Terminated } from '@zactor/actor-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RemoteEvent, RemoteNode } from '../src/index.js';
import {
  hasNats,
  type NatsServerHandle,
  startNatsServer,
  until,
  waitLookup,
} from './nats-fixture.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const peerScript = fileURLToPath(new URL('./fixtures/peer.ts', import.meta.url));

function startPeer(url: string, cluster: string): { child: ChildProcess; ready: Promise<void> } {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(
    process.execPath,
    ['--import=tsx', '--conditions=@zactor/source', peerScript, url, cluster, '100', '1000'],
    { cwd: packageDir, env },
  );
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('peer ready')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) =>
      reject(new Error(`peer exited (${code}) before it was ready:\n${out}`)),
    );
  });
  return { child, ready };
}

describe.skipIf(!hasNats)('node faults', () => {
  let server: NatsServerHandle;
  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('declares a SIGKILLed peer down: Terminated for its watchers, NODE_DOWN for its asks, member-down', async () => {
    const node = await RemoteNode.start({
      servers: server.url,
      name: 'survivor',
      cluster: 'kill',
      heartbeatMs: 100,
      downAfterMs: 1000,
    });
    const peer = startPeer(server.url, 'kill');
    try {
      await peer.ready;
      const events: RemoteEvent[] = [];
      node.events.subscribe((event) => events.push(event), ['member-down', 'member-left']);
      const echo = await waitLookup(node, 'echo');
      const hole = await waitLookup(node, 'hole');
      expect(await echo.ask('hi', { timeoutMs: 10_000 })).toBe('hi');
      const terminated: Terminated[] = [];
      node.system
        .spawn<Terminated | 'go'>((message, ctx) => {
          if (message === 'go') ctx.watch(hole);
          else terminated.push(message);
        })
        .tell('go');
      const pending = hole.ask('no answer', { timeoutMs: 120_000 }).then(
        () => 'answered',
        (error: unknown) => error,
      );
      peer.child.kill('SIGKILL');
      expect(await pending).toMatchObject({ code: 'NODE_DOWN' });
      await until(() => terminated.length === 1, 'Terminated');
      expect(terminated[0]!.ref.id).toBe(hole.id);
      expect(events.map((event) => event.type)).toEqual(['member-down']);
      expect(await node.lookup('echo')).toBeUndefined();
    } finally {
      peer.child.kill('SIGKILL');
      await node.stop();
    }
  });

  it('keeps both nodes working across a NATS server restart, tells sent meanwhile delivered in order', async () => {
    const options = {
      servers: server.url,
      cluster: 'restart',
      heartbeatMs: 200,
      downAfterMs: 20_000,
    };
    const a = await RemoteNode.start({
      ...options,
      name: 'a',
      connection: { reconnectTimeWait: 50 },
    });
    const b = await RemoteNode.start({
      ...options,
      name: 'b',
      connection: { reconnectTimeWait: 50 },
    });
    try {
      const seen: number[] = [];
      await b.register(
        'sink',
        b.system.spawn<number>((n) => void seen.push(n)),
      );
      const sink = await waitLookup(a, 'sink');
      const disconnected = new Promise<void>((resolve) => {
        a.events.subscribe(() => resolve(), ['disconnected']);
      });
      for (let i = 0; i < 100; i++) sink.tell(i);
      await until(() => seen.length === 100, 'the first 100');
      await server.restart();
      await disconnected;
      // While the connection is down these wait in a's overflow.
      for (let i = 100; i < 200; i++) sink.tell(i);
      await new Promise((resolve) => setImmediate(resolve));
      expect(a.counters().pendingBytes).toBeGreaterThan(0);
      await until(() => seen.length === 200, 'the 100 sent while disconnected', 45_000);
      expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i));
      // Asks work both ways after the restart.
      await b.register(
        'echo',
        b.system.spawn<unknown>((message, ctx) => ctx.reply(message)),
      );
      expect(await (await waitLookup(a, 'echo')).ask(7, { timeoutMs: 10_000 })).toBe(7);
      await a.register(
        'echo-a',
        a.system.spawn<unknown>((message, ctx) => ctx.reply(message)),
      );
      expect(await (await waitLookup(b, 'echo-a')).ask(8, { timeoutMs: 10_000 })).toBe(8);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
