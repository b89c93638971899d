import type { ClusterNodeOptions } from '../src/cluster/node/cluster-node.js';

/**
 * The options of a ClusterNode built by hand in a test: unbounded overflow, drop policy, small
 * batches; the caller gives where the node is, its link, and whatever else it tests.
 */
export function testNodeOptions(
  options: Pick<ClusterNodeOptions, 'nodeId' | 'nodeCount' | 'link'> & Partial<ClusterNodeOptions>,
): ClusterNodeOptions {
  return {
    kinds: {},
    messages: {},
    tagField: 'type',
    maxPendingBytes: Number.POSITIVE_INFINITY,
    pendingFull: 'drop',
    maxBatchBytes: 1024,
    maxBatchMessages: 32,
    batchLatencyMs: 0.1,
    ...options,
  };
}
