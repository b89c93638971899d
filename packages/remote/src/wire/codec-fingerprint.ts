import type { MessageSchemas } from '@zactor/actor-core';
import { describeSchema, fnv1a32 } from '@zactor/serializer';

/**
 * A 32-bit fingerprint of what a node's codec can read: the tag field, the fallback format and
 * every registered schema in the order type ids are given (sorted tags, as actor-core's
 * ClusterCodec numbers them), and the number of node indices (which sizes every node's tables). Two nodes exchange messages only when their fingerprints match:
 * a node built from another version of the message definitions is refused, never misread.
 */
export function codecFingerprint(
  messages: MessageSchemas,
  tagField: string,
  maxNodes: number,
): number {
  const parts = [`tag=${tagField}`, 'fallback=zactor-msgpackr-refs-1', `maxNodes=${maxNodes}`];
  for (const tag of Object.keys(messages).sort()) {
    parts.push(`${tag}=${describeSchema(messages[tag]!)}`);
  }
  return fnv1a32(parts.join('\n'));
}

/** The cluster name as the u32 a frame header carries. */
export function clusterHash(cluster: string): number {
  return fnv1a32(`zactor-cluster:${cluster}`);
}
