import { MpscRing } from '@zactor/ringbuffer';
import { describe, expect, it } from 'vitest';
import { ClusterNode, packRefId, RingLink } from '../src/index.js';
import { testNodeOptions } from './node-options-fixture.js';

/** Node 0 of a two-node cluster whose peer (node 1) never drains: enough to exercise refs. */
function lonelyNode(): ClusterNode {
  const rings = [
    MpscRing.create({ capacityBytes: 1 << 16 }),
    MpscRing.create({ capacityBytes: 1 << 16 }),
  ];
  return new ClusterNode(
    testNodeOptions({
      nodeId: 0,
      nodeCount: 2,
      link: new RingLink({ ring: (i) => rings[i], wake: () => {} }, 2),
      maxBatchBytes: 4096,
      maxBatchMessages: 64,
    }),
  );
}

describe('ClusterNode refs', () => {
  it('keeps one stand-in per remote id while a watch needs it, and forgets the others past the cache bound', () => {
    const node = lonelyNode();
    const watched = node.refOf(packRefId(1, 0, 0));
    const unwatched = node.refOf(packRefId(1, 1, 0));
    node.system.spawn({ receive() {}, preStart: (ctx) => ctx.watch(watched) }, {});
    // Far more distinct remote ids than the cache holds (every ask leaves one behind).
    const cache = (node as unknown as { refs: unknown }).refs as {
      remotes: Map<number, unknown>;
      olderRemotes: Map<number, unknown>;
    };
    const hot = node.refOf(packRefId(1, 2, 0));
    for (let slot = 3; slot < 70_000; slot++) {
      node.refOf(packRefId(1, slot, 0));
      // An id in steady use stays cached however many others come and go.
      if (slot % 1000 === 0) expect(node.refOf(packRefId(1, 2, 0))).toBe(hot);
    }
    expect(node.refOf(packRefId(1, 0, 0))).toBe(watched);
    expect(node.refOf(packRefId(1, 1, 0))).not.toBe(unwatched);
    expect(cache.remotes.size + cache.olderRemotes.size).toBeLessThanOrEqual(2 * 4096 + 1);
  });
});
