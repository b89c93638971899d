import {
  type ActorSystem,
  type AnyActorRef,
  type ClusterNode,
  type NodeCounters,
  type NodeLoss,
  RECORD_ENVELOPES,
} from '@zactor/actor-core';
import type { LocalNodes } from './local-nodes.js';

/** One thread's ClusterNode as the process's only node. Thread contract: that thread. */
export class SingleLocalNode implements LocalNodes {
  private readonly node: ClusterNode;

  constructor(node: ClusterNode) {
    this.node = node;
  }

  get system(): ActorSystem {
    return this.node.system;
  }

  refOf(id: number): AnyActorRef {
    return this.node.refOf(id);
  }

  deliver(_node: number, view: DataView, offset: number, length: number): void {
    this.node.onRecord(RECORD_ENVELOPES, view, offset, length);
  }

  afterDeliver(): void {
    this.node.afterDrain();
  }

  flush(): void {
    this.node.flush();
  }

  nodeLost(node: number, loss: NodeLoss): void {
    this.node.nodeLost(node, loss);
  }

  nodeUp(node: number): void {
    this.node.workerRestarted(node);
    this.node.flush();
  }

  async spawn(kind: string, args: unknown, name: string | undefined): Promise<number> {
    const [id] = this.node.spawnLocal(kind, args, 1, name === undefined ? {} : { name });
    return id!;
  }

  counters(): NodeCounters {
    return this.node.counters();
  }

  pendingBytes(): number {
    return this.node.pendingBytes();
  }

  async shutdown(): Promise<void> {
    await this.node.system.shutdown();
    this.node.flush();
  }

  close(): void {
    this.node.close();
  }
}
