import type { MpscRing } from '@zactor/ringbuffer';
import { RECORD_RELAY } from '../wire/envelope-layout.js';
import type { BatchBytes, NodeLink, PublishResult } from './node-link.js';

/**
 * A pool worker's link to the nodes of other processes: each batch for node `n` becomes one
 * record of type `RECORD_RELAY + n` in the main thread's inbound ring (claim, copy, commit;
 * the commit wakes the main pump if it is parked), and the main thread publishes it through
 * its network link (ClusterNode.onRecord -> Outbound.forward). One ring per process and one
 * network connection, both FIFO, so the batches of one worker to one node keep their order.
 *
 * Why a relay and not a network connection per worker: the main thread already holds the
 * connection, the membership and the per-destination overflow for while it is down; a worker
 * only copies into shared memory, as it does for a local node, and needs no network client.
 *
 * Thread contract: one RelayLink per worker thread; `publish` on that thread only (the ring's
 * claim is a CAS shared with the other producers).
 */
export class RelayLink implements NodeLink {
  private readonly ring: MpscRing;
  private readonly capacity: number;
  private readonly nodeCount: number;

  /** `capacity`: the network link's largest batch (the ring's record size bounds it too). */
  constructor(mainRing: MpscRing, capacity: number, nodeCount: number) {
    this.ring = mainRing;
    this.capacity = Math.min(capacity, mainRing.maxRecordBytes) & ~7;
    this.nodeCount = nodeCount;
  }

  batchCapacity(node: number): number {
    return node < this.nodeCount ? this.capacity : 0;
  }

  publish(node: number, batch: BatchBytes, used: number): PublishResult {
    const ring = this.ring;
    const offset = ring.tryClaim(RECORD_RELAY + node, used);
    if (offset < 0) return 'full';
    const bytes = batch.bytes;
    ring.bytes.set(used === bytes.length ? bytes : bytes.subarray(0, used), offset);
    ring.commit(offset);
    return 'published';
  }
}
