/**
 * A ClusterNode fed in one thread for the ring-corrupt tests: node 1 of 3 under test, its
 * records handed straight to the real inbound path (onRecord, then afterDrain runs the actors),
 * with a recorder actor kind and a large-message store to forge references into.
 */
import { RECORD_ENVELOPES } from '../src/cluster/wire/envelope-layout.js';
import {
  Actor,
  type BatchBytes,
  ClusterNode,
  type NodeLink,
  type PublishResult,
  packRefId,
  SlabLargeMessageStore,
} from '../src/index.js';
import { testNodeOptions } from './node-options-fixture.js';
import { RecordBuilder } from './record-builder.js';

// SysKind values (a const enum in src/system-message.ts).
export const STOP = 1;
export const WATCH = 2;
export const CHILD_FAILED = 6;
export const RESUME = 7;
export const RESTART = 8;
export const SUSPEND = 9;
export const CHILD_STARTED = 10;

/** Node 1 is under test; node 0 hosts the remote parent, node 2 is a bystander. */
export const PARENT = packRefId(0, 7, 1);
export const OTHER_ON_PARENT_NODE = packRefId(0, 8, 1);
export const ON_NODE_2 = packRefId(2, 3, 1);
export const CODEC_UNREGISTERED = 0x7777;

/** Accepts and forgets everything node 1 sends. */
class NullLink implements NodeLink {
  batchCapacity(node: number): number {
    return node === 1 ? 0 : 4096;
  }
  publish(_node: number, _batch: BatchBytes, _used: number): PublishResult {
    return 'published';
  }
}

function recorder(sink: unknown[]) {
  return class extends Actor<unknown> {
    receive(message: unknown): void {
      sink.push(message);
    }
    override postRestart(): void {
      sink.push('restarted');
    }
  };
}

/** An actor that records what it receives, then throws what `thrown()` makes. */
function thrower(sink: unknown[], thrown: () => unknown) {
  return class extends Actor<unknown> {
    receive(message: unknown): void {
      sink.push(message);
      throw thrown();
    }
  };
}

/** An actor that records what it receives, then calls `seen` with it. */
function spy(sink: unknown[], seen: (message: unknown) => void) {
  return class extends Actor<unknown> {
    receive(message: unknown): void {
      sink.push(message);
      seen(message);
    }
  };
}

/**
 * Node 1 with a recorder kind (and kinds that throw or call back); `feed` hands it one record and runs what it made ready. `direct`:
 * records are fed as a cluster worker's loop feeds them (idle actors run as their message is
 * read, the rest at `afterDrain`); otherwise every actor runs at `afterDrain`.
 */
export function setup(direct = false) {
  const store = SlabLargeMessageStore.create(64, [{ blockSize: 1024, blockCount: 4 }]);
  const node = new ClusterNode(
    testNodeOptions({
      nodeId: 1,
      nodeCount: 3,
      kinds: {
        rec: (sink: unknown[]) => recorder(sink),
        thrower: (a: { sink: unknown[]; thrown: () => unknown }) => thrower(a.sink, a.thrown),
        spy: (a: { sink: unknown[]; seen: (message: unknown) => void }) => spy(a.sink, a.seen),
      },
      link: new NullLink(),
      maxBatchBytes: 4096,
      largeMessages: store,
    }),
  );
  const feed = (record: RecordBuilder, typeId = RECORD_ENVELOPES, extra = 0) => {
    const { view, length } = record.record(extra);
    node.onRecord(typeId, view, 0, length, direct);
    node.afterDrain();
  };
  /** An actor of node 1 that records what it receives; with `parent`, a child of PARENT. */
  const spawn = (child = false) => {
    const sink: unknown[] = [];
    const parent = child ? { id: PARENT, path: '/user/parent', token: 1 } : undefined;
    const id = node.spawnLocal('rec', sink, 1, {}, parent)[0]!;
    node.afterDrain();
    return { id, sink };
  };
  /** A child of PARENT on node 1 that records each message, then throws what `thrown()` makes. */
  const spawnThrower = (thrown: () => unknown) => {
    const sink: unknown[] = [];
    const parent = { id: PARENT, path: '/user/parent', token: 1 };
    const id = node.spawnLocal('thrower', { sink, thrown }, 1, {}, parent)[0]!;
    node.afterDrain();
    return { id, sink };
  };
  /** An actor of node 1 that records each message, then calls `seen` with it. */
  const spawnSpy = (seen: (message: unknown) => void) => {
    const sink: unknown[] = [];
    const id = node.spawnLocal('spy', { sink, seen }, 1)[0]!;
    node.afterDrain();
    return { id, sink };
  };
  const corrupt = () => node.counters().corrupt;
  return { node, store, feed, spawn, spawnThrower, spawnSpy, corrupt };
}

/** The two ways a record reaches the node: every actor run at afterDrain, or direct turns. */
export const TURN_MODES = [
  ['queued', false],
  ['direct', true],
] as const;

/** A new record to build. */
export const records = () => new RecordBuilder();
