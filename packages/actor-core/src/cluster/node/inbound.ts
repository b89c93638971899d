/**
 * A node's inbound side: takes each batch its link delivers (a ring record, or a network
 * message), reads its envelopes (wire/envelope-reader.ts), decodes user bodies and tells the
 * local actors, and turns system envelopes into the local cells' system messages (watch,
 * stop, supervision of remote children). Anything undecodable is counted and skipped.
 *
 * Thread contract: runs on the node's own thread, inside the drain of its inbox.
 */
import type { AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import type { AnyTarget } from '../../actor-target.js';
import { ActorError } from '../../errors.js';
import { refIdWorker } from '../../ref-id.js';
import { SysKind } from '../../system-message.js';
import type { LargeMessageStore } from '../large/large-message.js';
import type { ChildSpawnTable } from '../supervision/child-spawn-table.js';
import type { ClusterCodec } from '../wire/cluster-codec.js';
import {
  BLOCK_REF_BYTES,
  CODEC_BLOCK,
  CODEC_NUMBER,
  ENV_CODEC,
  ENV_F64_BODY,
  ENV_HEADER_BYTES,
  RECORD_ENVELOPES,
  SYS_TOKEN_BYTES,
} from '../wire/envelope-layout.js';
import { type EnvelopeVisitor, readEnvelopes } from '../wire/envelope-reader.js';
import { HEAD_USER_NUMBER } from '../wire/envelope-writer.js';
import { decodeErrorBody } from '../wire/error-body.js';
import { RemoteCell } from './remote-cell.js';

/** What `decodeBody` returns for bytes that do not decode (no message can be this object). */
export const CORRUPT: unknown = Object.freeze({ corrupt: true });

/** What the inbound needs from its node. */
export interface InboundHost {
  readonly nodeId: number;
  readonly system: ActorSystem;
  readonly codec: ClusterCodec;
  readonly childSpawns: ChildSpawnTable;
  refOf(id: number): AnyActorRef;
  pin(cell: RemoteCell<unknown>): void;
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

  messagesIn = 0;
  recordsIn = 0;
  corrupt = 0;
  largeMessagesIn = 0;
  /**
   * A large message was taken since the node last cleared this: its actor takes long, so what
   * the actors send meanwhile (e.g. acknowledgements) is published at once instead of at the end.
   */
  largeTaken = false;

  constructor(host: InboundHost, large: LargeMessageStore | undefined) {
    this.host = host;
    this.system = host.system;
    this.large = large;
  }

  /** Handles one batch: bytes [offset, offset + length) of `view`'s buffer, of `typeId`. */
  onBatch(typeId: number, view: DataView, offset: number, length: number): void {
    this.recordsIn++;
    const base = view.byteOffset + offset;
    if (typeId !== RECORD_ENVELOPES) {
      this.corrupt++;
      return;
    }
    if (view.buffer !== this.buffer) this.words(view.buffer);
    if (readEnvelopes(this.in32, this.in64, base, base + length, this) !== 'complete') {
      this.corrupt++;
    }
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

  onUser(head: number, bodyBytes: number, targetId: number, senderId: number, at: number): void {
    const message =
      head === HEAD_USER_NUMBER && bodyBytes === 8
        ? this.in64[(at >>> 3) + ENV_F64_BODY]!
        : this.decodeBody(at, bodyBytes);
    if (message === CORRUPT) {
      this.corrupt++;
      return;
    }
    this.deliver(message, targetId, senderId);
  }

  /** The sender's ref, cached for the common run of envelopes from one sender. */
  senderOf(senderId: number): AnyActorRef | null {
    if (senderId < 0) return null;
    if (senderId === this.lastSenderId && this.lastSender !== null) return this.lastSender;
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
    this.messagesIn++;
    const sender = this.senderOf(senderId);
    const target = this.system.lookup(targetId);
    if (target === undefined) {
      this.system.deadLetter(
        message,
        sender,
        this.host.refOf(targetId),
        this.system.stoppedReason(),
      );
      return;
    }
    try {
      target.tell(message, sender);
    } catch {
      // A bounded mailbox with the `fail` policy: the sender is elsewhere, so the message
      // becomes a dead letter here instead of an exception in the ring's drain.
      this.system.deadLetter(message, sender, target, 'mailbox-full');
    }
  }

  /** The message of the user envelope at byte `at`; CORRUPT if undecodable. */
  decodeBody(at: number, bodyBytes: number): unknown {
    const view = this.view;
    const codecId = view.getUint16(at + ENV_CODEC, true);
    if (codecId === CODEC_NUMBER && bodyBytes === 8)
      return view.getFloat64(at + ENV_HEADER_BYTES, true);
    if (codecId === CODEC_BLOCK && bodyBytes === BLOCK_REF_BYTES && this.large !== undefined) {
      try {
        // Frees the block whatever happens: decoded, undecodable, or its target gone later.
        const message = this.large.take(this.host.codec, view, at + ENV_HEADER_BYTES);
        this.largeMessagesIn++;
        this.largeTaken = true;
        return message;
      } catch {
        return CORRUPT;
      }
    }
    try {
      return this.host.codec.decode(view, at + ENV_HEADER_BYTES, at + ENV_HEADER_BYTES + bodyBytes);
    } catch {
      return CORRUPT;
    }
  }

  onSystem(kind: number, bodyBytes: number, targetId: number, senderId: number, at: number): void {
    const host = this.host;
    const local = refIdWorker(targetId) === host.nodeId ? this.system.lookup(targetId) : undefined;
    const from = senderId >= 0 ? host.refOf(senderId).cell : null;
    switch (kind) {
      case SysKind.ChildStarted:
        if (from instanceof RemoteCell && bodyBytes === SYS_TOKEN_BYTES)
          this.onChildStarted(local?.cell, from, this.in64[(at >>> 3) + ENV_F64_BODY]!);
        else this.corrupt++;
        return;
      case SysKind.ChildFailed:
      case SysKind.Restart: {
        const error = decodeErrorBody(
          this.bytes.subarray(at + ENV_HEADER_BYTES, at + ENV_HEADER_BYTES + bodyBytes),
        );
        if (kind === SysKind.Restart) local?.cell.sendSystem(kind, null, error);
        else if (from !== null) local?.cell.sendSystem(kind, from, error);
        return;
      }
      case SysKind.ChildTerminated:
        if (from !== null) local?.cell.sendSystem(kind, from);
        return;
      case SysKind.Resume:
      case SysKind.Suspend:
        local?.cell.sendSystem(kind, null);
        return;
      case SysKind.Watch:
        if (from === null) return;
        if (local === undefined)
          from.sendSystem(SysKind.WatchedTerminated, host.refOf(targetId).cell);
        else {
          if (from instanceof RemoteCell) host.pin(from);
          local.cell.sendSystem(SysKind.Watch, from);
        }
        return;
      case SysKind.Unwatch:
        if (from !== null) local?.cell.sendSystem(SysKind.Unwatch, from);
        return;
      case SysKind.Stop:
        local?.cell.requestStop();
        return;
      case SysKind.WatchedTerminated:
        if (from === null || local === undefined) return;
        if (from instanceof RemoteCell) from.unwatchedBy(local.cell);
        local.cell.sendSystem(SysKind.WatchedTerminated, from);
        return;
      default:
        this.corrupt++;
    }
  }

  /**
   * A remote child runs: its parent (here) records it. A parent that is gone, or a child whose
   * worker is known dead, ends the spawn; the child is stopped so no orphan lives on.
   */
  private onChildStarted(parent: AnyTarget | undefined, child: RemoteCell<unknown>, token: number) {
    const spawn = this.host.childSpawns.take(token);
    if (child.dead) {
      if (spawn !== undefined) {
        spawn.parent.sendSystem(SysKind.ChildSpawnFailed, null, undefined, spawn);
        spawn.reject(
          new ActorError('ClusterHandle.spawnChild', 'WORKER_DEAD', `${child.path} is gone`),
        );
      }
      return;
    }
    if (parent === undefined || (spawn !== undefined && spawn.parent !== parent)) {
      child.requestStop();
      if (spawn !== undefined) {
        spawn.parent.sendSystem(SysKind.ChildSpawnFailed, null, undefined, spawn);
        spawn.reject(
          new ActorError('ClusterHandle.spawnChild', 'NOT_RUNNING', 'the parent is gone'),
        );
      }
      return;
    }
    parent.sendSystem(SysKind.ChildStarted, child, undefined, spawn ?? null);
  }
}
