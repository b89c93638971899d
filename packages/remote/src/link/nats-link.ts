import type { NatsConnection } from '@nats-io/nats-core';
import type { BatchBytes, NodeLink, PublishResult } from '@zactor/actor-core';
import type { ClusterSubjects } from '../subjects.js';
import type { FrameSender } from '../wire/remote-frame.js';
import { FRAME_HEADER_BYTES, writeFrameHeader } from '../wire/remote-frame.js';

/** Who this link writes frames as (the frame header's sender fields). */
export type LinkIdentity = FrameSender;

/**
 * actor-core's link role on NATS: each batch of envelopes for node `n` becomes one frame
 * (wire/remote-frame.ts) published to `zactor.<cluster>.inbox.<n>`. NATS keeps the order of
 * one connection's messages to one subscriber, so per destination, batches arrive in publish
 * order.
 *
 * Backpressure: while the connection is down (the client reconnects by itself), `publish`
 * answers `'full'`, so actor-core keeps the batch in the sender's overflow, bounded by
 * `maxPendingBytes` per destination, and ships it when `resume` is called on reconnect.
 * Batches handed to the client before a disconnect was noticed may be lost: delivery is
 * at most once across a disconnect.
 *
 * Thread contract: the node's own thread (the one the NATS client runs on).
 */
export class NatsLink implements NodeLink {
  private readonly subjects: string[] = [];
  private readonly capacity: number;
  private readonly identity: LinkIdentity;
  private readonly nc: NatsConnection;
  private connected = true;
  framesOut = 0;
  bytesOut = 0;

  constructor(
    nc: NatsConnection,
    subjects: ClusterSubjects,
    identity: LinkIdentity,
    nodeCount: number,
    maxFrameBytes: number,
  ) {
    this.nc = nc;
    for (let node = 0; node < nodeCount; node++) this.subjects.push(subjects.inbox(node));
    this.capacity = (maxFrameBytes - FRAME_HEADER_BYTES) & ~7;
    this.identity = identity;
  }

  /** The same room for every other node of the cluster (fixed for the link's life). */
  batchCapacity(node: number): number {
    return node === this.identity.node || node >= this.subjects.length ? 0 : this.capacity;
  }

  publish(node: number, batch: BatchBytes, used: number): PublishResult {
    if (!this.connected) return 'full';
    // The client keeps the payload until it writes it out: a fresh frame per batch.
    const frame = new Uint8Array(FRAME_HEADER_BYTES + used);
    writeFrameHeader(new DataView(frame.buffer), this.identity, used);
    frame.set(
      used === batch.bytes.length ? batch.bytes : batch.bytes.subarray(0, used),
      FRAME_HEADER_BYTES,
    );
    this.nc.publish(this.subjects[node]!, frame);
    this.framesOut++;
    this.bytesOut += frame.length;
    return 'published';
  }

  /** The connection dropped: batches wait in the overflow from now on. */
  pause(): void {
    this.connected = false;
  }

  /** The connection is back: `publish` hands batches to the client again. */
  resume(): void {
    this.connected = true;
  }

  get isConnected(): boolean {
    return this.connected;
  }
}
