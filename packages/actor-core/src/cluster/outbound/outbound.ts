/**
 * A node's outbound side: one staging batch per destination, the link that publishes them,
 * and per destination an overflow queue for what the link had no room for. Lossless by
 * design: a full link never drops a message and never makes the sender wait; the batch moves
 * to the overflow (in the sender's heap) and is published, in order, as the receiver drains.
 * Only a bound the user chose (`maxPendingBytes`) refuses a message (see `admits`).
 *
 * Thread contract: everything here runs on the node's own thread.
 */
import { AdaptiveBatcher } from '@zactor/batcher';
import { NO_BLOCK } from '@zactor/mempool';
import type { LargeMessageStore } from '../large/large-message.js';
import type { BatchBytes, NodeLink } from '../link/node-link.js';
import { writeBlockEnvelope } from '../wire/envelope-writer.js';
import { OutboundBatch } from './outbound-batch.js';
import { OverflowQueue, type PendingLarge } from './overflow-queue.js';

export interface OutboundOptions {
  readonly nodeId: number;
  readonly nodeCount: number;
  readonly link: NodeLink;
  readonly maxBatchBytes: number;
  /** Messages per batch the batcher may grow to. */
  readonly maxBatchMessages: number;
  /** The batcher's target for how long a message waits in a batch. */
  readonly batchLatencyMs: number;
  /** Bytes the overflow of one destination may hold before tells to it are refused. */
  readonly maxPendingBytes: number;
  readonly large: LargeMessageStore | undefined;
}

/** Bytes of the scratch batch a waiting large message's reference is published from. */
const SCRATCH_BYTES = 64;

/** Where `Outbound.discard` hands what it empties. */
export interface OutboundDiscard {
  batch(bytes: BatchBytes, used: number): void;
  large(item: PendingLarge): void;
}

export class Outbound {
  private readonly link: NodeLink;
  private readonly batches: (OutboundBatch | undefined)[] = [];
  private readonly overflows: (OverflowQueue | undefined)[] = [];
  private readonly large: LargeMessageStore | undefined;
  /** The bound on one overflow; -1 once closed (nothing is admitted). */
  private maxPendingBytes: number;
  /** Destinations with something in their overflow. */
  private overflowing = 0;
  private retryScheduled = false;
  private drainWaiters: (() => void)[] = [];
  /** Where a waiting large message's reference envelope is written before it is published. */
  private readonly scratch = scratchBuffer(SCRATCH_BYTES);
  private readonly retryBound = (): void => {
    this.retryScheduled = false;
    this.retry();
  };

  /** Batches published, and publishes the link refused (the batch went to the overflow). */
  recordsOut = 0;
  linkFull = 0;
  /** Large messages that waited in the overflow for a free block. */
  blocksWaited = 0;

  constructor(options: OutboundOptions) {
    this.link = options.link;
    this.large = options.large;
    this.maxPendingBytes = options.maxPendingBytes;
    for (let node = 0; node < options.nodeCount; node++) {
      const room = node === options.nodeId ? 0 : options.link.batchCapacity(node);
      if (room === 0) {
        this.batches.push(undefined);
        this.overflows.push(undefined);
        continue;
      }
      const batcher = new AdaptiveBatcher({
        minSize: 1,
        maxSize: options.maxBatchMessages,
        initialSize: options.maxBatchMessages,
        targetLatencyMs: options.batchLatencyMs,
      });
      this.batches.push(
        new OutboundBatch(node, Math.min(options.maxBatchBytes, room) & ~7, batcher),
      );
      this.overflows.push(new OverflowQueue());
    }
  }

  /** The staging batch for `node`, or undefined when the link has no route to it. */
  batchFor(node: number): OutboundBatch | undefined {
    return this.batches[node];
  }

  /**
   * Whether a new message to `node` is within the user's bound on what may wait for it. With
   * the default bound (none) always true.
   */
  admits(node: number): boolean {
    const overflow = this.overflows[node];
    return overflow === undefined || overflow.bytes < this.maxPendingBytes;
  }

  /**
   * Publishes `batch` now, or moves it to its destination's overflow (behind what already
   * waits there, so order holds); either way the batch is empty after. True when it was
   * published. What waits in the overflow goes first, as far as the link takes it: a sender
   * that keeps producing refills the ring as the receiver frees it, instead of leaving the
   * receiver idle until the next retry (a setImmediate, after the sender's whole turn).
   */
  ship(batch: OutboundBatch): boolean {
    if (batch.count === 0) return true;
    const node = batch.destination;
    const overflow = this.overflows[node]!;
    if (overflow.size !== 0 && this.drainOverflow(node, overflow)) this.overflowDrained();
    if (overflow.size === 0 && this.publishBatch(node, batch)) {
      if (batch.timed) batch.batcher.record(batch.count, 0, performance.now() - batch.firstAt);
      this.recordsOut++;
      batch.reset();
      return true;
    }
    if (overflow.size === 0) {
      this.linkFull++;
      this.overflowing++;
    }
    if (batch.block < 0) overflow.pushBatch(batch, batch.used, batch.count);
    else this.holdFrame(overflow, batch);
    batch.reset();
    this.scheduleRetry();
    return false;
  }

  /**
   * Publishes `batch` to `node`. A batch holding a large message's block stops noting it just
   * before (block-holds.ts: never after), and notes it again if the link refused it.
   */
  private publishBatch(node: number, batch: OutboundBatch): boolean {
    const block = batch.block;
    if (block < 0) return this.link.publish(node, batch, batch.used) === 'published';
    const large = this.large!;
    large.release?.(block);
    if (this.link.publish(node, batch, batch.used) === 'published') return true;
    large.hold?.(block);
    return false;
  }

  /**
   * A large message's reference the link refused: its frame waits in this heap, copied out of
   * the block, which is freed (a block reference waiting here would leak its block if this
   * thread died); it takes a block again when it is published (`publishLarge`).
   */
  private holdFrame(overflow: OverflowQueue, batch: OutboundBatch): void {
    const large = this.large!;
    const frame = new Uint8Array(large.buffer, batch.block, batch.blockLength).slice();
    large.release?.(batch.block);
    large.free(batch.block);
    overflow.pushLarge(frame, batch.blockTarget, batch.blockSender);
  }

  /**
   * Publishes a batch staged elsewhere (a worker's, relayed by the main thread: see
   * link/relay-link.ts) to `node`, or copies it into the overflow behind what waits there.
   * `node` must have a route (`batchFor(node)` defined).
   */
  forward(node: number, batch: BatchBytes, used: number): void {
    const overflow = this.overflows[node]!;
    if (overflow.size === 0 && this.link.publish(node, batch, used) === 'published') {
      this.recordsOut++;
      return;
    }
    if (overflow.size === 0) {
      this.linkFull++;
      this.overflowing++;
    }
    overflow.pushBatch(batch, used, 0);
    this.scheduleRetry();
  }

  /**
   * A large message found no free block: it waits in the overflow as a frame encoded in this
   * heap, behind what is staged for `node` now.
   */
  deferLarge(node: number, frame: Uint8Array, target: number, sender: number): void {
    const batch = this.batches[node]!;
    const overflow = this.overflows[node]!;
    if (batch.count !== 0) this.ship(batch);
    if (overflow.size === 0) this.overflowing++;
    overflow.pushLarge(frame, target, sender);
    this.blocksWaited++;
    this.scheduleRetry();
  }

  /** Ships every staged batch, then retries the overflows. */
  flush(): void {
    // Not a held batch (a frame is being encoded into it, and a codec's getter flushes, or tells
    // wait for it): it ships once they are done (their afterStage).
    for (const batch of this.batches)
      if (batch !== undefined && batch.count !== 0 && batch.hold === 0) this.ship(batch);
    if (this.overflowing !== 0) this.retry();
  }

  /** Publishes what the overflows hold, in order, until each is empty or its link is full. */
  retry(): void {
    if (this.overflowing === 0) return;
    for (let node = 0; node < this.overflows.length; node++) {
      const overflow = this.overflows[node];
      if (overflow === undefined || overflow.size === 0) continue;
      if (this.drainOverflow(node, overflow)) this.overflowing--;
    }
    if (this.overflowing !== 0) this.scheduleRetry();
    else this.settleDrained();
  }

  /** An overflow was emptied outside `retry`. */
  private overflowDrained(): void {
    if (--this.overflowing === 0) this.settleDrained();
  }

  /** True when `overflow` was emptied. */
  private drainOverflow(node: number, overflow: OverflowQueue): boolean {
    for (let item = overflow.peek(); item !== undefined; item = overflow.peek()) {
      if (item.kind === 'batch') {
        if (this.link.publish(node, item, item.used) !== 'published') return false;
        this.recordsOut++;
      } else if (!this.publishLarge(node, item)) return false;
      overflow.dropHead();
    }
    return true;
  }

  /** Moves a waiting large frame into a fresh block and publishes its reference. */
  private publishLarge(node: number, item: PendingLarge): boolean {
    const large = this.large!;
    const block = large.alloc(item.frame.length);
    if (block === NO_BLOCK) return false;
    large.hold?.(block);
    new Uint8Array(large.buffer, block, item.frame.length).set(item.frame);
    const scratch = this.scratch;
    const bytes = writeBlockEnvelope(
      scratch,
      0,
      block,
      item.frame.length,
      item.target,
      item.sender,
    );
    large.release?.(block);
    if (this.link.publish(node, scratch, bytes) !== 'published') {
      large.free(block);
      return false;
    }
    this.recordsOut++;
    return true;
  }

  private scheduleRetry(): void {
    if (this.retryScheduled) return;
    this.retryScheduled = true;
    setImmediate(this.retryBound);
  }

  /** Admits nothing more (the node shuts down; see ClusterNode.close). */
  close(): void {
    this.maxPendingBytes = -1;
  }

  /** Whether something waits in the overflow for `node` (new messages go behind it). */
  backedUp(node: number): boolean {
    const overflow = this.overflows[node];
    return overflow !== undefined && overflow.size !== 0;
  }

  /** Bytes waiting in the overflow for `node` (0 for a node with no route). */
  pendingBytesTo(node: number): number {
    return this.overflows[node]?.bytes ?? 0;
  }

  /** Bytes waiting in every overflow. */
  get pendingBytes(): number {
    let total = 0;
    for (const overflow of this.overflows) if (overflow !== undefined) total += overflow.bytes;
    return total;
  }

  /** Whether any batch or overflow still holds messages. */
  get hasPending(): boolean {
    if (this.overflowing !== 0) return true;
    for (const batch of this.batches) if (batch !== undefined && batch.count !== 0) return true;
    return false;
  }

  /**
   * Resolves once nothing waits in any overflow (what was staged when it is called has been
   * handed to the link). Like a stream's 'drain': a producer that sees `pendingBytes` grow
   * awaits this before it sends more.
   */
  drained(): Promise<void> {
    this.flush();
    if (this.overflowing === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private settleDrained(): void {
    if (this.drainWaiters.length === 0) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * Empties what waits for `node` (it died, or this node shuts down): each staged or overflow
   * batch goes to `to.batch`, each waiting large frame to `to.large`, in order; nothing of it is
   * published after.
   */
  discard(node: number, to: OutboundDiscard): void {
    const overflow = this.overflows[node];
    const batch = this.batches[node];
    if (overflow === undefined || batch === undefined) return;
    const had = overflow.size !== 0;
    for (let item = overflow.shift(); item !== undefined; item = overflow.shift()) {
      if (item.kind === 'batch') to.batch(item, item.used);
      else to.large(item);
    }
    if (had && --this.overflowing === 0) this.settleDrained();
    if (batch.count !== 0) {
      to.batch(batch, batch.used);
      batch.reset();
    }
  }
}

/** A small heap buffer seen as bytes, u32 and f64 words (an envelope buffer and a batch). */
function scratchBuffer(bytes: number) {
  const f64 = new Float64Array(bytes >>> 3);
  return {
    bytes: new Uint8Array(f64.buffer),
    u32: new Uint32Array(f64.buffer),
    f64,
    capacity: bytes,
  };
}
