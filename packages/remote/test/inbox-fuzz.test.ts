/**
 * What arrives from the network is hostile: random frames, frames with a valid header and
 * random envelopes, and valid frames with one header field changed go to a real ClusterNode
 * through the InboxReceiver. Nothing may throw; every frame is either refused (counted, with a
 * typed error) or handed on, where actor-core's inbound checks each envelope; and a valid frame
 * after all that is still delivered. Seeded (fast-check).
 */
import {
  type BatchBytes,
  ClusterNode,
  type NodeLink,
  type PublishResult,
} from '@zactor/actor-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RemoteError } from '../src/errors.js';
import { InboxReceiver } from '../src/link/inbox-receiver.js';
import { clusterHash, codecFingerprint } from '../src/wire/codec-fingerprint.js';
import { FRAME_HEADER_BYTES, writeFrameHeader } from '../src/wire/remote-frame.js';

const MAX_NODES = 4;

/** Captures what a node publishes, so a test can make it a frame. */
class CapturingLink implements NodeLink {
  readonly batches: Uint8Array[] = [];
  batchCapacity(node: number): number {
    return node < MAX_NODES ? 4096 : 0;
  }
  publish(_node: number, batch: BatchBytes, used: number): PublishResult {
    this.batches.push(batch.bytes.slice(0, used));
    return 'published';
  }
}

function node(nodeId: number, link: NodeLink): ClusterNode {
  return new ClusterNode({
    nodeId,
    nodeCount: MAX_NODES,
    kinds: {},
    messages: {},
    tagField: 'type',
    link,
    maxPendingBytes: Number.POSITIVE_INFINITY,
    pendingFull: 'drop',
    maxBatchBytes: 4096,
    maxBatchMessages: 32,
    batchLatencyMs: 0.1,
    system: { logFailures: false },
  });
}

const self = {
  node: 0,
  clusterHash: clusterHash('fuzz'),
  fingerprint: codecFingerprint({}, 'type', MAX_NODES),
  incarnation: 1,
};

function frame(envelopes: Uint8Array, sender = { ...self, node: 1 }): Uint8Array {
  const bytes = new Uint8Array(FRAME_HEADER_BYTES + envelopes.length);
  writeFrameHeader(new DataView(bytes.buffer), sender, envelopes.length);
  bytes.set(envelopes, FRAME_HEADER_BYTES);
  return bytes;
}

describe('InboxReceiver on hostile frames', () => {
  it('never throws, refuses or hands on every frame, and still delivers a valid one after', async () => {
    const receiver = node(0, new CapturingLink());
    const senderLink = new CapturingLink();
    const sender = node(1, senderLink);
    const got: unknown[] = [];
    const target = receiver.system.spawn<unknown>((message) => {
      got.push(message);
    });
    const errors: RemoteError[] = [];
    const inbox = new InboxReceiver(
      {
        onRecord: (typeId, view, offset, length) => receiver.onRecord(typeId, view, offset, length),
        afterDrain: () => receiver.afterDrain(),
        heardFrame: () => undefined,
        rejected: (_fault, _from, error) => errors.push(error),
      },
      self,
      MAX_NODES,
    );
    // A valid frame to mutate: the sender's batch for a tell to `target`.
    sender.refOf(target.id).tell({ hello: 'world' });
    sender.flush();
    const valid = frame(senderLink.batches[0]!);

    const randomFrame = fc.uint8Array({ maxLength: 200 });
    const randomEnvelopes = fc
      .uint8Array({ maxLength: 256 })
      .map((bytes) => frame(bytes.subarray(0, bytes.length & ~7)));
    const mutated = fc
      .tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }))
      .map(([at, value]) => {
        const copy = valid.slice();
        copy[at] = value;
        return copy;
      });
    let frames = 0;
    fc.assert(
      fc.property(fc.oneof(randomFrame, randomEnvelopes, mutated), (bytes) => {
        frames++;
        expect(() => inbox.onMessage(bytes)).not.toThrow();
      }),
      { seed: 1919, numRuns: 3000 },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(inbox.framesIn + inbox.framesRejected).toBe(frames);
    expect(errors.length).toBe(inbox.framesRejected);
    for (const error of errors) expect(error.code).toMatch(/^(CORRUPT_FRAME|INCOMPATIBLE_PEER)$/);
    expect(inbox.framesRejected).toBeGreaterThan(0);
    expect(receiver.counters().corrupt).toBeGreaterThan(0);

    got.length = 0;
    inbox.onMessage(valid);
    await new Promise((resolve) => setImmediate(resolve));
    expect(got).toEqual([{ hello: 'world' }]);
  });
});
