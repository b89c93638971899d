import type { ActorSystem, AnyActorRef, NodeCounters, NodeLoss } from '@zactor/actor-core';

/**
 * Role: the nodes of this process as a RemoteNode drives them. `SingleLocalNode` is one
 * thread's ClusterNode (a span of one index); `ClusterLocalNodes` is an ActorCluster (its pool
 * workers and main thread, through actor-core's ClusterGateway).
 *
 * Thread contract: the thread that started the RemoteNode (the main thread of an ActorCluster).
 */
export interface LocalNodes {
  /** The system of the thread the RemoteNode runs on. */
  readonly system: ActorSystem;
  /** The ref for an actor id of any node. */
  refOf(id: number): AnyActorRef;
  /** One batch of envelopes from the network for this process's node `node`. */
  deliver(node: number, view: DataView, offset: number, length: number): void;
  /** After a burst of deliveries: runs what they made ready, ships what it sent. */
  afterDeliver(): void;
  /** Ships what is staged (the link opened, or the connection is back). */
  flush(): void;
  /** Node `node` of another process is lost, on every node here. */
  nodeLost(node: number, loss: NodeLoss): void;
  /** Node `node` of another process is up (again), on every node here. */
  nodeUp(node: number): void;
  /** Spawns `kind` here (an ActorCluster: where its placement puts it); the actor's id. */
  spawn(kind: string, args: unknown, name: string | undefined): Promise<number>;
  counters(): NodeCounters;
  pendingBytes(): number;
  /** Stops every actor here (watchers elsewhere get Terminated) and ships what is left. */
  shutdown(): Promise<void>;
  /** After the membership has said leave: what could not be sent is dead-lettered. */
  close(): void;
}
