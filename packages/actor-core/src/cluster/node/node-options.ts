import type { ActorSystemOptions } from '../../actor-system.js';
import type { ActorKind, MessageSchemas } from '../cluster-types.js';
import type { LargeMessageStore } from '../large/large-message.js';
import type { NodeLink } from '../link/node-link.js';
import type { InboundCorruption } from '../wire/corrupt-tally.js';
import type { NodeStates } from './shared-node-states.js';

/** What a node does with a tell once the overflow for its destination holds `maxPendingBytes`. */
export type PendingFullPolicy = 'drop' | 'fail';

export type { ActorKind };

export interface ClusterNodeOptions {
  readonly nodeId: number;
  /** Node indices in the cluster: pool workers plus the main thread (of every process joined). */
  readonly nodeCount: number;
  /** The index of this process's pool worker 0 (default 0; see ExternalNodes). */
  readonly base?: number;
  /** The index of this process's main thread (default `nodeCount - 1`). */
  readonly mainNode?: number;
  readonly kinds: Readonly<Record<string, ActorKind>>;
  readonly messages: MessageSchemas;
  readonly tagField: string;
  readonly link: NodeLink;
  /** Bytes that may wait for one destination in this node's heap (Infinity: no bound). */
  readonly maxPendingBytes: number;
  readonly pendingFull: PendingFullPolicy;
  readonly maxBatchBytes: number;
  /** Messages per batch the batcher may grow to. */
  readonly maxBatchMessages: number;
  /** The batcher's target for how long a message waits in a batch. */
  readonly batchLatencyMs: number;
  /** Where frames above its threshold go (see large-message.ts); none: they must fit a batch. */
  readonly largeMessages?: LargeMessageStore;
  /**
   * The main thread's word per node of another process (an ActorCluster joined to others): a
   * node this thread holds lost but the main thread has seen come back counts as up.
   */
  readonly nodeStates?: NodeStates;
  readonly system?: ActorSystemOptions;
  /** Told of this node's first bad inbound record (once; later ones are only counted). */
  readonly onCorrupt?: (report: InboundCorruption) => void;
}
