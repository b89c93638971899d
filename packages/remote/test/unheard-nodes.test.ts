/**
 * An index no member was heard on yet is unheard, not lost, while a node starts (see
 * UnheardNodes): a ref to a member that joined after this node read the slots can reach it in a
 * message before that member's first heartbeat, and a tell to it must wait, not dead-letter.
 */
import { packRefId } from '@zactor/actor-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RemoteNode } from '../src/index.js';
import { UnheardNodes } from '../src/membership/unheard-nodes.js';
import { hasNats, type NatsServerHandle, startNatsServer, until } from './nats-fixture.js';

describe('UnheardNodes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function fixture(up: Set<number>) {
    const held: number[] = [];
    const lost: number[] = [];
    const unheard = new UnheardNodes(
      {
        isLocal: (node) => node === 2 || node === 3,
        isUp: (node) => up.has(node),
        hold: (node) => held.push(node),
        lose: (node) => lost.push(node),
      },
      6,
    );
    return { unheard, held, lost };
  }

  it('holds every other index at start and loses, when the grace ends, those no member holds', () => {
    vi.useFakeTimers();
    const up = new Set<number>();
    const { unheard, held, lost } = fixture(up);
    unheard.start(1000);
    expect(held).toEqual([0, 1, 4, 5]);
    vi.advanceTimersByTime(999);
    expect(lost).toEqual([]);
    up.add(1);
    up.add(4);
    vi.advanceTimersByTime(1);
    expect(lost).toEqual([0, 5]);
    unheard.end();
    vi.advanceTimersByTime(10_000);
    expect(lost).toEqual([0, 5]);
  });

  it('loses nothing once stopped', () => {
    vi.useFakeTimers();
    const { unheard, lost } = fixture(new Set());
    unheard.start(1000);
    unheard.stop();
    vi.advanceTimersByTime(5000);
    unheard.end();
    expect(lost).toEqual([]);
  });
});

describe.skipIf(!hasNats)('a node that is not heard from yet, on a real nats-server', () => {
  let server: NatsServerHandle;
  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const start = (cluster: string, name: string, downAfterMs: number, maxNodes = 16) =>
    RemoteNode.start({
      servers: server.url,
      name,
      cluster,
      heartbeatMs: 100,
      downAfterMs,
      maxNodes,
    });

  it('keeps a tell to an index no member holds yet, and sends it once a member there is heard', async () => {
    // Two indices: b takes the one a does not hold.
    const a = await start('unheard-join', 'a', 30_000, 2);
    const other = 1 - a.index;
    let b: RemoteNode | undefined;
    try {
      const atA: string[] = [];
      a.system.events.subscribe((e) => atA.push(e.reason), ['dead-letter']);
      // An id on the index b will claim; no actor has it, so b dead-letters it there
      // ('stopped'): the proof that it crossed.
      const early = a.system.resolve<string>(packRefId(other, 5, 77))!;
      early.tell('sent before b existed');
      await new Promise((resolve) => setImmediate(resolve));
      expect(atA).toEqual([]);
      b = await start('unheard-join', 'b', 30_000, 2);
      expect(b.index).toBe(other);
      const atB: unknown[] = [];
      b.system.events.subscribe((e) => atB.push([e.message, e.reason]), ['dead-letter']);
      await until(() => atB.length === 1, 'the held tell to arrive at b');
      expect(atB).toEqual([['sent before b existed', 'stopped']]);
      expect(atA).toEqual([]);
    } finally {
      await a.stop();
      await b?.stop();
    }
  });

  it('dead-letters node-down and fails asks with NODE_DOWN when the grace ends with no member there', async () => {
    const a = await start('unheard-none', 'a', 1000);
    try {
      const reasons: string[] = [];
      a.system.events.subscribe((e) => reasons.push(e.reason), ['dead-letter']);
      // Any index but a's own (a claims one of 16 at random: a fixed 9 was a's own 1 run in 16).
      const nobody = a.system.resolve<string>(packRefId((a.index + 9) % 16, 1, 1))!;
      nobody.tell('to nobody');
      const asked = nobody.ask('anyone?', { timeoutMs: 60_000 }).then(
        () => 'answered',
        (error: unknown) => error,
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(reasons).toEqual([]);
      expect(await asked).toMatchObject({ code: 'NODE_DOWN' });
      await until(() => reasons.length === 2, 'both dead letters');
      expect(reasons).toEqual(['node-down', 'node-down']);
      // From now on the index is lost: a tell to it is a dead letter at once.
      nobody.tell('late');
      expect(reasons).toEqual(['node-down', 'node-down', 'node-down']);
    } finally {
      await a.stop();
    }
  });
});
