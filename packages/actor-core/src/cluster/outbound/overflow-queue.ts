import { SegmentedHeapQueue } from '@zactor/ringbuffer';
import type { BatchBytes } from '../link/node-link.js';

/** A whole batch that found the link full: an exact copy of its envelopes. */
export interface PendingBatch extends BatchBytes {
  readonly kind: 'batch';
  /** Envelopes in it. */
  readonly count: number;
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

/**
 * What waits for one destination in the sender's heap because the link had no room: batches
 * and large frames in the order they were sent, so per-pair order holds. Unbounded by itself;
 * the outbound applies the user's bound (`maxPendingBytes`).
 *
 * Thread contract: owned by one node's outbound, on its thread.
 */
export class OverflowQueue {
  private readonly items = new SegmentedHeapQueue<PendingItem>(SEGMENT);
  /** Bytes held (batch bytes and frame bytes). */
  bytes = 0;

  get size(): number {
    return this.items.size;
  }

  /** Queues a copy of the first `used` bytes of `batch`. */
  pushBatch(batch: BatchBytes, used: number, count: number): void {
    const f64 = batch.f64.slice(0, used >>> 3);
    this.items.push({
      kind: 'batch',
      bytes: new Uint8Array(f64.buffer),
      f64,
      count,
    });
    this.bytes += used;
  }

  pushLarge(frame: Uint8Array, target: number, sender: number): void {
    this.items.push({ kind: 'large', frame, target, sender });
    this.bytes += frame.length;
  }

  peek(): PendingItem | undefined {
    return this.items.peek();
  }

  /** Removes the head (after it was published). */
  shift(): PendingItem | undefined {
    const item = this.items.shift();
    if (item !== undefined)
      this.bytes -= item.kind === 'batch' ? item.bytes.length : item.frame.length;
    return item;
  }
}
