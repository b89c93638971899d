import type {
  ActorCluster,
  ActorSystem,
  AnyActorRef,
  ClusterGateway,
  NodeCounters,
  NodeLoss,
} from '@zactor/actor-core';
import type { LocalNodes } from './local-nodes.js';

/**
 * An ActorCluster started with `external` (see actor-core's ExternalNodes) as this process's
 * nodes: deliveries, node loss and spawns go through its ClusterGateway, which reaches the
 * pool workers (their rings and control channel). Thread contract: the cluster's main thread.
 */
export class ClusterLocalNodes implements LocalNodes {
  readonly cluster: ActorCluster;
  private readonly gateway: ClusterGateway;

  constructor(cluster: ActorCluster) {
    this.cluster = cluster;
    this.gateway = cluster.gateway;
  }

  get system(): ActorSystem {
    return this.gateway.system;
  }

  refOf(id: number): AnyActorRef {
    return this.gateway.refOf(id);
  }

  deliver(node: number, view: DataView, offset: number, length: number): void {
    this.gateway.deliver(node, view, offset, length);
  }

  afterDeliver(): void {
    this.gateway.afterDeliver();
  }

  flush(): void {
    this.gateway.flush();
  }

  nodeLost(node: number, loss: NodeLoss): void {
    this.gateway.nodeLost(node, loss);
  }

  nodeUp(node: number): void {
    this.gateway.nodeUp(node);
  }

  spawn(kind: string, args: unknown, name: string | undefined): Promise<number> {
    return this.gateway.spawn(kind, args, name);
  }

  counters(): NodeCounters {
    return this.gateway.counters();
  }

  pendingBytes(): number {
    return this.gateway.pendingBytes();
  }

  /** Shuts the whole cluster down (its phases flush every node through the link). */
  shutdown(): Promise<void> {
    return this.cluster.shutdown();
  }

  close(): void {}
}
