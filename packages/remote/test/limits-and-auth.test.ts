/**
 * What the server imposes: credentials (passed through to the client), the largest payload
 * (one batch is one NATS message), and what happens to tells while the server is away.
 */
import { describe, expect, it } from 'vitest';
import { RemoteNode } from '../src/index.js';
import { hasNats, startNatsServer, until, waitLookup } from './nats-fixture.js';

describe.skipIf(!hasNats)('server limits and credentials', () => {
  it('passes credentials to the client: wrong ones fail CONNECT_FAILED, right ones join', async () => {
    const server = await startNatsServer({ args: ['--user', 'zactor', '--pass', 's3cret'] });
    try {
      await expect(
        RemoteNode.start({
          servers: server.url,
          name: 'intruder',
          cluster: 'auth',
          connection: { user: 'zactor', pass: 'wrong', reconnect: false },
        }),
      ).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
      const node = await RemoteNode.start({
        servers: server.url,
        name: 'member',
        cluster: 'auth',
        connection: { user: 'zactor', pass: 's3cret' },
      });
      await node.stop();
    } finally {
      await server.stop();
    }
  });

  it('sends a message up to the server max_payload whole, and refuses a larger one with MESSAGE_TOO_LARGE', async () => {
    const server = await startNatsServer({ maxPayload: 64 * 1024 });
    const a = await RemoteNode.start({ servers: server.url, name: 'a', cluster: 'sizes' });
    const b = await RemoteNode.start({ servers: server.url, name: 'b', cluster: 'sizes' });
    try {
      const got: number[] = [];
      await b.register(
        'sink',
        b.system.spawn<Uint8Array>((bytes) => void got.push(bytes.length)),
      );
      const sink = await waitLookup(a, 'sink');
      sink.tell(new Uint8Array(60 * 1024).fill(7));
      await until(() => got.length === 1, 'the 60 KiB message');
      expect(got).toEqual([60 * 1024]);
      expect(() => sink.tell(new Uint8Array(70 * 1024))).toThrow(/MESSAGE_TOO_LARGE|max_payload/);
      try {
        sink.tell(new Uint8Array(70 * 1024));
      } catch (error) {
        expect((error as { code?: string }).code).toBe('MESSAGE_TOO_LARGE');
      }
    } finally {
      await a.stop();
      await b.stop();
      await server.stop();
    }
  });

  it('keeps tells for a node while the server is away up to maxPendingBytes, then dead-letters them pending-full', async () => {
    const server = await startNatsServer();
    const options = { servers: server.url, cluster: 'away', heartbeatMs: 200, downAfterMs: 60_000 };
    const connection = { reconnectTimeWait: 50 };
    const a = await RemoteNode.start({ ...options, name: 'a', connection, maxPendingBytes: 4096 });
    const b = await RemoteNode.start({ ...options, name: 'b', connection });
    try {
      const seen: string[] = [];
      await b.register(
        'sink',
        b.system.spawn<string>((s) => void seen.push(s)),
      );
      const sink = await waitLookup(a, 'sink');
      const reasons: string[] = [];
      a.system.events.subscribe((event) => reasons.push(event.reason), ['dead-letter']);
      const disconnected = new Promise<void>((resolve) => {
        a.events.subscribe(() => resolve(), ['disconnected']);
      });
      await server.stop(true);
      await disconnected;
      const payload = 'x'.repeat(500);
      // In turns: what a turn stages is one batch; the bound is checked as each tell is made.
      let sent = 0;
      for (let turn = 0; turn < 10; turn++) {
        for (let i = 0; i < 10; i++, sent++) sink.tell(`${sent}:${payload}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      // Every tell is accounted for: waiting in the overflow (up to the bound) or dead-lettered.
      await until(() => reasons.length > 0, 'pending-full dead letters');
      expect(new Set(reasons)).toEqual(new Set(['pending-full']));
      const kept = sent - reasons.length;
      expect(kept).toBeGreaterThan(0);
      await server.restart();
      await until(() => seen.length === kept, `the ${kept} tells kept while away`, 45_000);
      expect(seen.map((s) => Number(s.split(':')[0]))).toEqual(
        Array.from({ length: kept }, (_, i) => i),
      );
    } finally {
      await a.stop();
      await b.stop();
      await server.stop();
    }
  });
});
