/**
 * What the gateway of an ActorCluster joined to other processes (ActorClusterOptions.external)
 * does with batches for a pool worker that died: they are dead-lettered `worker-dead` on the
 * main thread, like everything else that was on its way to that worker, never dropped unseen.
 */
import { describe, expect, it } from 'vitest';
import type { BatchBytes, NodeLink, PublishResult } from '../src/cluster/link/node-link.js';
import { clusterPerTest, record, waitUntil } from './helpers.js';
import { RecordBuilder } from './record-builder.js';

/** The link to the other processes: none answer here, and nothing is sent to them. */
class NoPeers implements NodeLink {
  batchCapacity(): number {
    return 1 << 16;
  }
  publish(_node: number, _batch: BatchBytes): PublishResult {
    return 'published';
  }
}

const start = clusterPerTest(new URL('./workers/cluster-actors.ts', import.meta.url), {
  logFailures: false,
});

describe('ClusterGateway and a dead pool worker', () => {
  it('dead-letters (worker-dead) the messages of a batch that arrives for a dead worker', async () => {
    const base = 10;
    const c = await start({
      restartWorkers: false,
      external: { base, nodeCount: 16, link: new NoPeers() },
    });
    const echo = await c.spawn('echo', { worker: 0 });
    const dead = record(c.system, 'dead-letter');
    await c.kill(0);
    const batch = new RecordBuilder().number(7, echo.id, -1).number(8, echo.id, -1);
    expect(c.gateway.deliver(base, batch.buffer.view, 0, batch.used)).toBe(true);
    await waitUntil(() => dead.length >= 2, 'the dead letters');
    expect(dead.map((d) => [d.message, d.reason])).toEqual([
      [7, 'worker-dead'],
      [8, 'worker-dead'],
    ]);
    // Not one of this process's nodes: refused, said so, and counted.
    const refusedBefore = c.gateway.counters().refused;
    expect(c.gateway.deliver(base + 5, batch.buffer.view, 0, batch.used)).toBe(false);
    expect(c.gateway.counters().refused).toBe(refusedBefore + 1);
  });
});
