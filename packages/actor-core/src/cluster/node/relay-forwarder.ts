/**
 * The main thread's side of a relay (see link/relay-link.ts): a pool worker's batch for a node
 * of another process arrives as a relay record in the main thread's inbox and goes out through
 * the main node's link in the worker's order, behind what already waits for that node.
 *
 * Thread contract: the main thread's node, inside the drain of its inbox.
 */
import type { DeadLetterReason } from '../../event-stream.js';
import type { Outbound } from '../outbound/outbound.js';
import type { RemoteRefCache } from './remote-ref-cache.js';
import type { StagedDeadLetters } from './staged-dead-letters.js';

export interface RelayHost {
  readonly nodeCount: number;
  /** Whether the node has closed (sends are dead letters `shutdown`). */
  readonly isClosed: () => boolean;
  /** Dead letters with `reason` for what a batch holds. */
  readonly deadLetters: (reason: DeadLetterReason) => StagedDeadLetters;
}

export class RelayForwarder {
  /** Relayed batches for a node this node has no route to (dropped, counted). */
  refused = 0;
  private readonly host: RelayHost;
  private readonly outbound: Outbound;
  private readonly refs: RemoteRefCache;

  constructor(host: RelayHost, outbound: Outbound, refs: RemoteRefCache) {
    this.host = host;
    this.outbound = outbound;
    this.refs = refs;
  }

  /**
   * Forwards the batch at `offset` of `view` (`length` bytes) to `node`: out through the link,
   * or into the overflow behind what waits for it; dead letters when the node is lost (its loss
   * reason), this node has closed (`shutdown`) or `maxPendingBytes` already wait for it
   * (`pending-full`). A destination with no route is a corrupt record (counted, dropped).
   */
  forward(node: number, view: DataView, offset: number, length: number): void {
    const outbound = this.outbound;
    if (!(node < this.host.nodeCount) || outbound.batchFor(node) === undefined) {
      this.refused++;
      return;
    }
    const at = view.byteOffset + offset;
    const batch = {
      bytes: new Uint8Array(view.buffer, at, length),
      f64: new Float64Array(view.buffer, at, length >>> 3),
    };
    const reason = this.refs.isDead(node)
      ? this.refs.lossOf(node)
      : this.host.isClosed()
        ? 'shutdown'
        : outbound.admits(node)
          ? null
          : 'pending-full';
    if (reason !== null) this.host.deadLetters(reason).batch(batch, length);
    else outbound.forward(node, batch, length);
  }
}
