import type { AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import type { NodeCounters, NodeLoss } from '../node/cluster-node.js';

/** A change of one node of this process: a pool worker died (`up: false`) or runs again. */
export type LocalNodeListener = (node: number, up: boolean) => void;

/**
 * Role: the main thread's gateway of an ActorCluster joined to other processes
 * (`ActorClusterOptions.external`), what a network layer (`@zactor/remote`) calls: to hand
 * this process's nodes what arrived for them, to tell every node here that a node of another
 * process was lost or is back, to spawn with the cluster's placement, and to learn of this
 * process's own worker deaths and restarts (to tell the other processes). Implemented by
 * PoolClusterGateway (pool-cluster-gateway.ts).
 *
 * Thread contract: every method on the main thread only (the one that started the cluster).
 */
export interface ClusterGateway {
  /** The node id of pool worker 0. */
  readonly base: number;
  /** The node id of the main thread (the last of this process's). */
  readonly mainNodeId: number;
  readonly workerCount: number;
  /** The main thread's actor system. */
  readonly system: ActorSystem;
  /** The ref for an actor id of any node. */
  refOf(id: number): AnyActorRef;
  /**
   * Hands one batch of envelopes (8-aligned at `offset` of `view`, valid during the call) that
   * arrived for node `node` of this process. False when it was refused: `node` is not one of
   * this process's, or the batch references a shared block. A batch for a dead worker is
   * dead-lettered (`worker-dead`).
   */
  deliver(node: number, view: DataView, offset: number, length: number): boolean;
  /** Runs the main thread's actors that delivered batches made ready, and ships what they sent. */
  afterDeliver(): void;
  /** Ships what the main thread's actors staged. */
  flush(): void;
  /**
   * Node `node` of another process is lost: on every node of this process, asks to its actors
   * fail with `loss.code`, watchers get Terminated, refs dead-letter (`ClusterNode.nodeLost`).
   */
  nodeLost(node: number, loss: NodeLoss): void;
  /** Node `node` of another process is up (again): refs to its actors work on every node here. */
  nodeUp(node: number): void;
  /** Spawns one actor of `kind` where the cluster's placement puts it; resolves with its id. */
  spawn(kind: string, args: unknown, name?: string): Promise<number>;
  /** Calls `listener` when a pool worker of this process dies or runs again. */
  onLocalNode(listener: LocalNodeListener): void;
  /** The main thread's node counters. */
  counters(): NodeCounters;
  /** Bytes the main thread holds for other nodes (its overflow; relayed batches included). */
  pendingBytes(): number;
}
