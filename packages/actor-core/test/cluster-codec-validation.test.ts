/**
 * What crosses to another node must arrive as it was sent, or fail at `tell`: a registered
 * message with a wrong-typed field, and shared memory in a fallback value, throw ActorError
 * UNENCODABLE instead of `tell` returning true and the receiver counting a corrupt frame.
 */
import { type InferInput, t } from '@zactor/serializer';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ClusterCodec } from '../src/cluster/wire/cluster-codec.js';
import {
  type ActorKind,
  ActorRef,
  type AnyActorRef,
  type BatchBytes,
  ClusterNode,
  type NodeLink,
  type PublishResult,
} from '../src/index.js';
import { testNodeOptions } from './node-options-fixture.js';

const Ping = t.struct({ seq: t.u32, from: t.ref });
const messages = { ping: Ping };

/** A ref that only carries its id, as the decoder's resolver hands back. */
function refWithId(id: number): AnyActorRef {
  return new ActorRef({} as never, id);
}

function codecAndView() {
  const codec = new ClusterCodec(messages, 'type', refWithId);
  return { codec, view: new DataView(new ArrayBuffer(4096)) };
}

/** What `f` threw, which must be an ActorError UNENCODABLE. */
function unencodable(f: () => unknown): Error {
  let thrown: unknown;
  try {
    thrown = new Error(`returned ${String(f())}`);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toMatchObject({ name: 'ActorError', code: 'UNENCODABLE' });
  return thrown as Error;
}

describe('the cluster codec and values it cannot send as they are', () => {
  it('refuses a registered message with a wrong-typed or missing field, naming it', () => {
    const { codec, view } = codecAndView();
    const from = refWithId(7);
    expect(
      unencodable(() => codec.encode({ type: 'ping', seq: 'x', from }, view, 0, 4096)).message,
    ).toMatch(/ping\.seq: expected a u32 .*, got string of length 1/);
    expect(
      unencodable(() => codec.encode({ type: 'ping', seq: 1, from: -1 }, view, 0, 4096)).message,
    ).toMatch(/ping\.from: expected a ref .*, got number -1/);
    expect(
      unencodable(() => codec.encode({ type: 'ping', seq: 1 }, view, 0, 4096)).message,
    ).toMatch(/ping\.from: .*got undefined/);
  });

  it('writes an ActorRef in a t.ref field as its id and decodes it as a ref again', () => {
    const { codec, view } = codecAndView();
    const from = refWithId(2 ** 40 + 5);
    const n = codec.encode({ type: 'ping', seq: 3, from }, view, 0, 4096);
    const back = codec.decode(view, 0, n) as { type: string; seq: number; from: AnyActorRef };
    expect(back.seq).toBe(3);
    expect(back.from).toBeInstanceOf(ActorRef);
    expect(back.from.id).toBe(from.id);
    // The input type of a t.ref field takes an ActorRef without a cast.
    expectTypeOf<AnyActorRef>().toMatchTypeOf<InferInput<typeof Ping>['from']>();
  });

  it('refuses shared memory in a fallback value and still sends refs inside one', () => {
    const { codec, view } = codecAndView();
    const error = unencodable(() =>
      codec.encode({ job: 1, buffer: new SharedArrayBuffer(8) }, view, 0, 4096),
    );
    expect(error.message).toContain('SharedArrayBuffer at buffer');
    expect(error.message).toContain('cannot be copied through a frame');
    unencodable(() => codec.sizeOf({ rows: [new Int32Array(new SharedArrayBuffer(8))] }));
    const n = codec.encode({ to: [refWithId(9)] }, view, 0, 4096);
    const back = codec.decode(view, 0, n) as { to: AnyActorRef[] };
    expect(back.to[0]!.id).toBe(9);
  });
});

/** Keeps what is published; nothing needs to be delivered here. */
class HoldingLink implements NodeLink {
  readonly published: Uint8Array[] = [];
  batchCapacity(node: number): number {
    return node < 2 ? 1024 : 0;
  }
  publish(_node: number, batch: BatchBytes, used: number): PublishResult {
    this.published.push(batch.bytes.slice(0, used));
    return 'published';
  }
}

describe('telling a remote actor a value that cannot be sent as it is', () => {
  it('throws from tell instead of returning true', () => {
    const kinds: Record<string, ActorKind> = { sink: () => () => {} };
    const nodes = [0, 1].map(
      (nodeId) =>
        new ClusterNode(
          testNodeOptions({ nodeId, nodeCount: 2, kinds, messages, link: new HoldingLink() }),
        ),
    );
    const remote = nodes[0]!.refOf(nodes[1]!.spawnLocal('sink', null, 1)[0]!);
    const from = nodes[0]!.system.spawn(() => {});
    expect(remote.tell({ type: 'ping', seq: 1, from })).toBe(true);
    unencodable(() => remote.tell({ type: 'ping', seq: { n: 1 }, from }));
    unencodable(() => remote.tell({ type: 'ping', seq: 1, from: 1.5 }));
    unencodable(() => remote.tell({ shared: new SharedArrayBuffer(4) }));
    for (const node of nodes) node.close();
  });
});
