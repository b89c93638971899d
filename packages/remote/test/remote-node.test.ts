import { ActorError, type ActorRef, Terminated } from '@zactor/actor-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError, type RemoteEvent, RemoteNode } from '../src/index.js';
import { hasNats, type NatsServerHandle, startNatsServer, until } from './nats-fixture.js';

const actors = {
  echo: (_args: undefined) => (message: unknown, ctx: { reply(m: unknown): void }) => {
    ctx.reply(message);
  },
  adder: (base: number) => (message: number, ctx: { reply(m: unknown): void }) => {
    ctx.reply(base + message);
  },
  /** Throws, at spawn, a value whose text cannot be read. */
  faulty: (_args: undefined): ((message: unknown) => void) => {
    throw Object.create(null);
  },
};

describe.skipIf(!hasNats)('RemoteNode on a real nats-server', () => {
  let server: NatsServerHandle;
  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function pair(
    cluster: string,
    options: { downAfterMs?: number; heartbeatMs?: number } = {},
  ) {
    const a = await RemoteNode.start({
      servers: server.url,
      name: 'a',
      cluster,
      actors,
      ...options,
    });
    const b = await RemoteNode.start({
      servers: server.url,
      name: 'b',
      cluster,
      actors,
      ...options,
    });
    await until(
      () => a.members().length === 2 && b.members().length === 2,
      'both nodes to see each other',
    );
    return { a, b };
  }

  it('spawns on a named node, asks across processes and keeps per-pair order', async () => {
    const { a, b } = await pair('order');
    try {
      const adder = await a.spawn('adder', { node: 'b', args: 40 });
      expect(await adder.ask(2, { timeoutMs: 10_000 })).toBe(42);
      // 10,000 tells from one sender arrive in order.
      const seen: number[] = [];
      const sink = b.system.spawn<number>((n) => {
        seen.push(n);
      });
      await b.register('sink', sink);
      const remoteSink = await a.lookup<number>('sink');
      expect(remoteSink).toBeDefined();
      for (let i = 0; i < 10_000; i++) remoteSink!.tell(i);
      await until(() => seen.length === 10_000, 'all tells');
      expect(seen).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('carries registered schemas and refs inside messages', async () => {
    const { t } = await import('@zactor/serializer');
    const messages = { ping: t.struct({ n: t.u32, replyTo: t.ref }) };
    const a = await RemoteNode.start({
      servers: server.url,
      name: 'a',
      cluster: 'schemas',
      messages,
    });
    const b = await RemoteNode.start({
      servers: server.url,
      name: 'b',
      cluster: 'schemas',
      messages,
    });
    try {
      await until(() => a.members().length === 2, 'membership');
      const got: number[] = [];
      const replies = a.system.spawn<number>((n) => {
        got.push(n);
      });
      const ponger = b.system.spawn<{ type: 'ping'; n: number; replyTo: ActorRef<number> }>((m) => {
        m.replyTo.tell(m.n * 2);
      });
      await b.register('ponger', ponger);
      const remote = await a.lookup<{ type: 'ping'; n: number; replyTo: ActorRef<number> }>(
        'ponger',
      );
      for (let n = 0; n < 100; n++) remote!.tell({ type: 'ping', n, replyTo: replies });
      await until(() => got.length === 100, 'replies');
      expect(got).toEqual(Array.from({ length: 100 }, (_, n) => n * 2));
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('tells watchers Terminated and fails asks with NODE_DOWN when a node leaves or goes silent', async () => {
    const { a, b } = await pair('down', { heartbeatMs: 100, downAfterMs: 600 });
    const events: RemoteEvent[] = [];
    a.events.subscribe((event) => events.push(event), ['member-left', 'member-down']);
    try {
      const silent = b.system.spawn<unknown>(() => undefined);
      await b.register('silent', silent);
      const remote = (await a.lookup('silent'))!;
      const terminated: unknown[] = [];
      a.system
        .spawn<Terminated | 'go'>((message, ctx) => {
          if (message === 'go') ctx.watch(remote);
          else terminated.push(message);
        })
        .tell('go');
      const pending = remote.ask('never answered', { timeoutMs: 60_000 }).then(
        () => 'answered',
        (error: unknown) => error,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await b.stop();
      expect(await pending).toMatchObject({ code: 'NODE_DOWN' });
      await until(() => terminated.length === 1, 'Terminated');
      expect(terminated[0]).toBeInstanceOf(Terminated);
      expect(events.map((e) => e.type)).toEqual(['member-left']);
      // A tell to the gone node is a dead letter with reason node-down.
      const reasons: string[] = [];
      a.system.events.subscribe((e) => reasons.push(e.reason), ['dead-letter']);
      remote.tell('late');
      expect(reasons).toEqual(['node-down']);
      await expect(a.spawn('echo', { node: 'b' })).rejects.toMatchObject({ code: 'UNKNOWN_NODE' });
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('rejects a peer built from other message definitions, with a typed error', async () => {
    const { t } = await import('@zactor/serializer');
    const a = await RemoteNode.start({
      servers: server.url,
      name: 'a',
      cluster: 'mismatch',
      messages: { x: t.struct({ n: t.u32 }) },
    });
    const events: RemoteEvent[] = [];
    a.events.subscribe((event) => events.push(event), ['peer-rejected']);
    const b = await RemoteNode.start({
      servers: server.url,
      name: 'b',
      cluster: 'mismatch',
      messages: { x: t.struct({ n: t.f64 }) },
    });
    try {
      await until(() => events.length > 0, 'peer-rejected');
      const event = events[0] as Extract<RemoteEvent, { type: 'peer-rejected' }>;
      expect(event.error).toBeInstanceOf(RemoteError);
      expect(event.error.code).toBe('INCOMPATIBLE_PEER');
      expect(a.members().map((m) => m.name)).toEqual(['a']);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('refuses a second live node with the same name, and bad options, with typed errors', async () => {
    const a = await RemoteNode.start({ servers: server.url, name: 'same', cluster: 'names' });
    try {
      await expect(
        RemoteNode.start({ servers: server.url, name: 'same', cluster: 'names' }),
      ).rejects.toMatchObject({ code: 'NAME_TAKEN' });
      await expect(
        RemoteNode.start({ servers: server.url, name: 'x', cluster: 'bad name' }),
      ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
      await expect(
        RemoteNode.start({
          servers: 'nats://127.0.0.1:1',
          name: 'x',
          cluster: 'c',
          connection: { maxReconnectAttempts: 0, reconnect: false },
        }),
      ).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
    } finally {
      await a.stop();
    }
  });

  it('makes a spawn whose kind throws a value with no text fail with SPAWN_FAILED', async () => {
    const { a, b } = await pair('faulty');
    try {
      await expect(a.spawn('faulty', { node: 'b' })).rejects.toMatchObject({
        code: 'SPAWN_FAILED',
      });
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it("makes a spawn of an unknown kind fail with the target node's code", async () => {
    const { a, b } = await pair('kinds');
    try {
      await expect(a.spawn('nope' as 'echo', { node: 'b' })).rejects.toBeInstanceOf(RemoteError);
      expect(ActorError).toBeDefined();
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
