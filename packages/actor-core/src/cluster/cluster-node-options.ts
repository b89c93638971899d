/**
 * The options of a cluster node on any thread of an ActorCluster, from the cluster module's
 * spec and the boot data: the main thread's (cluster-startup.ts) and each pool worker's
 * (cluster-definition.ts).
 */
import type { ActorSystemOptions } from '../actor-system.js';
import type { SupervisorStrategy } from '../supervisor-strategy.js';
import type { ClusterBootData } from './cluster-protocol.js';
import type { ActorKinds, MessageSchemas } from './cluster-types.js';
import type { LargeMessageStore } from './large/large-message.js';
import type { NodeLink } from './link/node-link.js';
import { RingLink, type RingRoutes } from './link/ring-link.js';
import { SplitLink } from './link/split-link.js';
import { WakeLinger } from './link/wake-linger.js';
import type { ClusterNodeOptions } from './node/node-options.js';
import { SharedNodeStates } from './node/shared-node-states.js';
import type { InboundCorruption } from './wire/corrupt-tally.js';

/** What a node takes from the cluster module's spec (see ClusterSpec). */
export interface NodeSpec {
  readonly actors: ActorKinds;
  readonly messages?: MessageSchemas;
  readonly tagField?: string;
  readonly supervisor?: SupervisorStrategy;
}

/** The rings to this process's nodes; a pool worker's defers its wakes of the main thread. */
function ringLink(boot: ClusterBootData, nodeId: number, routes: RingRoutes): RingLink {
  const defer = nodeId !== boot.mainNode && boot.wakeLingerMs > 0;
  return new RingLink(
    routes,
    boot.nodeCount,
    defer ? new WakeLinger(boot.mainNode, boot.wakeLingerMs) : undefined,
  );
}

/**
 * The options of a cluster node on any thread: what the spec and the boot data say, plus where
 * this node is (`nodeId`, the routes of its ring link and its large-message store) and its system's name and
 * generation base.
 */
export function clusterNodeOptions(
  spec: NodeSpec,
  boot: ClusterBootData,
  nodeId: number,
  routes: RingRoutes,
  /** The link to nodes of other processes (none when the cluster is not joined to others). */
  external: NodeLink | undefined,
  largeMessages: LargeMessageStore,
  system: Pick<ActorSystemOptions, 'name' | 'generationBase' | 'logFailures'>,
  onCorrupt: (report: InboundCorruption) => void,
): ClusterNodeOptions {
  return {
    onCorrupt,
    nodeId,
    nodeCount: boot.nodeCount,
    base: boot.base,
    mainNode: boot.mainNode,
    kinds: spec.actors,
    messages: spec.messages ?? {},
    tagField: spec.tagField ?? 'type',
    link:
      external === undefined
        ? ringLink(boot, nodeId, routes)
        : new SplitLink(ringLink(boot, nodeId, routes), external, boot.base, boot.mainNode),
    maxPendingBytes: boot.maxPendingBytes,
    pendingFull: boot.pendingFull,
    maxBatchBytes: boot.maxBatchBytes,
    maxBatchMessages: boot.maxBatchMessages,
    batchLatencyMs: boot.batchLatencyMs,
    largeMessages,
    nodeStates: SharedNodeStates.attach(boot.nodeStates),
    system: {
      ...system,
      ...(spec.supervisor === undefined ? {} : { defaultStrategy: spec.supervisor }),
      ...(boot.throughput === undefined ? {} : { throughput: boot.throughput }),
      ...(boot.latencySampleEvery === undefined
        ? {}
        : { latencySampleEvery: boot.latencySampleEvery }),
    },
  };
}
