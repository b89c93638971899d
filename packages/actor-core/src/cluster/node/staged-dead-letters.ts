import type { AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import type { DeadLetterReason } from '../../event-stream.js';
import type { OutboundDiscard } from '../outbound/outbound.js';
import type { PendingLarge } from '../outbound/overflow-queue.js';
import type { ClusterCodec } from '../wire/cluster-codec.js';
import type { EnvelopeVisitor } from '../wire/envelope-reader.js';
import { CORRUPT, type Inbound } from './inbound.js';
import type { RemoteRefCache } from './remote-ref-cache.js';

/**
 * Turns what a node staged or kept waiting for a destination into dead letters with one reason
 * (`worker-dead` when the destination died, `shutdown` when this node stops), so every message
 * is accounted for. Staged envelopes are decoded as the receiver would (a block reference's
 * block is freed by that decode); waiting large frames are decoded from this heap. System
 * envelopes have no one to tell and are dropped.
 *
 * Thread contract: the node's own thread, outside any drain of its inbox.
 */
export class StagedDeadLetters implements EnvelopeVisitor, OutboundDiscard {
  private readonly system: ActorSystem;
  private readonly inbound: Inbound;
  private readonly refs: RemoteRefCache;
  private readonly codec: ClusterCodec;
  /** The node's ref of any id (a local sender is looked up, not given a remote stand-in). */
  private readonly refOf: (id: number) => AnyActorRef;
  private readonly reason: DeadLetterReason;

  constructor(
    system: ActorSystem,
    inbound: Inbound,
    refs: RemoteRefCache,
    codec: ClusterCodec,
    refOf: (id: number) => AnyActorRef,
    reason: DeadLetterReason,
  ) {
    this.system = system;
    this.inbound = inbound;
    this.refs = refs;
    this.codec = codec;
    this.refOf = refOf;
    this.reason = reason;
  }

  batch(bytes: { readonly bytes: Uint8Array }, used: number): void {
    this.inbound.read(bytes, used, this);
  }

  large(item: PendingLarge): void {
    let message: unknown;
    try {
      const frame = item.frame;
      message = this.codec.decode(
        new DataView(frame.buffer, frame.byteOffset, frame.length),
        0,
        frame.length,
      );
    } catch {
      message = CORRUPT;
    }
    this.deadLetter(message, item.sender, item.target);
  }

  onUser(_head: number, bodyBytes: number, target: number, sender: number, at: number): void {
    this.deadLetter(this.inbound.decodeBody(at, bodyBytes), sender, target);
  }

  onSystem(): void {}

  /** Undecodable messages are dead-lettered as null (still counted). */
  private deadLetter(message: unknown, senderId: number, targetId: number): void {
    const reason = this.reason;
    this.system.deadLetter(
      message === CORRUPT ? null : message,
      senderId >= 0 ? this.refOf(senderId) : null,
      this.refs.deadRef(targetId, reason === 'worker-dead' ? 'worker-dead' : 'stopped'),
      reason,
    );
  }
}
