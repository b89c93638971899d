import type { MpscRing } from '@zactor/ringbuffer';
import { describe, expect, it } from 'vitest';
import { RECORD_ENVELOPES } from '../src/cluster/wire/envelope-layout.js';
import type { FailureLogEntry, NodeFailureInfo, RingCorruptInfo } from '../src/index.js';
import { SysKind } from '../src/system-message.js';
import { clusterPerTest, waitUntil as until } from './helpers.js';
import { RecordBuilder } from './record-builder.js';

/*
 * What a worker's node tells the main thread unasked: the lines of its failure log, and its
 * inbox's first bad record (issue 18 items 3 and 6).
 */

const module = new URL('./workers/cluster-actors.ts', import.meta.url);
const lines: FailureLogEntry[] = [];
const start = clusterPerTest(module, { logFailures: (entry) => lines.push(entry) });

describe('notices from the workers', () => {
  it('reports a failure on a worker through the main thread, once, with the actor and the error', async () => {
    lines.length = 0;
    const c = await start();
    const failures: NodeFailureInfo[] = [];
    c.on('node-failure', (info) => failures.push(info));
    const fragile = await c.spawn('fragile', { worker: 1 });
    fragile.tell('boom');
    await until(() => failures.length > 0, 'the node-failure event');
    const { node, entry } = failures[0]!;
    expect(node).toBe(1);
    expect(entry.kind).toBe('actor-failed');
    expect(entry.path).toMatch(/^\/user\//);
    expect(entry.line).toMatch(/^\[zactor-w1\] \/user\/\S+ failed \(restart\): Error: boom$/);
    expect(entry.error).toBeInstanceOf(Error);
    expect((entry.error as Error).message).toBe('boom');
    // The cluster's logFailures got the same line; the worker wrote nothing itself.
    expect(lines.map((l) => l.line)).toEqual([entry.line]);
  });

  it("reports a worker's first bad record with its sender, skips it, and the worker drains on", async () => {
    const c = await start();
    const corrupt: RingCorruptInfo[] = [];
    c.on('ring-corrupt', (info) => corrupt.push(info));
    const echo = await c.spawn('echo', { worker: 1 });
    // A forged Suspend from worker 0's id space: only the target's parent may send one.
    const forger = (await c.spawn('echo', { worker: 0 })).id;
    const pool = (c as unknown as { pool: { inbound(i: number): MpscRing } }).pool;
    const ring = pool.inbound(1);
    for (let i = 0; i < 3; i++) {
      const record = new RecordBuilder().system(SysKind.Suspend, echo.id, forger).record();
      const offset = ring.tryClaim(RECORD_ENVELOPES, record.length);
      new Uint8Array(ring.buffer, offset, record.length).set(
        new Uint8Array(record.view.buffer, 0, record.length),
      );
      ring.commit(offset);
    }
    await until(() => corrupt.length > 0, 'the ring-corrupt event');
    // Still served: the forged Suspend did not wedge it, and the records after it were read.
    expect(await c.ask(echo, 'after')).toBe('after');
    await until(
      async () => (await c.metrics()).nodes[1]!.counters.corrupt === 3,
      'three bad records counted',
    );
    expect(corrupt).toHaveLength(1);
    expect(corrupt[0]).toMatchObject({ node: 1, from: 0, drainsOn: true });
    expect(corrupt[0]!.error).toMatchObject({ code: 'RING_CORRUPT' });
    expect(corrupt[0]!.error.message).toMatch(/^@zactor\/actor-core\/ActorCluster: /);
  });
});
