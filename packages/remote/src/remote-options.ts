import type { ConnectionOptions } from '@nats-io/nats-core';
import type {
  ActorClusterOptions,
  ActorKind,
  ActorSystemOptions,
  MessageSchemas,
  PendingFullPolicy,
  SupervisorStrategy,
} from '@zactor/actor-core';
import { RemoteError } from './errors.js';
import { CLUSTER_NAME } from './subjects.js';

/** Node indices per cluster unless told otherwise (every node of a cluster must agree). */
export const DEFAULT_MAX_NODES = 16;

export interface RemoteNodeOptions<K extends Readonly<Record<string, ActorKind>>> {
  /** NATS server URL(s), e.g. `nats://127.0.0.1:4222`. */
  readonly servers: string | readonly string[];
  /** This node's name, unique among the live nodes of the cluster. */
  readonly name: string;
  /** The cluster's name: nodes of other clusters on the same server never meet. */
  readonly cluster: string;
  /** Actor kinds other nodes may spawn here (`remote.spawn(kind, { node })`). */
  readonly actors?: K;
  /** Message schemas by tag, the same on every node (checked by a codec fingerprint). */
  readonly messages?: MessageSchemas;
  /** The field naming a message's schema. Default `type`. */
  readonly tagField?: string;
  /** How this node's guardian supervises actors spawned here for other nodes. */
  readonly supervisor?: SupervisorStrategy;
  /** Node indices in the cluster (1..256, the same on every node). Default 16. */
  readonly maxNodes?: number;
  /** How often this node says it is alive. Default 1000 ms. */
  readonly heartbeatMs?: number;
  /** A node silent this long is down: watchers get Terminated, asks fail `NODE_DOWN`. Default 5000 ms. */
  readonly downAfterMs?: number;
  /**
   * Bytes that may wait for one node in this process while the link cannot take them (the
   * NATS connection is down). Past it, tells are dead letters `pending-full` (or throw, with
   * `pendingFull: 'fail'`). Default 8 MiB.
   */
  readonly maxPendingBytes?: number;
  readonly pendingFull?: PendingFullPolicy;
  /** The largest batch of envelopes in one NATS message. Default: the server's max_payload. */
  readonly maxBatchBytes?: number;
  /** Messages per batch the batcher may grow to. Default 256. */
  readonly maxBatchMessages?: number;
  /** The batcher's target for how long a message waits in a batch. Default 1 ms. */
  readonly batchLatencyMs?: number;
  /** Spawn requests to other nodes fail after this long. Default 5000 ms. */
  readonly spawnTimeoutMs?: number;
  /** This node's actor system (name, throughput, failure log, ...). */
  readonly system?: Omit<ActorSystemOptions, 'worker' | 'generationBase'>;
  /**
   * Passed to the NATS client's `connect` as they are: user/pass, token, TLS, reconnect
   * settings. `servers` and `name` above win over the same keys here.
   */
  readonly connection?: Omit<ConnectionOptions, 'servers'>;
  /**
   * Starts an ActorCluster here and joins all of it: its pool workers and its main thread
   * take `workers + 1` consecutive node indices, and refs reach actors on any of them from any
   * node. Kinds, messages and the supervisor come from its module (`actors`, `messages`,
   * `tagField` and `supervisor` above are then unused). `workers` is required.
   */
  readonly actorCluster?: RemoteClusterOptions;
}

/** `ActorCluster.start`'s options for a cluster joined to others (`workers` required). */
export type RemoteClusterOptions = Omit<ActorClusterOptions, 'external' | 'workers'> & {
  readonly workers: number;
};

/** The options with their defaults, checked. */
export interface ResolvedRemoteOptions {
  readonly maxNodes: number;
  readonly heartbeatMs: number;
  readonly downAfterMs: number;
  readonly maxPendingBytes: number;
  readonly maxBatchMessages: number;
  readonly batchLatencyMs: number;
  readonly spawnTimeoutMs: number;
  readonly tagField: string;
}

function positive(
  name: string,
  value: number | undefined,
  fallback: number,
  max = Infinity,
): number {
  const resolved = value ?? fallback;
  if (typeof resolved !== 'number' || !(resolved > 0) || resolved > max) {
    throw new RemoteError(
      'RemoteNode.start',
      'INVALID_OPTION',
      `${name} must be a number in (0, ${max}], got ${String(value)}`,
    );
  }
  return resolved;
}

export function resolveRemoteOptions(
  options: RemoteNodeOptions<Readonly<Record<string, ActorKind>>>,
): ResolvedRemoteOptions {
  if (typeof options.cluster !== 'string' || !CLUSTER_NAME.test(options.cluster)) {
    throw new RemoteError(
      'RemoteNode.start',
      'INVALID_OPTION',
      `cluster must be 1-64 letters, digits, - or _, got '${String(options.cluster)}'`,
    );
  }
  if (typeof options.name !== 'string' || options.name.length === 0 || options.name.length > 128) {
    throw new RemoteError(
      'RemoteNode.start',
      'INVALID_OPTION',
      'name must be a non-empty string of at most 128 characters',
    );
  }
  const maxNodes = positive('maxNodes', options.maxNodes, DEFAULT_MAX_NODES, 256);
  if (!Number.isInteger(maxNodes) || maxNodes < 2) {
    throw new RemoteError(
      'RemoteNode.start',
      'INVALID_OPTION',
      `maxNodes must be an integer in [2, 256], got ${maxNodes}`,
    );
  }
  const heartbeatMs = positive('heartbeatMs', options.heartbeatMs, 1000);
  const downAfterMs = positive('downAfterMs', options.downAfterMs, 5000);
  if (downAfterMs <= heartbeatMs) {
    throw new RemoteError(
      'RemoteNode.start',
      'INVALID_OPTION',
      `downAfterMs (${downAfterMs}) must be more than heartbeatMs (${heartbeatMs})`,
    );
  }
  return {
    maxNodes,
    heartbeatMs,
    downAfterMs,
    maxPendingBytes: positive('maxPendingBytes', options.maxPendingBytes, 8 * 1024 * 1024),
    maxBatchMessages: positive('maxBatchMessages', options.maxBatchMessages, 256),
    batchLatencyMs: positive('batchLatencyMs', options.batchLatencyMs, 1),
    spawnTimeoutMs: positive('spawnTimeoutMs', options.spawnTimeoutMs, 5000),
    tagField: options.tagField ?? 'type',
  };
}
