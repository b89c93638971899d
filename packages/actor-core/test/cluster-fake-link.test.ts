/**
 * Two cluster nodes in one thread, joined by an in-memory link that holds at most a few
 * batches per destination: the whole cluster layer (outbound, overflow, envelopes, inbound,
 * remote refs) without workers, so a network link can rely on it.
 */
import { describe, expect, it } from 'vitest';
import { isDormant } from '../src/actor-ref.js';
import type { ClusterNodeOptions } from '../src/cluster/node/cluster-node.js';
import { RECORD_ENVELOPES } from '../src/cluster/wire/envelope-layout.js';
import {
  Actor,
  type ActorContext,
  type ActorKind,
  type AnyActorRef,
  type BatchBytes,
  ClusterNode,
  type Dispatcher,
  type NodeLink,
  type PublishResult,
  type Schedulable,
  SlabLargeMessageStore,
  type SystemEvent,
} from '../src/index.js';
import { TURN_MODES } from './inbound-fixture.js';
import { testNodeOptions } from './node-options-fixture.js';

/** Holds published batches per destination, `slots` at most, until `pump` hands them over. */
class FakeLink implements NodeLink {
  readonly queues: Uint8Array[][] = [[], []];
  full = 0;
  constructor(
    public slots: number,
    private readonly capacity = 1024,
  ) {}
  batchCapacity(node: number): number {
    return node < 2 ? this.capacity : 0;
  }
  publish(node: number, batch: BatchBytes, used: number): PublishResult {
    const queue = this.queues[node]!;
    if (queue.length >= this.slots) {
      this.full++;
      return 'full';
    }
    queue.push(batch.bytes.slice(0, used));
    return 'published';
  }
}

class Counter extends Actor<number | 'report'> {
  count = 0;
  outOfOrder = 0;
  receive(msg: number | 'report', ctx: ActorContext<number | 'report'>) {
    if (msg === 'report') ctx.reply({ count: this.count, outOfOrder: this.outOfOrder });
    else if (msg !== this.count++) this.outOfOrder++;
  }
}

class Echo extends Actor<unknown> {
  receive(msg: unknown, ctx: ActorContext<unknown>) {
    ctx.reply(msg);
  }
}

const kinds: Record<string, ActorKind> = { counter: () => Counter, echo: () => Echo };

/** `direct`: records are fed as a cluster worker's loop feeds them (see ClusterNode.onRecord). */
function pair(slots: number, direct = false, extra: Partial<ClusterNodeOptions> = {}) {
  const links = [new FakeLink(slots), new FakeLink(slots)];
  const nodes = [0, 1].map(
    (nodeId) =>
      new ClusterNode(
        testNodeOptions({ nodeId, nodeCount: 2, kinds, link: links[nodeId]!, ...extra }),
      ),
  );
  /** Hands over up to `max` batches each way, as each node's inbox drain would. */
  const pump = (max = Number.POSITIVE_INFINITY) => {
    let moved = 0;
    for (const from of [0, 1]) {
      const to = 1 - from;
      const queue = links[from]!.queues[to]!;
      let n = 0;
      while (queue.length > 0 && n < max) {
        const batch = queue.shift()!;
        nodes[to]!.onRecord(RECORD_ENVELOPES, new DataView(batch.buffer), 0, batch.length, direct);
        n++;
      }
      if (n > 0) nodes[to]!.afterDrain();
      moved += n;
    }
    return moved;
  };
  return { nodes: nodes as [ClusterNode, ClusterNode], links, pump };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function pumpUntil(pump: (max?: number) => number, done: () => boolean, max?: number) {
  for (let round = 0; round < 10_000 && !done(); round++) {
    pump(max);
    await tick();
  }
  expect(done()).toBe(true);
}

describe.each(TURN_MODES)('%s turns', (_mode, direct) => {
  describe('two cluster nodes over an in-memory link', () => {
    it('delivers every tell in order through a link that holds two batches, the rest waiting in the overflow', async () => {
      const { nodes, links, pump } = pair(2, direct);
      const counter = nodes[0].refOf(nodes[1].spawnLocal('counter', null, 1)[0]!);
      const n = 5000;
      for (let i = 0; i < n; i++) expect(counter.tell(i)).toBe(true);
      nodes[0].flush();
      expect(links[0]!.full).toBeGreaterThan(0);
      expect(nodes[0].pendingBytes(1)).toBeGreaterThan(0);
      let drained = false;
      void nodes[0].drained().then(() => {
        drained = true;
      });
      // The receiver drains one batch per turn: the overflow empties as it does.
      await pumpUntil(pump, () => drained, 1);
      expect(nodes[0].pendingBytes()).toBe(0);
      const ask = nodes[0].system.ask(counter as AnyActorRef, 'report', { timeoutMs: 30_000 });
      await pumpUntil(pump, () => nodes[0].counters().messagesIn > 0);
      expect(await ask).toEqual({ count: n, outOfOrder: 0 });
      expect(nodes[0].system.metrics.snapshot().deadLetters).toBe(0);
    });

    it('answers asks across the link, with the sender carried in each envelope', async () => {
      const { nodes, pump } = pair(4, direct);
      const echo = nodes[0].refOf(nodes[1].spawnLocal('echo', null, 1)[0]!);
      const replies = [1, 'two', { three: [3] }, null].map((m) =>
        nodes[0].system.ask(echo as AnyActorRef, m, { timeoutMs: 30_000 }),
      );
      let settled = false;
      void Promise.all(replies).then(() => {
        settled = true;
      });
      await pumpUntil(pump, () => settled);
      expect(await Promise.all(replies)).toEqual([1, 'two', { three: [3] }, null]);
    });

    it('delivers to a dormant actor (making its cell), and dead-letters for a stopped one and a full fail-policy mailbox', async () => {
      const { nodes, pump } = pair(4, direct);
      const receiver = nodes[1].system;
      const dead: SystemEvent[] = [];
      receiver.events.subscribe((e) => dead.push(e), ['dead-letter']);
      const got: number[] = [];
      const take = (n: number) => {
        got.push(n);
      };
      receiver.spawn<number>(take);
      const dormant = receiver.spawn<number>(take);
      expect(isDormant(dormant)).toBe(true);
      const gone = receiver.spawn<number>(() => {});
      receiver.stop(gone);
      await tick();
      // Its slot, taken again by another actor: the old id must not reach the new one.
      const reused: number[] = [];
      const again = receiver.spawn<number>({ receive: (n) => void reused.push(n) });
      expect(again.slot).toBe(gone.slot);
      const full = receiver.spawn<number>(() => {}, {
        mailbox: { kind: 'bounded', capacity: 1, overflow: 'fail' },
      });
      await tick();
      nodes[0].refOf(dormant.id).tell(7);
      nodes[0].refOf(gone.id).tell(8);
      // Queued: the first fits and the others find the mailbox full (nothing runs between them).
      // Direct: the first is handled as it is read, the second fits, the third finds it full.
      for (const n of [9, 10, 11]) nodes[0].refOf(full.id).tell(n);
      const overflowed = direct ? [11] : [10, 11];
      nodes[0].flush();
      await pumpUntil(pump, () => got.length === 1 && dead.length === 1 + overflowed.length);
      expect(got).toEqual([7]);
      expect(reused).toEqual([]);
      expect(isDormant(dormant)).toBe(false);
      expect(dead.map((e) => (e.type === 'dead-letter' ? [e.message, e.reason] : e.type))).toEqual([
        [8, 'stopped'],
        ...overflowed.map((n) => [n, 'mailbox-full']),
      ]);
      expect(nodes[1].counters().messagesIn).toBe(5);
    });

    it('dead-letters with reason shutdown what no link took when the node closes', async () => {
      const { nodes } = pair(1, direct);
      const counter = nodes[0].refOf(nodes[1].spawnLocal('counter', null, 1)[0]!);
      const dead: SystemEvent[] = [];
      nodes[0].system.events.subscribe((e) => dead.push(e), ['dead-letter']);
      for (let i = 0; i < 1000; i++) counter.tell(i);
      nodes[0].flush();
      const waiting = nodes[0].pendingBytes(1);
      expect(waiting).toBeGreaterThan(0);
      nodes[0].close();
      // One batch went out before the link was full; everything behind it is accounted for.
      const delivered = nodes[0].counters().recordsOut;
      expect(delivered).toBe(1);
      expect(dead.length).toBeGreaterThan(0);
      expect(dead.every((e) => e.type === 'dead-letter' && e.reason === 'shutdown')).toBe(true);
      expect(nodes[0].pendingBytes()).toBe(0);
      expect(nodes[0].hasStaged).toBe(false);
    });

    it('names a stopped local sender of what it dead-letters as stopped, not as a remote actor', async () => {
      const { nodes } = pair(1, direct);
      const counter = nodes[0].refOf(nodes[1].spawnLocal('counter', null, 1)[0]!);
      const sender = nodes[0].system.spawn(() => {});
      for (let i = 0; i < 1000; i++) counter.tell(i, sender);
      nodes[0].flush();
      nodes[0].system.stop(sender);
      await tick();
      const dead: SystemEvent[] = [];
      nodes[0].system.events.subscribe((e) => dead.push(e), ['dead-letter']);
      nodes[0].close();
      const first = dead.find((e) => e.type === 'dead-letter' && e.reason === 'shutdown');
      expect(first?.type === 'dead-letter' && first.sender?.id).toBe(sender.id);
      // A reply to that sender is a dead letter of this node (`stopped`), not a send to itself.
      const replies: SystemEvent[] = [];
      nodes[0].system.events.subscribe((e) => replies.push(e), ['dead-letter']);
      if (first?.type === 'dead-letter') first.sender?.tell('late');
      expect(replies.map((e) => (e.type === 'dead-letter' ? e.reason : e.type))).toEqual([
        'stopped',
      ]);
    });
  });
});

describe('a record fed as a cluster worker feeds it (direct turns)', () => {
  it('handles the first message to each idle actor as the record is read, and the rest, in order, at afterDrain', async () => {
    const links = [new FakeLink(8), new FakeLink(8)];
    const nodes = [0, 1].map(
      (nodeId) =>
        new ClusterNode(testNodeOptions({ nodeId, nodeCount: 2, kinds, link: links[nodeId]! })),
    );
    const seen: string[] = [];
    const spawn = (name: string) =>
      nodes[1]!.system.spawn<number>((n) => {
        seen.push(`${name}${n}`);
      });
    const a = nodes[0]!.refOf(spawn('a').id);
    const b = nodes[0]!.refOf(spawn('b').id);
    await tick();
    for (const [ref, n] of [
      [a, 1],
      [a, 2],
      [b, 1],
      [a, 3],
    ] as const)
      ref.tell(n);
    nodes[0]!.flush();
    const queue = links[0]!.queues[1]!;
    expect(queue.length).toBe(1);
    const batch = queue.shift()!;
    nodes[1]!.onRecord(RECORD_ENVELOPES, new DataView(batch.buffer), 0, batch.length, true);
    expect(seen).toEqual(['a1', 'b1']);
    expect(nodes[1]!.afterDrain()).toBe(3);
    expect(seen).toEqual(['a1', 'b1', 'a2', 'a3']);
  });
});

describe('a node whose dispatcher cannot be driven', () => {
  /** Runs each cell on a microtask; no `driven()`, so a node cannot run its turns itself. */
  class MicrotaskDispatcher implements Dispatcher {
    readonly turnStart = 0;
    private readonly queue: Schedulable[] = [];
    schedule(cell: Schedulable): void {
      this.queue.push(cell);
      queueMicrotask(() => this.queue.shift()?.runTurn());
    }
  }

  it('still publishes what its actors send later, after a record fed as a worker loop feeds it', async () => {
    const links = [new FakeLink(8), new FakeLink(8)];
    const nodes = [0, 1].map(
      (nodeId) =>
        new ClusterNode(
          testNodeOptions({
            nodeId,
            nodeCount: 2,
            kinds,
            link: links[nodeId]!,
            ...(nodeId === 1 ? { system: { dispatcher: new MicrotaskDispatcher() } } : {}),
          }),
        ),
    );
    const onZero = nodes[0]!.spawnLocal('counter', null, 1)[0]!;
    nodes[0]!.refOf(nodes[1]!.spawnLocal('echo', null, 1)[0]!).tell(1);
    nodes[0]!.flush();
    const batch = links[0]!.queues[1]!.shift()!;
    nodes[1]!.onRecord(RECORD_ENVELOPES, new DataView(batch.buffer), 0, batch.length, true);
    nodes[1]!.afterDrain();
    await tick();
    links[1]!.queues[0]!.length = 0;
    // Outside any loop step (a timer, an ask's continuation): the flush is the node's own.
    nodes[1]!.refOf(onZero).tell(42);
    await tick();
    expect(links[1]!.queues[0]!.length).toBe(1);
  });
});

describe('large messages a sender gives up', () => {
  it('wait in this heap, holding no block, while the link is full; dead-lettered if their worker dies', () => {
    const store = SlabLargeMessageStore.create(64, [{ blockSize: 4096, blockCount: 4 }]);
    const { nodes, links } = pair(0, false, { largeMessages: store });
    const sink = nodes[0].refOf(nodes[1].spawnLocal('counter', null, 1)[0]!);
    const dead: SystemEvent[] = [];
    nodes[0].system.events.subscribe((e) => dead.push(e), ['dead-letter']);
    // The link to node 1 is full: the first was encoded into a block, refused, and put back into
    // this heap (its block freed); the second waits in the heap behind it.
    sink.tell('x'.repeat(2000) as never);
    sink.tell('y'.repeat(2000) as never);
    expect(links[0]!.full).toBeGreaterThan(0);
    expect(store.outstanding()).toBe(0);
    nodes[0].workerDied(1);
    expect(dead.map((e) => (e as { reason: string }).reason)).toEqual([
      'worker-dead',
      'worker-dead',
    ]);
    expect(store.outstanding()).toBe(0);
    expect(nodes[0].counters().largeMessagesIn).toBe(0);
  });

  it('leave the blocks to other senders while they wait, and arrive whole and in order once the link has room', async () => {
    const store = SlabLargeMessageStore.create(64, [{ blockSize: 4096, blockCount: 1 }]);
    const seen: unknown[] = [];
    class Recorder extends Actor<unknown> {
      receive(message: unknown) {
        seen.push(message);
      }
    }
    const { nodes, links, pump } = pair(1000, false, {
      largeMessages: store,
      kinds: { ...kinds, recorder: () => Recorder },
    });
    const onOne = nodes[0].refOf(nodes[1].spawnLocal('recorder', null, 1)[0]!);
    const onZero = nodes[1].refOf(nodes[0].spawnLocal('recorder', null, 1)[0]!);
    links[0]!.slots = 0;
    onOne.tell('before' as never);
    onOne.tell('a'.repeat(2000) as never);
    onOne.tell('after' as never);
    nodes[0].flush();
    // Node 0's large message waits without its block: node 1 takes the only one.
    onZero.tell('b'.repeat(2000) as never);
    await pumpUntil(pump, () => seen.length === 1);
    expect(seen).toEqual(['b'.repeat(2000)]);
    links[0]!.slots = 1000;
    await pumpUntil(pump, () => seen.length === 4);
    expect(seen.slice(1)).toEqual(['before', 'a'.repeat(2000), 'after']);
    expect(store.outstanding()).toBe(0);
  });

  it('go back to batched sends once the turn that took one is over, on a node with no afterDrain (the main thread)', async () => {
    const store = SlabLargeMessageStore.create(64, [{ blockSize: 4096, blockCount: 4 }]);
    const { nodes, links } = pair(1000, false, { largeMessages: store });
    const onZero = nodes[0].spawnLocal('counter', null, 1)[0]!;
    const onOne = nodes[0].refOf(nodes[1].spawnLocal('counter', null, 1)[0]!);
    nodes[1].refOf(onZero).tell('z'.repeat(2000) as never);
    const record = links[1]!.queues[0]!.shift()!;
    // As ClusterNode.drain hands records over on the main thread: no afterDrain follows.
    nodes[0].onRecord(RECORD_ENVELOPES, new DataView(record.buffer), 0, record.length);
    await tick();
    const before = nodes[0].counters().recordsOut;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 10; i++) onOne.tell(round * 10 + i);
      await tick();
    }
    expect(nodes[0].counters().recordsOut - before).toBe(3);
  });
});
