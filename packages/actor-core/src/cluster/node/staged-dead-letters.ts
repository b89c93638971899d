import type { AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import type { DeadLetterReason } from '../../event-stream.js';
import type { OutboundDiscard } from '../outbound/outbound.js';
import type { PendingLarge } from '../outbound/overflow-queue.js';
import type { ClusterCodec } from '../wire/cluster-codec.js';
import { CODEC_BLOCK, RECORD_ENVELOPES } from '../wire/envelope-layout.js';
import type { EnvelopeVisitor } from '../wire/envelope-reader.js';
import { CORRUPT, type Inbound } from './inbound.js';
import type { RemoteRefCache } from './remote-ref-cache.js';

/**
 * What a dead worker's inbound ring still held when its thread was gone: the main thread drains
 * it before any new worker takes the slot, dead-letters each user message there (reason
 * `worker-dead`, decoded where it can be: undecodable ones as `null`), frees the large-message
 * blocks they referenced, and drops the system messages (watch, stop; their senders learn of
 * the death from the `worker-died` notice). Not counted, because they died with the thread's
 * heap: the messages in its actors' mailboxes and those it had staged but not yet published.
 * Envelopes its thread had handled (it marks each taken in the record before handing it on,
 * see ENVELOPE_TAKEN) are skipped, so a thread killed in the middle of a record, in an actor's
 * turn run as the record was read, does not have what it delivered dead-lettered again.
 */
export interface LostInbox {
  /** Ring records (batches of envelopes) left unread. */
  readonly records: number;
  /** User messages in them, dead-lettered on the main thread. */
  readonly messages: number;
  /** Of those, large messages (in shared blocks, which their decode freed). */
  readonly largeMessages: number;
  /** System messages in them, dropped. */
  readonly systemMessages: number;
}

/**
 * Turns what a node staged or kept waiting for a destination into dead letters with one reason
 * (`worker-dead` when the destination died, `shutdown` when this node stops), so every message
 * is accounted for; likewise the records left in a dead node's inbox (`recordHandler`, counted
 * by `lost`). Staged envelopes are decoded as the receiver would (a block reference's block is
 * freed by that decode); waiting large frames are decoded from this heap. System envelopes have
 * no one to tell and are dropped.
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

  private records = 0;
  private messages = 0;
  private largeMessages = 0;
  private systemMessages = 0;

  batch(bytes: { readonly bytes: Uint8Array }, used: number): void {
    this.inbound.read(bytes, used, this);
  }

  /** A drain handler for a dead node's inbox: each record's envelopes, as `batch` does. */
  readonly recordHandler = (typeId: number, view: DataView, offset: number, length: number) => {
    this.records++;
    if (typeId !== RECORD_ENVELOPES) return;
    this.batch({ bytes: new Uint8Array(view.buffer, view.byteOffset + offset, length) }, length);
  };

  /** What `recordHandler` was handed. */
  lost(): LostInbox {
    const { records, messages, largeMessages, systemMessages } = this;
    return { records, messages, largeMessages, systemMessages };
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

  onUser(head: number, bodyBytes: number, target: number, sender: number, at: number): void {
    this.messages++;
    if (head >>> 16 === CODEC_BLOCK) this.largeMessages++;
    this.deadLetter(this.inbound.decodeBody(at, bodyBytes, false), sender, target);
  }

  onSystem(): void {
    this.systemMessages++;
  }

  /** Undecodable messages are dead-lettered as null (still counted). */
  private deadLetter(message: unknown, senderId: number, targetId: number): void {
    const reason = this.reason;
    this.system.deadLetter(
      message === CORRUPT ? null : message,
      senderId >= 0 ? this.refOf(senderId) : null,
      this.refs.deadRef(
        targetId,
        reason === 'worker-dead' || reason === 'node-down' ? reason : 'stopped',
      ),
      reason,
    );
  }
}
