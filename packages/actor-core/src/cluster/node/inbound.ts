/**
 * A node's inbound side: takes each batch its link delivers (a ring record, or a network
 * message), reads its envelopes (wire/envelope-reader.ts), decodes user bodies and tells the
 * local actors, and turns system envelopes into the local cells' system messages (watch,
 * stop, supervision of remote children).
 *
 * Every word of a record was written by another thread or process, so none is trusted: lengths
 * and kinds are checked by the reader, ids must be actor ids (a target of this node), a system
 * envelope's body must fit its kind, a large-message reference must name a block in use. A bad
 * record is counted once (wire/corrupt-tally.ts, with the node it came from when it names one),
 * the first one is reported (`InboundHost.reportCorrupt`), what it could not frame is skipped,
 * and the drain goes on with the next record.
 *
 * Which node may send which system message is in wire/system-envelope-rules.ts: notably Stop
 * from any node, and Suspend, Resume, Restart only from the target's remote parent.
 *
 * Thread contract: runs on the node's own thread, inside the drain of its inbox.
 */
import type { AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import { ActorError, MailboxOverflowError } from '../../errors.js';
import { refIdWorker } from '../../ref-id.js';
import { SysKind } from '../../system-message.js';
import type { LargeMessageStore } from '../large/large-message.js';
import type { ChildSpawnTable } from '../supervision/child-spawn-table.js';
import { childStarted } from '../supervision/child-started.js';
import { remoteParentOf } from '../supervision/remote-child-cell.js';
import type { ClusterCodec } from '../wire/cluster-codec.js';
import {
  type CorruptReason,
  CorruptTally,
  type InboundCorruption,
  isActorId,
} from '../wire/corrupt-tally.js';
import {
  BLOCK_REF_BYTES,
  CODEC_BLOCK,
  CODEC_NUMBER,
  ENV_CODEC,
  ENV_F64_BODY,
  ENV_F64_SENDER,
  ENV_HEADER_BYTES,
  ENV_KIND,
  ENVELOPE_TAKEN,
  RECORD_ENVELOPES,
} from '../wire/envelope-layout.js';
import { type EnvelopeVisitor, readEnvelopes } from '../wire/envelope-reader.js';
import { HEAD_USER_NUMBER } from '../wire/envelope-writer.js';
import { readErrorBody } from '../wire/error-body.js';
import { isWellFormedSystemEnvelope } from '../wire/system-envelope-rules.js';
import { RemoteCell } from './remote-cell.js';

export type { CorruptReason, InboundCorruption };

/** What `decodeBody` returns for bytes that do not decode (no message can be this object). */
export const CORRUPT: unknown = Object.freeze({ corrupt: true });

/** What the inbound needs from its node. */
export interface InboundHost {
  readonly nodeId: number;
  readonly nodeCount: number;
  readonly system: ActorSystem;
  readonly codec: ClusterCodec;
  readonly childSpawns: ChildSpawnTable;
  refOf(id: number): AnyActorRef;
  pin(cell: RemoteCell<unknown>): void;
  /**
   * The node's first bad record (once; later ones are only counted), to be reported as the
   * cluster's `ring-corrupt` event. Optional: without it the counters still tell.
   */
  reportCorrupt?(report: InboundCorruption): void;
}

export class Inbound implements EnvelopeVisitor {
  private readonly host: InboundHost;
  private readonly system: ActorSystem;
  private readonly large: LargeMessageStore | undefined;
  private lastSenderId = -1;
  private lastSender: AnyActorRef | null = null;
  /** The buffer being read, as bytes, u32 and f64 words (see `words`). */
  private buffer: ArrayBufferLike | null = null;
  private bytes: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private in32: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private in64: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  /** Bytes [recordStart, recordEnd) of `buffer`: the record being read. */
  private recordStart = 0;
  private recordEnd = 0;
  private readonly tally: CorruptTally;
  /**
   * Why the last `decodeBody` gave CORRUPT; `taken` is no fault: a record handled again after
   * its consumer died names a large message that was already delivered, and is skipped.
   */
  private decodeProblem: CorruptReason | 'taken' = 'undecodable';
  private readonly firstSenderBound = (): number => this.firstSender();

  messagesIn = 0;
  recordsIn = 0;
  largeMessagesIn = 0;
  /**
   * A large message was taken since the node last cleared this: its actor takes long, so what
   * the actors send meanwhile (e.g. acknowledgements) is published at once instead of at the end.
   */
  largeTaken = false;
  private readonly endLargeBound = (): void => {
    this.largeTaken = false;
  };

  constructor(host: InboundHost, large: LargeMessageStore | undefined) {
    this.host = host;
    this.system = host.system;
    this.large = large;
    this.tally = new CorruptTally(host.nodeId, host.nodeCount);
  }

  /** Records refused in whole or in part (each counted once). */
  get corrupt(): number {
    return this.tally.records;
  }

  /** Of those, the records whose sender was node `node`; -1: those that named none. */
  corruptFrom(node: number): number {
    return this.tally.from(node);
  }

  /** The report of the first bad record, if there was one. */
  get firstCorruption(): InboundCorruption | undefined {
    return this.tally.first;
  }

  /** Handles one batch: bytes [offset, offset + length) of `view`'s buffer, of `typeId`. */
  onBatch(typeId: number, view: DataView, offset: number, length: number): void {
    this.recordsIn++;
    const tally = this.tally;
    tally.begin();
    const base = view.byteOffset + offset;
    if (view.buffer !== this.buffer) this.words(view.buffer);
    this.recordStart = base;
    this.recordEnd = base + length;
    if (typeId !== RECORD_ENVELOPES) tally.refuse('record-type', -1);
    else {
      const outcome = readEnvelopes(this.in32, this.in64, base, base + length, this);
      if (outcome !== 'complete') tally.refuse(outcome, -1);
    }
    const report = tally.end(this.firstSenderBound);
    if (report !== undefined) this.host.reportCorrupt?.(report);
  }

  /** The sender id of the current record's first envelope, or -1 when it cannot be read. */
  private firstSender(): number {
    const start = this.recordStart;
    if ((start & 7) !== 0 || start + ENV_HEADER_BYTES > this.recordEnd) return -1;
    return this.in64[(start >>> 3) + ENV_F64_SENDER] ?? -1;
  }

  /** Reads envelopes of the sender's own staged bytes (to dead-letter them). */
  read(bytes: { readonly bytes: Uint8Array }, used: number, visitor: EnvelopeVisitor): void {
    const saved = this.buffer;
    this.words(bytes.bytes.buffer);
    readEnvelopes(
      this.in32,
      this.in64,
      bytes.bytes.byteOffset,
      bytes.bytes.byteOffset + used,
      visitor,
    );
    if (saved !== null && saved !== this.buffer) this.words(saved);
  }

  private words(buffer: ArrayBufferLike): void {
    this.buffer = buffer;
    this.bytes = new Uint8Array(buffer);
    this.in32 = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    this.in64 = new Float64Array(buffer, 0, buffer.byteLength >>> 3);
    this.view = new DataView(buffer);
  }

  /**
   * A user envelope of the record being read. It is marked taken in the record first (see
   * ENVELOPE_TAKEN): if this thread dies in a turn it runs for it (a direct turn), the record
   * read again skips it. `onSystem` marks its envelopes likewise.
   */
  onUser(head: number, bodyBytes: number, targetId: number, senderId: number, at: number): void {
    this.bytes[at + ENV_KIND] = ENVELOPE_TAKEN;
    const message =
      head === HEAD_USER_NUMBER && bodyBytes === 8
        ? this.in64[(at >>> 3) + ENV_F64_BODY]!
        : this.decodeBody(at, bodyBytes);
    if (message === CORRUPT) {
      const problem = this.decodeProblem;
      if (problem !== 'taken') this.tally.refuse(problem, senderId);
      return;
    }
    // No sender writes one (a tell of undefined throws there): forged or corrupt bytes.
    if (message === undefined) {
      this.tally.refuse('undecodable', senderId);
      return;
    }
    this.deliver(message, targetId, senderId);
  }

  /**
   * The sender's ref (null for -1, no sender), cached for the common run of envelopes from one
   * sender; undefined for an id that is no actor id.
   */
  senderOf(senderId: number): AnyActorRef | null | undefined {
    if (senderId === -1) return null;
    if (senderId === this.lastSenderId && this.lastSender !== null) return this.lastSender;
    return this.newSender(senderId);
  }

  /** A sender not cached: checked (cold, so the cached path stays small), looked up, cached. */
  private newSender(senderId: number): AnyActorRef | undefined {
    if (!isActorId(senderId)) return undefined;
    const sender = this.host.refOf(senderId);
    this.lastSenderId = senderId;
    this.lastSender = sender;
    return sender;
  }

  /** Node `node` died: forget a cached sender of it. */
  forgetNode(node: number): void {
    if (this.lastSender !== null && refIdWorker(this.lastSenderId) === node) {
      this.lastSender = null;
      this.lastSenderId = -1;
    }
  }

  private deliver(message: unknown, targetId: number, senderId: number): void {
    const sender = this.senderOf(senderId);
    if (sender !== undefined) {
      try {
        if (this.system.tellLocal(targetId, message, sender)) {
          this.messagesIn++;
          return;
        }
      } catch (error) {
        // A bounded mailbox with the `fail` policy: the sender is elsewhere, so the message
        // becomes a dead letter here instead of an exception in the ring's drain. Anything else
        // is a bug (a turn never throws), left to surface.
        if (!(error instanceof MailboxOverflowError)) throw error;
        this.messagesIn++;
        this.system.deadLetter(message, sender, this.host.refOf(targetId), 'mailbox-full');
        return;
      }
    }
    this.undeliverable(message, targetId, senderId, sender);
  }

  /**
   * A message with no live target here, or with a sender that is no actor id: a dead letter
   * when its target is an actor of this node that is gone; refused when either id could not
   * have been sent here.
   */
  private undeliverable(
    message: unknown,
    targetId: number,
    senderId: number,
    sender: AnyActorRef | null | undefined,
  ): void {
    if (sender === undefined) {
      this.tally.refuse('bad-id', -1);
      return;
    }
    if (!isActorId(targetId) || refIdWorker(targetId) !== this.host.nodeId) {
      this.tally.refuse('bad-id', senderId);
      return;
    }
    this.messagesIn++;
    this.system.deadLetter(message, sender, this.host.refOf(targetId), this.system.stoppedReason());
  }

  /**
   * The message of the user envelope at byte `at`; CORRUPT if undecodable (`decodeProblem`
   * says why). A large message's block is freed whatever happens once its reference names a
   * block in use; a reference that does not is refused without touching any block. `received`:
   * false when the message is only being dead-lettered (a sender's discarded batch), so it is
   * not counted as a large message received here.
   */
  decodeBody(at: number, bodyBytes: number, received = true): unknown {
    const view = this.view;
    const codecId = view.getUint16(at + ENV_CODEC, true);
    if (codecId === CODEC_NUMBER && bodyBytes === 8)
      return view.getFloat64(at + ENV_HEADER_BYTES, true);
    if (codecId === CODEC_BLOCK && bodyBytes === BLOCK_REF_BYTES && this.large !== undefined) {
      try {
        const message = this.large.take(this.host.codec, view, at + ENV_HEADER_BYTES);
        if (received) {
          this.largeMessagesIn++;
          if (!this.largeTaken) {
            this.largeTaken = true;
            // A worker's afterDrain clears it after the drain step; the main thread, whose
            // records come through ClusterNode.drain, has none: it ends with this turn.
            setImmediate(this.endLargeBound);
          }
        }
        return message;
      } catch (error) {
        const code = error instanceof ActorError ? error.code : '';
        this.decodeProblem =
          code === 'BLOCK_TAKEN'
            ? 'taken'
            : code === 'BAD_BLOCK_REF'
              ? 'bad-block-ref'
              : 'undecodable';
        return CORRUPT;
      }
    }
    try {
      return this.host.codec.decode(view, at + ENV_HEADER_BYTES, at + ENV_HEADER_BYTES + bodyBytes);
    } catch {
      this.decodeProblem = 'undecodable';
      return CORRUPT;
    }
  }

  onSystem(kind: number, bodyBytes: number, targetId: number, senderId: number, at: number): void {
    this.bytes[at + ENV_KIND] = ENVELOPE_TAKEN;
    const host = this.host;
    const tally = this.tally;
    // A system envelope is always for an actor of this node, from an actor id or none (-1).
    if (
      !isActorId(targetId) ||
      refIdWorker(targetId) !== host.nodeId ||
      (senderId !== -1 && !isActorId(senderId))
    ) {
      tally.refuse('bad-id', senderId);
      return;
    }
    if (!isWellFormedSystemEnvelope(kind, bodyBytes, senderId)) {
      tally.refuse('bad-system-message', senderId);
      return;
    }
    let error: Error | undefined;
    if (kind === SysKind.ChildFailed || kind === SysKind.Restart) {
      const body = at + ENV_HEADER_BYTES;
      error = readErrorBody(this.bytes.subarray(body, body + bodyBytes));
      if (error === undefined) {
        tally.refuse('bad-system-message', senderId);
        return;
      }
    }
    const local = this.system.lookup(targetId);
    const from = senderId >= 0 ? host.refOf(senderId).cell : null;
    switch (kind) {
      case SysKind.Stop:
        local?.cell.requestStop();
        return;
      case SysKind.Suspend:
      case SysKind.Resume:
      case SysKind.Restart:
        // A directive for an actor already gone crossed its stop: nothing to do.
        if (local === undefined) return;
        if (senderId < 0 || remoteParentOf(local.cell) !== senderId) {
          tally.refuse('forged-directive', senderId);
          return;
        }
        local.cell.sendSystem(kind, null, error);
        return;
      case SysKind.ChildStarted:
        if (from instanceof RemoteCell) {
          childStarted(host.childSpawns, local?.cell, from, this.in64[(at >>> 3) + ENV_F64_BODY]!);
        } else tally.refuse('bad-id', senderId);
        return;
      case SysKind.ChildFailed:
      case SysKind.ChildTerminated:
        // The parent's cell ignores an actor that is not one of its children.
        local?.cell.sendSystem(kind, from, error);
        return;
      case SysKind.Watch:
        if (local === undefined)
          from!.sendSystem(SysKind.WatchedTerminated, host.refOf(targetId).cell);
        else {
          if (from instanceof RemoteCell) host.pin(from);
          local.cell.sendSystem(SysKind.Watch, from);
        }
        return;
      case SysKind.Unwatch:
        local?.cell.sendSystem(SysKind.Unwatch, from);
        return;
      case SysKind.WatchedTerminated:
        if (local === undefined) return;
        if (from instanceof RemoteCell) from.unwatchedBy(local.cell);
        local.cell.sendSystem(SysKind.WatchedTerminated, from);
        return;
    }
  }
}
