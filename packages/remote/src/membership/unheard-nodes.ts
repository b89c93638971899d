/** What UnheardNodes asks of the RemoteNode. */
export interface UnheardHost {
  /** This process's indices: never unheard. */
  isLocal(node: number): boolean;
  /** Index `node` belongs to a live member and is up. */
  isUp(node: number): boolean;
  /** Batches for `node` wait until it is heard from (the link's destination closes). */
  hold(node: number): void;
  /** Index `node` is lost: no live member holds it. */
  lose(node: number): void;
}

/**
 * What an unheard index means while a node starts. A node learns the others from the slots it
 * reads at start and from their joins and heartbeats; a member that claimed its indices after
 * that read may be heard only a heartbeat later, while a ref to one of its actors can already
 * reach this node inside a message from a third node. Taking such an index for lost would
 * dead-letter a message to a live member (`NODE_DOWN`, "is not a member").
 *
 * So for `graceMs` (the membership's `downAfterMs`: as long as a silent member is given) an
 * index no live member holds is *unheard*, not lost: the link holds batches for it (they wait in
 * the sender's overflow, bounded by `maxPendingBytes` as while disconnected) until it is heard.
 * When the grace ends, every index that is still no live member's is lost ('unknown'): what
 * waited for it is dead-lettered `node-down` and asks to it fail with `NODE_DOWN`, as for any
 * index that is not a member from then on.
 *
 * Thread contract: the node's own thread (its timer runs there).
 */
export class UnheardNodes {
  private readonly host: UnheardHost;
  private readonly nodeCount: number;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(host: UnheardHost, nodeCount: number) {
    this.host = host;
    this.nodeCount = nodeCount;
  }

  /** Holds every other index (before the membership starts) and starts the grace. */
  start(graceMs: number): void {
    for (let node = 0; node < this.nodeCount; node++) {
      if (!this.host.isLocal(node)) this.host.hold(node);
    }
    this.timer = setTimeout(() => this.end(), graceMs);
    this.timer.unref?.();
  }

  /** Ends the grace now: every index no live member holds is lost. Idempotent. */
  end(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    for (let node = 0; node < this.nodeCount; node++) {
      if (!this.host.isLocal(node) && !this.host.isUp(node)) this.host.lose(node);
    }
  }

  /** The node stops: the grace ends without losing anything (the stop dead-letters the rest). */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
