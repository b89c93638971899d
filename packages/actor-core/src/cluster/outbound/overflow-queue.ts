import { SegmentedHeapQueue } from '@zactor/ringbuffer';
import type { BatchBytes } from '../link/node-link.js';

/**
 * A whole batch that found the link full: an exact copy of its envelopes, bytes [0, used) of
 * a buffer the queue reuses once the batch is published (see `OverflowQueue.dropHead`).
 */
export interface PendingBatch extends BatchBytes {
  readonly kind: 'batch';
  /** Bytes of envelopes in `bytes` (a multiple of 8; the buffer may be larger). */
  readonly used: number;
  /** Envelopes in it. */
  readonly count: number;
}

/** The queue's own PendingBatch: its buffer is reused for later batches. */
class BatchCopy implements PendingBatch {
  readonly kind = 'batch';
  readonly bytes: Uint8Array;
  readonly f64: Float64Array;
  used = 0;
  count = 0;

  constructor(capacity: number) {
    this.f64 = new Float64Array(capacity >>> 3);
    this.bytes = new Uint8Array(this.f64.buffer);
  }
}

/**
 * A large message that found no free shared block: its frame, encoded in this heap, waits for
 * a block; its envelope (a block reference) is written when one is free.
 */
export interface PendingLarge {
  readonly kind: 'large';
  readonly frame: Uint8Array;
  readonly target: number;
  /** The sender's actor id, or -1. */
  readonly sender: number;
}

export type PendingItem = PendingBatch | PendingLarge;

/** Queue segments hold this many items (overflow is the slow path: small segments). */
const SEGMENT = 64;
/** Copies are made in power-of-two sizes from this many bytes on (so they can be reused). */
const MIN_COPY_BYTES = 256;
const MIN_COPY_LOG = 8;
/** Bytes of emptied copies a queue keeps for reuse, per size. */
const SPARE_BYTES = 1 << 20;

/**
 * What waits for one destination in the sender's heap because the link had no room: batches
 * and large frames in the order they were sent, so per-pair order holds. Unbounded by itself;
 * the outbound applies the user's bound (`maxPendingBytes`).
 *
 * A fast sender facing a slower receiver copies every batch here, so the copies are reused: a
 * published batch's buffer goes to a spare list of its size (up to `SPARE_BYTES` per size)
 * and the next batch of that size is copied into it, with no allocation and no garbage. A
 * copy is at most twice its batch's `used` bytes; `bytes` counts what the batches use.
 *
 * Thread contract: owned by one node's outbound, on its thread. An item returned by `peek` or
 * `shift` stays valid until the next `dropHead` or push; one removed by `dropHead` is reused.
 */
export class OverflowQueue {
  /** Every batch item is a BatchCopy made here (so `kind` tells them apart, no cast). */
  private readonly items = new SegmentedHeapQueue<BatchCopy | PendingLarge>(SEGMENT);
  /** Emptied copies by size class (log2 of their bytes). */
  private readonly spares: BatchCopy[][] = [];
  /** Bytes held (batch bytes and frame bytes). */
  bytes = 0;

  get size(): number {
    return this.items.size;
  }

  /** Queues a copy of the first `used` bytes of `batch`. */
  pushBatch(batch: BatchBytes, used: number, count: number): void {
    const copy = this.copyOf(used);
    const from = batch.f64;
    const to = copy.f64;
    const words = used >>> 3;
    if (words <= 32) for (let i = 0; i < words; i++) to[i] = from[i]!;
    else to.set(words === from.length ? from : from.subarray(0, words));
    copy.used = used;
    copy.count = count;
    this.items.push(copy);
    this.bytes += used;
  }

  /** An emptied copy of at least `used` bytes (a spare one when there is one). */
  private copyOf(used: number): BatchCopy {
    const log = used <= MIN_COPY_BYTES ? MIN_COPY_LOG : 32 - Math.clz32(used - 1);
    const spares = this.spares[log];
    return spares !== undefined && spares.length !== 0 ? spares.pop()! : new BatchCopy(2 ** log);
  }

  pushLarge(frame: Uint8Array, target: number, sender: number): void {
    this.items.push({ kind: 'large', frame, target, sender });
    this.bytes += frame.length;
  }

  peek(): PendingItem | undefined {
    return this.items.peek();
  }

  /** Removes the head and hands it to the caller (who may keep it). */
  shift(): BatchCopy | PendingLarge | undefined {
    const item = this.items.shift();
    if (item !== undefined) this.bytes -= item.kind === 'batch' ? item.used : item.frame.length;
    return item;
  }

  /** Removes the head once it was published; its buffer is reused for a later batch. */
  dropHead(): void {
    const item = this.shift();
    if (item === undefined || item.kind !== 'batch') return;
    const size = item.bytes.length;
    const log = 31 - Math.clz32(size);
    const spares = (this.spares[log] ??= []);
    if ((spares.length + 1) * size <= SPARE_BYTES) spares.push(item);
  }
}
