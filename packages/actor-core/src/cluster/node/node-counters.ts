/**
 * The counters of one node (what the cluster's metrics merge), gathered from its parts.
 *
 * Thread contract: the node's own thread; a snapshot (the allocator's figure is shared).
 */
import type { Outbound } from '../outbound/outbound.js';
import type { FrameEncoder } from './frame-encoder.js';
import type { Inbound } from './inbound.js';

/** Counters of one node, as merged by the cluster's metrics. */
export interface NodeCounters {
  readonly messagesOut: number;
  readonly messagesIn: number;
  readonly recordsOut: number;
  readonly recordsIn: number;
  /**
   * Times a destination's link refused a batch while nothing waited for it: each time an
   * overflow began (the batches that join it are not offered to the link, so not counted).
   */
  readonly ringFull: number;
  /** Bytes waiting in this node's overflow queues now (backpressure). */
  readonly pendingBytes: number;
  /** The same per destination node (index = node id; 0 for this node and unreachable ones). */
  readonly pendingBytesTo: readonly number[];
  /**
   * Tells made on this node refused because a destination's overflow held `maxPendingBytes`
   * (batches relayed for other nodes and refused so are dead letters `pending-full`, not
   * counted here).
   */
  readonly pendingFull: number;
  readonly corrupt: number;
  /**
   * Batches dropped for having no route here, never decoded: a pool worker's relay for a node
   * the main thread cannot reach, or (the main thread of an ActorCluster joined to others) a
   * batch from the network for no node of this process, or one that references a shared block.
   */
  readonly refused: number;
  /** Large messages this node sent in blocks, and received from blocks. */
  readonly largeMessagesOut: number;
  readonly largeMessagesIn: number;
  /** Large messages that waited in the overflow because no block was free. */
  readonly blocksExhausted: number;
  /** Blocks in use over the whole cluster (a snapshot of the shared allocator). */
  readonly largeBlocksInUse: number;
}

/** A node's own tallies (ClusterNode's public counters). */
export interface NodeTallies {
  readonly nodeCount: number;
  readonly messagesOut: number;
  readonly pendingFull: number;
}

export function nodeCounters(
  node: NodeTallies,
  outbound: Outbound,
  inbound: Inbound,
  encoder: FrameEncoder,
  relays: { readonly refused: number },
): NodeCounters {
  return {
    messagesOut: node.messagesOut,
    messagesIn: inbound.messagesIn,
    recordsOut: outbound.recordsOut,
    recordsIn: inbound.recordsIn,
    ringFull: outbound.linkFull,
    pendingBytes: outbound.pendingBytes,
    pendingBytesTo: Array.from({ length: node.nodeCount }, (_, to) => outbound.pendingBytesTo(to)),
    pendingFull: node.pendingFull,
    corrupt: inbound.corrupt,
    refused: relays.refused,
    largeMessagesOut: encoder.largeMessagesOut,
    largeMessagesIn: inbound.largeMessagesIn,
    blocksExhausted: outbound.blocksWaited,
    largeBlocksInUse: encoder.largeBlocksInUse(),
  };
}
