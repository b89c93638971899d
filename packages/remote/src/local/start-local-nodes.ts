import { ActorCluster, type ActorKind, ClusterNode, type NodeLink } from '@zactor/actor-core';
import type { RemoteNodeOptions, ResolvedRemoteOptions } from '../remote-options.js';
import { codecFingerprint } from '../wire/codec-fingerprint.js';
import { ClusterLocalNodes } from './cluster-local-nodes.js';
import type { LocalNodes } from './local-nodes.js';
import { SingleLocalNode } from './single-local-node.js';

/** This process's nodes, started; `cluster` when it is an ActorCluster. */
export interface StartedLocalNodes {
  readonly local: LocalNodes;
  readonly cluster: ActorCluster | undefined;
  /** The codec fingerprint of their message definitions (for the frame header). */
  readonly fingerprint: number;
}

/** Where the nodes of this process go: their first index, the link and its batch room. */
export interface LocalPlacement {
  readonly base: number;
  readonly link: NodeLink;
  readonly maxBatchBytes: number;
  /** The generation base of their actor ids (random per start: a new process, new ids). */
  readonly generationOffset: number;
}

/**
 * Starts one thread's ClusterNode at `at.base`, or with `options.actorCluster` an ActorCluster
 * whose nodes take `at.base`..`at.base + workers` (actor-core's `external`). Thread contract:
 * the thread that starts the RemoteNode.
 */
export async function startLocalNodes(
  options: RemoteNodeOptions<Readonly<Record<string, ActorKind>>>,
  resolved: ResolvedRemoteOptions,
  at: LocalPlacement,
): Promise<StartedLocalNodes> {
  const { maxNodes } = resolved;
  if (options.actorCluster === undefined) {
    const messages = options.messages ?? {};
    const node = new ClusterNode({
      nodeId: at.base,
      nodeCount: maxNodes,
      kinds: options.actors ?? {},
      messages,
      tagField: resolved.tagField,
      link: at.link,
      maxPendingBytes: resolved.maxPendingBytes,
      pendingFull: options.pendingFull ?? 'drop',
      maxBatchBytes: at.maxBatchBytes,
      maxBatchMessages: resolved.maxBatchMessages,
      batchLatencyMs: resolved.batchLatencyMs,
      system: {
        ...options.system,
        generationBase: at.generationOffset,
        ...(options.supervisor === undefined ? {} : { defaultStrategy: options.supervisor }),
      },
    });
    return {
      local: new SingleLocalNode(node),
      cluster: undefined,
      fingerprint: codecFingerprint(messages, resolved.tagField, maxNodes),
    };
  }
  const cluster = await ActorCluster.start({
    maxPendingBytes: resolved.maxPendingBytes,
    ...options.actorCluster,
    external: {
      base: at.base,
      nodeCount: maxNodes,
      link: at.link,
      generationOffset: at.generationOffset,
    },
  });
  const spec = cluster.definition.spec;
  return {
    local: new ClusterLocalNodes(cluster),
    cluster,
    fingerprint: codecFingerprint(spec.messages ?? {}, spec.tagField ?? 'type', maxNodes),
  };
}
