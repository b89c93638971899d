import type { BatchBytes, NodeLink, PublishResult } from './node-link.js';

/**
 * The link of a node of an ActorCluster joined to other processes: the nodes of this process
 * (the indices `first`..`last`, its pool workers then its main thread) through `local` (the
 * rings), every other node through `external` (a relay to the main thread on a worker, the
 * network link on the main thread). Each destination always takes the same path, so the
 * per-destination order of either link holds.
 *
 * Thread contract: the sending node's thread, as both links it joins.
 */
export class SplitLink implements NodeLink {
  private readonly local: NodeLink;
  private readonly external: NodeLink;
  private readonly first: number;
  private readonly last: number;

  constructor(local: NodeLink, external: NodeLink, first: number, last: number) {
    this.local = local;
    this.external = external;
    this.first = first;
    this.last = last;
  }

  batchCapacity(node: number): number {
    return node >= this.first && node <= this.last
      ? this.local.batchCapacity(node)
      : this.external.batchCapacity(node);
  }

  beginStep(): void {
    this.local.beginStep?.();
  }

  endStep(idle: boolean): void {
    this.local.endStep?.(idle);
  }

  publish(node: number, batch: BatchBytes, used: number): PublishResult {
    return node >= this.first && node <= this.last
      ? this.local.publish(node, batch, used)
      : this.external.publish(node, batch, used);
  }
}
