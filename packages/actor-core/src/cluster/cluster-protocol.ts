import type { MetricsSnapshot } from '../metrics.js';
import type { SpawnOptions } from '../spawn-options.js';
import type { SpawnRequest, SpawnResult } from './cluster-handle.js';
import type { NodeCounters, NodeLoss, PendingFullPolicy } from './node/cluster-node.js';
import type { ChildParent } from './supervision/child-spawn-table.js';

/** `workerData.data` of every cluster worker (set by ActorCluster.start). */
export interface ClusterBootData {
  readonly zactorCluster: 1;
  /** Node indices in the cluster (every process's, when joined to others: ExternalNodes). */
  readonly nodeCount: number;
  /** The node id of pool worker 0 (worker `i` is `base + i`). */
  readonly base: number;
  /** The main thread's node id (`base + workers`). */
  readonly mainNode: number;
  /** The largest batch a worker relays to a node of another process; 0: none joined. */
  readonly relayBytes: number;
  /** Added to each worker's generation base (a new process on the same indices makes new ids). */
  readonly generationOffset: number;
  /** The main thread's inbound ring. */
  readonly mainRing: SharedArrayBuffer;
  /** Bytes that may wait for one destination in a node's heap (Infinity: no bound). */
  readonly maxPendingBytes: number;
  readonly pendingFull: PendingFullPolicy;
  readonly maxBatchBytes: number;
  readonly maxBatchMessages: number;
  readonly batchLatencyMs: number;
  /** A pool worker's deferred wakes of the main thread (link/wake-linger.ts); 0: none. */
  readonly wakeLingerMs: number;
  readonly throughput: number | undefined;
  readonly latencySampleEvery: number | undefined;
  /** How long a worker's `clusterOf(system).spawn` waits for the main thread. */
  readonly spawnTimeoutMs: number;
  /** The large-message blocks (a SizeClassAllocator every node attaches; see large-message.ts). */
  readonly largeBlocks: SharedArrayBuffer;
  /** The blocks each worker holds, for the main thread to free if it dies (large/block-holds.ts). */
  readonly largeHolds: SharedArrayBuffer;
  readonly largeMessageBytes: number;
  /** The main thread's word per node of another process (node/shared-node-states.ts). */
  readonly nodeStates: SharedArrayBuffer;
}

/** Spawn options that cross threads (a supervisor strategy object cannot). */
export type RemoteSpawnOptions = Omit<SpawnOptions, 'supervisor'>;

/** One worker's part of the cluster metrics. */
export interface NodeMetrics {
  readonly node: number;
  readonly system: MetricsSnapshot;
  readonly counters: NodeCounters;
  /** hdr-histogram-js compressed base64 of the tell -> receive latency (ns). */
  readonly latency: string;
  readonly heapUsedBytes: number;
  /** Bytes allocated on the node's heap since it started (see allocation-counter.ts). */
  readonly allocatedBytes: number;
  readonly uptimeMs: number;
}

/** Main -> worker control messages (postMessage; rare, so not on the rings). */
export type ControlRequest =
  | {
      readonly zactor: 'spawn';
      readonly req: number;
      readonly kind: string;
      readonly args: unknown;
      readonly count: number;
      readonly options: RemoteSpawnOptions;
      /** Set for a remote child: its parent on another node. */
      readonly parent?: ChildParent | undefined;
    }
  | PoolSpawnRequest
  /** Node `worker` is dead; with `req`, answered by `noted` once this node counts it dead. */
  | { readonly zactor: 'worker-died'; readonly worker: number; readonly req?: number }
  | { readonly zactor: 'worker-up'; readonly worker: number }
  /** Node `node` of another process is lost (ClusterGateway.nodeLost). */
  | { readonly zactor: 'node-lost'; readonly node: number; readonly loss: NodeLoss }
  /** Node `node` of another process is up (again). */
  | { readonly zactor: 'node-up'; readonly node: number }
  | { readonly zactor: 'metrics'; readonly req: number }
  | { readonly zactor: 'shutdown'; readonly req: number }
  /** Shutdown, phase 2: every system has stopped; hand on what waits (bounded), then close. */
  | { readonly zactor: 'close'; readonly req: number; readonly drainMs: number }
  /** Shutdown, phase 3: every node is closed; drain the inbox to the end. */
  | { readonly zactor: 'final-drain'; readonly req: number }
  | SpawnResult;

/** Main -> worker: spawn `count` routees of pool `pool` here (and attach its shared words). */
export interface PoolSpawnRequest {
  readonly zactor: 'pool-spawn';
  readonly req: number;
  /** The pool's id (its head actor's id on the main thread). */
  readonly pool: number;
  /** A balancing pool's MpmcQueue (records drawn in pool/pool-record.ts); null for a router. */
  readonly queue: SharedArrayBuffer | null;
  /** A balancing pool's state word (pool/pool-state.ts); null for a router. */
  readonly state: SharedArrayBuffer | null;
  /**
   * A balancing pool's claim log (ringbuffer's MpmcClaimLog: a slot per worker, then one for the
   * main thread); null for a router. `claimThread`: this worker's slot in it.
   */
  readonly claims: SharedArrayBuffer | null;
  readonly claimThread: number;
  /** A smallest-mailbox router's depth words (pool/smallest-mailbox-routing.ts), else null. */
  readonly depths: SharedArrayBuffer | null;
  /** The pool-wide index of the first routee spawned here (its depth words). */
  readonly firstIndex: number;
  /** The workers that get routees of this pool (a worker's own tells wake them). */
  readonly hosts: readonly number[];
  readonly kind: string;
  readonly args: unknown;
  readonly count: number;
  readonly options: RemoteSpawnOptions;
}

/** Worker -> main control messages. */
export type ControlReply =
  | { readonly zactor: 'spawned'; readonly req: number; readonly ids: number[] }
  | {
      readonly zactor: 'failed';
      readonly req: number;
      readonly message: string;
      readonly code: string;
    }
  | { readonly zactor: 'metrics'; readonly req: number; readonly metrics: NodeMetrics }
  | { readonly zactor: 'noted'; readonly req: number }
  | { readonly zactor: 'shut'; readonly req: number }
  | { readonly zactor: 'closed'; readonly req: number }
  | { readonly zactor: 'drained'; readonly req: number }
  | SpawnRequest;
