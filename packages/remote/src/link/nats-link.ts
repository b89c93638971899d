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
 * `maxPendingBytes` per destination. After a reconnect each destination stays closed until
 * this node hears from it again (`heard`): a server that restarted has no subscriptions until
 * each node's client has re-sent its own, and a frame published before that would be dropped.
 * Hearing a node's heartbeat through the server means its subscriptions are back (a client
 * re-sends them before anything it buffered). Batches handed to the client before a
 * disconnect was noticed may be lost: delivery is at most once across a disconnect.
 *
 * Thread contract: the node's own thread (the one the NATS client runs on).
 */
export class NatsLink implements NodeLink {
  private readonly subjects: string[] = [];
  private readonly capacity: number;
  private readonly identity: LinkIdentity;
  private readonly nc: NatsConnection;
  private readonly span: number;
  private connected = true;
  /** Per destination: heard from since the last reconnect (see the class comment). */
  private readonly open: boolean[] = [];
  framesOut = 0;
  bytesOut = 0;

  constructor(
    nc: NatsConnection,
    subjects: ClusterSubjects,
    identity: LinkIdentity,
    nodeCount: number,
    maxFrameBytes: number,
    /** This process's indices from `identity.node` (no route to them here). */
    span = 1,
  ) {
    this.span = span;
    this.nc = nc;
    for (let node = 0; node < nodeCount; node++) {
      this.subjects.push(subjects.inbox(node));
      this.open.push(true);
    }
    this.capacity = (maxFrameBytes - FRAME_HEADER_BYTES) & ~7;
    this.identity = identity;
  }

  /** The same room for every node of another process (fixed for the link's life). */
  batchCapacity(node: number): number {
    const self = this.identity.node;
    return (node >= self && node < self + this.span) || node >= this.subjects.length
      ? 0
      : this.capacity;
  }

  publish(node: number, batch: BatchBytes, used: number): PublishResult {
    if (!this.connected || !this.open[node]) return 'full';
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

  /** The connection is back: each destination opens again once it is heard from. */
  resume(): void {
    this.connected = true;
    this.open.fill(false);
  }

  /** Batches for `node` wait until it is heard from (an index not heard since this node started). */
  hold(node: number): void {
    this.open[node] = false;
  }

  /**
   * Node `node` was heard from (a heartbeat or a frame): batches for it may go out. True when
   * that opened it (the caller flushes what waited).
   */
  heard(node: number): boolean {
    if (this.open[node] !== false) return false;
    this.open[node] = true;
    return true;
  }
}
