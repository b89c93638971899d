/**
 * Encodes one message into a destination's staging batch (a bare number is written by
 * ClusterNode.sendUser itself): a codec frame in
 * the batch, or a large frame in a shared block with its reference in the batch (or, when no
 * block is free, a frame in this heap that waits in the overflow for one). System messages
 * too. A batch without room is shipped first (`Outbound.ship` always leaves it empty), so an
 * encode never waits and never fails for lack of room.
 *
 * Thread contract: the node's own thread.
 */
import { NO_BLOCK } from '@zactor/mempool';
import { ActorError } from '../../errors.js';
import { SysKind } from '../../system-message.js';
import type { LargeMessageStore } from '../large/large-message.js';
import type { Outbound } from '../outbound/outbound.js';
import type { OutboundBatch } from '../outbound/outbound-batch.js';
import type { ClusterCodec } from '../wire/cluster-codec.js';
import {
  BLOCK_REF_BYTES,
  ENV_F64_BODY,
  ENV_HEADER_BYTES,
  envelopeBytes,
  SYS_TOKEN_BYTES,
} from '../wire/envelope-layout.js';
import { writeBlockEnvelope, writeSystemHeader, writeUserHeader } from '../wire/envelope-writer.js';
import { encodeErrorBody } from '../wire/error-body.js';
import type { RemoteCell } from './remote-cell.js';

/**
 * Where a user message went: `inline` (its envelope is in the batch), `block` (its frame is in
 * a shared block, the reference in the batch), `deferred` (it waits in the overflow for a block).
 */
export type EncodeOutcome = 'inline' | 'block' | 'deferred';

export class FrameEncoder {
  private readonly codec: ClusterCodec;
  private readonly outbound: Outbound;
  private readonly large: LargeMessageStore | undefined;
  largeMessagesOut = 0;

  /** Nodes of this process: only they can read a shared block (`first`..`last`). */
  private readonly first: number;
  private readonly last: number;

  constructor(
    codec: ClusterCodec,
    outbound: Outbound,
    large: LargeMessageStore | undefined,
    first = 0,
    last = Number.POSITIVE_INFINITY,
  ) {
    this.first = first;
    this.last = last;
    this.codec = codec;
    this.outbound = outbound;
    this.large = large;
  }

  /**
   * Encodes a user message into `batch`, held meanwhile (`OutboundBatch.hold`): the codec may
   * run user code that tells the same destination, and such a tell must wait (nested-sends.ts).
   */
  encode(
    batch: OutboundBatch,
    message: unknown,
    target: RemoteCell<unknown>,
    senderId: number,
  ): EncodeOutcome {
    batch.hold++;
    try {
      return this.encodeInto(batch, message, target, senderId);
    } finally {
      batch.hold--;
    }
  }

  /**
   * Throws what `encode` would throw for `message` to `target` (a codec that refuses it, or
   * MESSAGE_TOO_LARGE), without writing it anywhere: a tell kept to be sent later is checked
   * at the tell (nested-sends.ts).
   */
  check(batch: OutboundBatch, message: unknown, target: RemoteCell<unknown>): void {
    const size = this.codec.sizeOf(message);
    const node = target.worker;
    const large = node >= this.first && node <= this.last ? this.large : undefined;
    if (large !== undefined && size > large.thresholdBytes) {
      if (size > large.maxFrameBytes) this.tooLargeForBlocks(size, target, large.maxFrameBytes);
    } else if (size > batch.capacity - ENV_HEADER_BYTES) this.tooLarge(batch, target);
  }

  private encodeInto(
    batch: OutboundBatch,
    message: unknown,
    target: RemoteCell<unknown>,
    senderId: number,
  ): EncodeOutcome {
    if (!batch.hasRoom()) this.outbound.ship(batch);
    // A node of another process cannot read this process's shared blocks.
    const node = target.worker;
    const large = node >= this.first && node <= this.last ? this.large : undefined;
    let at = batch.used + ENV_HEADER_BYTES;
    // With a block store, a first try bounded by the threshold tells small frames apart at the
    // cost of one Math.min; only a frame that does not fit is sized.
    const end =
      large === undefined ? batch.capacity : Math.min(batch.capacity, at + large.thresholdBytes);
    let written = this.codec.encode(message, batch.view, at, end);
    if (written < 0) {
      if (large !== undefined) {
        const size = this.codec.sizeOf(message);
        if (size > large.thresholdBytes || size > batch.capacity - ENV_HEADER_BYTES) {
          return this.encodeLarge(batch, message, size, target, senderId, large);
        }
      }
      if (batch.count === 0) this.tooLarge(batch, target);
      this.outbound.ship(batch);
      at = ENV_HEADER_BYTES;
      written = this.codec.encode(message, batch.view, at, batch.capacity);
      if (written < 0) this.tooLarge(batch, target);
    }
    // The frame starts with its codec id.
    writeUserHeader(
      batch,
      batch.used,
      batch.view.getUint16(at, true),
      written,
      target.ref.id,
      senderId,
    );
    batch.commit(written);
    return 'inline';
  }

  /**
   * Encodes a frame of `size` bytes into a new block and stages its reference; with no block
   * free, into this heap, to wait in the overflow. A block is freed on every path that does
   * not stage its reference.
   */
  private encodeLarge(
    batch: OutboundBatch,
    message: unknown,
    size: number,
    target: RemoteCell<unknown>,
    senderId: number,
    large: LargeMessageStore,
  ): EncodeOutcome {
    if (size > large.maxFrameBytes) this.tooLargeForBlocks(size, target, large.maxFrameBytes);
    // Behind a waiting message no block is taken: a reference queued behind a frame that waits
    // for a block would hold the very block it waits for (two blocks, two such refs: deadlock).
    const block = this.outbound.backedUp(target.worker) ? NO_BLOCK : large.alloc(size);
    if (block === NO_BLOCK) {
      const frame = new Uint8Array(size);
      const written = this.codec.encode(message, new DataView(frame.buffer), 0, size);
      if (written < 0) this.changedSize(target);
      this.outbound.deferLarge(target.worker, frame.subarray(0, written), target.ref.id, senderId);
      this.largeMessagesOut++;
      return 'deferred';
    }
    // Noted until the publish (Outbound.ship): a worker that dies meanwhile leaves it to the
    // main thread to free (block-holds.ts).
    large.hold?.(block);
    let written: number;
    try {
      written = this.codec.encode(message, large.view, block, block + size);
    } catch (error) {
      large.release?.(block);
      large.free(block);
      throw error;
    }
    if (written < 0) {
      large.release?.(block);
      large.free(block);
      this.changedSize(target);
    }
    // Alone in its batch: what was staged before goes first, and a publish the link refuses
    // puts the frame back into this heap (see OutboundBatch.holdBlock).
    if (batch.count !== 0) this.outbound.ship(batch);
    writeBlockEnvelope(batch, batch.used, block, written, target.ref.id, senderId);
    batch.commit(BLOCK_REF_BYTES);
    batch.holdBlock(block, written, target.ref.id, senderId);
    this.largeMessagesOut++;
    return 'block';
  }

  /** Stages a system envelope of `kind`; only the supervision ones have a body (see layout). */
  encodeSystem(
    batch: OutboundBatch,
    kind: SysKind,
    targetId: number,
    senderId: number,
    error: unknown,
    message: unknown,
  ): void {
    const errorBody =
      kind === SysKind.ChildFailed || kind === SysKind.Restart
        ? encodeErrorBody(error, batch.capacity - ENV_HEADER_BYTES)
        : null;
    const bodyBytes =
      errorBody !== null ? errorBody.length : kind === SysKind.ChildStarted ? SYS_TOKEN_BYTES : 0;
    if (batch.used + envelopeBytes(bodyBytes) > batch.capacity) this.outbound.ship(batch);
    const at = batch.used;
    writeSystemHeader(batch, at, kind, bodyBytes, targetId, senderId);
    if (errorBody !== null) batch.bytes.set(errorBody, at + ENV_HEADER_BYTES);
    else if (bodyBytes !== 0) batch.f64[(at >>> 3) + ENV_F64_BODY] = message as number;
    batch.commit(bodyBytes);
  }

  largeBlocksInUse(): number {
    return this.large === undefined ? 0 : this.large.outstanding();
  }

  private changedSize(target: RemoteCell<unknown>): never {
    // sizeOf and encode disagree (a message mutated by a getter): nothing was staged.
    throw new ActorError(
      'ActorRef.tell',
      'UNENCODABLE',
      `the message to ${target.path} changed size while it was encoded`,
    );
  }

  private tooLargeForBlocks(size: number, target: RemoteCell<unknown>, max: number): never {
    throw new ActorError(
      'ActorRef.tell',
      'MESSAGE_TOO_LARGE',
      `the message to ${target.path} encodes to ${size} bytes, more than the largest large-message block (${max}); add a larger block class to largeMessageSlabs`,
    );
  }

  private tooLarge(batch: OutboundBatch, target: RemoteCell<unknown>): never {
    throw new ActorError(
      'ActorRef.tell',
      'MESSAGE_TOO_LARGE',
      `the message to ${target.path} does not fit in one batch (${batch.capacity} bytes): raise maxBatchBytes and what the link carries (ringBytes between workers, the server's max_payload over NATS)`,
    );
  }
}
