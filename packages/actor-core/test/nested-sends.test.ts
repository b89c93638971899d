/**
 * Tells made by a message's codec (its getters) while that message is encoded into the batch of
 * the same destination: kept, sent behind it in the order the tells started, checked at the tell
 * (node/nested-sends.ts). Three nodes over a fake link, pumped by hand.
 */
import { describe, expect, it } from 'vitest';
import { RECORD_ENVELOPES } from '../src/cluster/wire/envelope-layout.js';
import {
  Actor,
  type BatchBytes,
  ClusterNode,
  type NodeLink,
  type PublishResult,
} from '../src/index.js';
import { testNodeOptions } from './node-options-fixture.js';

class FakeLink implements NodeLink {
  readonly queues: Uint8Array[][] = [[], [], []];
  batchCapacity(node: number): number {
    return node < 3 ? 1024 : 0;
  }
  publish(node: number, batch: BatchBytes, used: number): PublishResult {
    this.queues[node]!.push(batch.bytes.slice(0, used));
    return 'published';
  }
}

const got: { a: unknown[]; b: unknown[] } = { a: [], b: [] };
class LogA extends Actor<unknown> {
  receive(m: unknown) {
    got.a.push(m);
  }
}
class LogB extends Actor<unknown> {
  receive(m: unknown) {
    got.b.push(m);
  }
}
const kinds = { a: () => LogA, b: () => LogB };

/** Node 0 sends to A (on node 1) and B (on node 2); `settle` delivers what was published. */
function trio() {
  got.a = [];
  got.b = [];
  const corrupt: unknown[] = [];
  const links = [new FakeLink(), new FakeLink(), new FakeLink()];
  const nodes = [0, 1, 2].map(
    (nodeId) =>
      new ClusterNode(
        testNodeOptions({
          nodeId,
          nodeCount: 3,
          kinds,
          link: links[nodeId]!,
          onCorrupt: (report) => corrupt.push(report),
        }),
      ),
  );
  const pump = () => {
    for (const n of nodes) n.flush();
    for (const from of [0, 1, 2]) {
      for (const to of [0, 1, 2]) {
        const queue = links[from]!.queues[to]!;
        for (let b = queue.shift(); b !== undefined; b = queue.shift()) {
          nodes[to]!.onRecord(RECORD_ENVELOPES, new DataView(b.buffer), 0, b.length);
          nodes[to]!.afterDrain();
        }
      }
    }
  };
  const settle = async () => {
    for (let i = 0; i < 20; i++) {
      pump();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const A = nodes[0]!.refOf(nodes[1]!.spawnLocal('a', null, 1)[0]!);
  const B = nodes[0]!.refOf(nodes[2]!.spawnLocal('b', null, 1)[0]!);
  return { nodes, A, B, settle, corrupt };
}

describe('tells made by a codec while it encodes', () => {
  it('go behind the message, in the order they started, also when encodes nest across destinations', async () => {
    const { A, B, settle, corrupt } = trio();
    let pReads = 0;
    let oReads = 0;
    // P's getter tells B while P is encoded for B; O's tells P and then 2 to B while O is
    // encoded for A: 1 started (in P's check) before 2, and must not be overtaken by it.
    const P = {
      p: 1,
      get x() {
        if (pReads++ === 0) B.tell(1);
        return 5;
      },
    };
    const O = {
      o: 1,
      get x() {
        if (oReads++ === 0) {
          B.tell(P);
          B.tell(2);
        }
        return 0;
      },
    };
    A.tell(O);
    await settle();
    expect(corrupt).toEqual([]);
    expect(got.a).toEqual([{ o: 1, x: 0 }]);
    expect(got.b).toEqual([{ p: 1, x: 5 }, 1, 2]);
  });

  it('keep their order when a kept tell keeps more as it is sent', async () => {
    const { A, settle, corrupt } = trio();
    let reads = 0;
    // K's getter tells A on its first read (K's check, when it is kept) and on its third (its
    // encode, when it is sent): the start order is K, 100, 50, 102.
    const K = {
      k: 1,
      get x() {
        const r = reads++;
        if (r === 0 || r === 2) A.tell(100 + r);
        return 9;
      },
    };
    let oReads = 0;
    const O = {
      o: 1,
      get x() {
        if (oReads++ === 0) {
          A.tell(K);
          A.tell(50);
        }
        return 0;
      },
    };
    A.tell(O);
    await settle();
    expect(corrupt).toEqual([]);
    expect(got.a).toEqual([{ o: 1, x: 0 }, { k: 1, x: 9 }, 100, 50, 102]);
  });

  it('throw at the tell what a tell made outside an encode throws (a message too large)', () => {
    const { A } = trio();
    const code = (tell: () => void) => {
      try {
        tell();
        return 'no throw';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    const direct = code(() => A.tell({ big: 'x'.repeat(4000) }));
    let nested: unknown;
    const O = {
      o: 1,
      get x() {
        nested ??= code(() => A.tell({ big: 'y'.repeat(4000) }));
        return 0;
      },
    };
    A.tell(O);
    expect(direct).toBe('MESSAGE_TOO_LARGE');
    expect(nested).toBe(direct);
  });

  it('a flush from a getter leaves the batch being encoded alone', async () => {
    const { nodes, A, settle, corrupt } = trio();
    let reads = 0;
    const O = {
      o: 1,
      get x() {
        if (reads++ === 0) void nodes[0]!.drained();
        return 0;
      },
    };
    A.tell(1);
    A.tell(O);
    A.tell(2);
    await settle();
    expect(corrupt).toEqual([]);
    expect(got.a).toEqual([1, { o: 1, x: 0 }, 2]);
  });
});
