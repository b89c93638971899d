import type { InboundRing } from '@zactor/scheduler-numa';
import { RECORD_ENVELOPES } from '../wire/envelope-layout.js';
import type { BatchBytes, NodeLink, PublishResult } from './node-link.js';
import type { WakeLinger } from './wake-linger.js';

/** Batches up to this size are copied into the ring word by word (see `publish`). */
const SMALL_COPY_BYTES = 256;

/** Where a ring link finds the other nodes' inboxes. */
export interface RingRoutes {
  /** Node `node`'s inbound ring, or undefined for the node itself. */
  ring(node: number): InboundRing | undefined;
  /** Wakes node `node` after a record was committed to its ring. */
  wake(node: number): void;
}

/**
 * The link between worker threads of one process: each batch becomes one `RECORD_ENVELOPES`
 * record of the destination's inbound MPSC ring (claim, copy, commit), then the destination
 * is woken. Per destination the ring is FIFO, so batches arrive in publish order.
 *
 * With a WakeLinger (a pool worker in efficiency mode), records for the main thread published
 * inside a step of the worker's loop are committed without a wake, paid later (wake-linger.ts).
 *
 * Thread contract: one RingLink per sending thread; `publish` is called on that thread only.
 * The ring's claim is a CAS shared with the other producers; the commit publishes the
 * record's bytes to the consumer (see MpscRing).
 */
export class RingLink implements NodeLink {
  private readonly rings: (InboundRing | undefined)[] = [];
  /** Each destination ring's buffer as f64 words, for small copies. */
  private readonly ringWords: Float64Array<ArrayBufferLike>[] = [];
  private readonly routes: RingRoutes;
  private readonly linger: WakeLinger | undefined;

  constructor(routes: RingRoutes, nodeCount: number, linger?: WakeLinger) {
    this.routes = routes;
    this.linger = linger;
    for (let node = 0; node < nodeCount; node++) {
      const ring = routes.ring(node);
      this.rings.push(ring);
      const buffer = ring?.bytes.buffer;
      this.ringWords.push(
        buffer === undefined
          ? new Float64Array(0)
          : new Float64Array(buffer, 0, buffer.byteLength >>> 3),
      );
    }
  }

  batchCapacity(node: number): number {
    const ring = this.rings[node];
    return ring === undefined ? 0 : ring.maxRecordBytes & ~7;
  }

  publish(node: number, batch: BatchBytes, used: number): PublishResult {
    const ring = this.rings[node]!;
    const offset = ring.tryClaim(RECORD_ENVELOPES, used);
    if (offset < 0) {
      this.linger?.full(node);
      return 'full';
    }
    const at = ring.bytes.byteOffset + offset;
    if (used <= SMALL_COPY_BYTES && (at & 7) === 0) {
      // A few words: a loop beats creating a subarray to `set` from.
      const to = this.ringWords[node]!;
      const from = batch.f64;
      const d = at >>> 3;
      for (let i = 0, n = used >>> 3; i < n; i++) to[d + i] = from[i]!;
    } else {
      const bytes = batch.bytes;
      ring.bytes.set(used === bytes.length ? bytes : bytes.subarray(0, used), offset);
    }
    const linger = this.linger;
    if (linger?.defers(node)) {
      ring.commitQuietly(offset);
      linger.owe(ring);
      return 'published';
    }
    ring.commit(offset);
    this.routes.wake(node);
    return 'published';
  }

  /** The sending worker starts a step of its loop (see WakeLinger). */
  beginStep(): void {
    this.linger?.beginStep();
  }

  /** The step ended (`idle`: it did no work): owed wakes are paid as WakeLinger says. */
  endStep(idle: boolean): void {
    this.linger?.endStep(idle);
  }
}
