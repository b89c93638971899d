/**
 * The options of `ActorCluster.start` and `ActorCluster.spawn`, and the defaults that more than
 * one part of the cluster reads.
 *
 * Thread contract: plain data; read on the main thread (the one that starts the cluster).
 */

import type { ResourceLimits } from 'node:worker_threads';
import type { SlabShape } from '@zactor/mempool';
import type { Placement, WorkerFactory } from '@zactor/scheduler-numa';
import type { FailureLogOption } from '../failure-log.js';
import type { RemoteSpawnOptions } from './cluster-protocol.js';
import type { NodeLink } from './link/node-link.js';
import type { PendingFullPolicy } from './node/cluster-node.js';

/** `latency`: idle workers spin long before parking; `efficiency`: they park almost at once. */
export type ClusterMode = 'latency' | 'efficiency';

/**
 * Where `spawn` puts an actor when no worker is named: `round-robin`, `least-loaded` (the
 * placement load words), `numa-local`, or `load-aware` (the least busy event loop, then the
 * load words, on the caller's NUMA node first).
 */
export type PlacementPolicy = 'round-robin' | 'least-loaded' | 'numa-local' | 'load-aware';

export interface ActorClusterOptions {
  /** The cluster module (its default export is `defineCluster(...)`), as a URL or path. */
  readonly module: URL | string;
  /** Pool workers. Default: one per usable cpu. */
  readonly workers?: number;
  /** Default `efficiency`. */
  readonly mode?: ClusterMode;
  /**
   * A policy by name, or any object of scheduler-numa's `Placement` role (`place(view)` returns
   * a worker index; called on the main thread for every spawn that names no worker, including
   * the workers' `clusterOf(system).spawn`). Default `round-robin`.
   */
  readonly placement?: PlacementPolicy | Placement;
  /** Pin each worker to its cpu (Linux). Default true. */
  readonly pin?: boolean;
  /** Bytes of each inbound ring (a power of two). Default 1 MiB. */
  readonly ringBytes?: number;
  /**
   * Bytes that may wait, per destination node, in a sender's heap while the destination's ring
   * is full (a full ring never drops and never blocks the sender: batches wait in an overflow
   * queue and go out, in order, as the receiver drains). Past this bound a tell follows
   * `pendingFull`. Default: no bound (Infinity); watch `pendingBytes` in the metrics, or await
   * `drained()`, to pace a producer.
   */
  readonly maxPendingBytes?: number;
  /**
   * What a tell does once `maxPendingBytes` wait for its destination: `drop` (a dead letter with
   * reason `pending-full`, tell returns false) or `fail` (throws ActorError `PENDING_FULL`).
   * Default `drop`.
   */
  readonly pendingFull?: PendingFullPolicy;
  /** Largest batch (one ring record) in bytes. Default 64 KiB. */
  readonly maxBatchBytes?: number;
  /** Most messages per batch the adaptive batcher may choose. Default 512. */
  readonly maxBatchMessages?: number;
  /** The batcher's latency target for a message waiting in a batch. Default 0.1 ms. */
  readonly batchLatencyMs?: number;
  /**
   * Efficiency mode: a busy pool worker wakes a sleeping main thread at most about once per
   * this many milliseconds; what it sends meanwhile waits, already in the main thread's ring,
   * and a worker that goes idle wakes it at once (see README, "Modes"). 0 wakes it for every
   * batch. Ignored in latency mode (always 0). Default 1.
   */
  readonly mainWakeLingerMs?: number;
  /**
   * Messages whose encoded frame is larger than this many bytes travel in a shared slab block
   * and the ring carries an 8-byte reference (see README, "Large messages"). An integer from 16
   * to `maxBatchBytes` - 24. Default 16 KiB.
   */
  readonly largeMessageBytes?: number;
  /**
   * The block classes for large messages, `{ blockSize, blockCount }` with power-of-two sizes
   * (64 B to 1 GiB, strictly increasing) and 1 to 65,535 blocks each; the largest block bounds
   * the largest message. Default 32 KiB x 128, 128 KiB x 32, 512 KiB x 16, 2 MiB x 4, 8 MiB x 1.
   * When none is free, the message waits (encoded, in the sender's heap) for a block, in order.
   */
  readonly largeMessageSlabs?: readonly SlabShape[];
  /** Start a new worker when one dies. Default true. */
  readonly restartWorkers?: boolean;
  /**
   * Liveness: a worker whose loop has made no step for this long is unresponsive (the
   * `worker-unresponsive` event, then `unresponsivePolicy`). Idle workers wake at least every
   * quarter of it, so a parked worker is never taken for a stuck one; a worker stuck in one
   * receive (an endless loop, a long `Atomics.wait`) is. Work that legitimately holds the loop
   * longer than this is indistinguishable from a stuck receive: set it above your longest step
   * (one dispatcher run: up to 64 actor turns of up to `throughput` messages each), with room
   * for a loaded machine. Infinity turns the watch off. Default 1000 ms; at least 20.
   */
  readonly unresponsiveMs?: number;
  /**
   * What the main thread does with an unresponsive worker: `terminate-and-restart` (the default
   * unless `restartWorkers` is false, then `terminate`) ends its thread with
   * `worker.terminate()`, fails the asks to its actors (`WORKER_DIED`), tells their watchers,
   * frees the large-message blocks its inbox held and counts what was lost, then starts a new
   * worker in its place; `terminate` does the same without the restart; `report-only` only
   * emits the event (once per silence). During `shutdown` an unresponsive worker is terminated
   * whatever the policy.
   */
  readonly unresponsivePolicy?: UnresponsivePolicy;
  /**
   * How long each of the three phases of `shutdown` (stopping the actors, handing on what waits,
   * draining the inboxes) waits for a worker's answer: a worker that has not answered by then is
   * terminated (what it held is lost, as at a death) and the other phases go on without it.
   * A stuck worker is terminated sooner, after `unresponsiveMs`. Default 10 s.
   */
  readonly shutdownTimeoutMs?: number;
  /**
   * Where failure lines go (see `ActorSystemOptions.logFailures`): the main thread's own, and
   * the workers', which they forward to the main thread (already rate-limited there), which
   * also emits them as `node-failure`. Default: stderr.
   */
  readonly logFailures?: FailureLogOption;
  /** Per-system options passed to every node. */
  readonly throughput?: number;
  readonly latencySampleEvery?: number;
  /** How long `spawn` waits for the worker's answer. Default 10 s. */
  readonly spawnTimeoutMs?: number;
  /** How to start a Worker (tests use it to run TypeScript). */
  readonly workerFactory?: WorkerFactory;
  /**
   * Each worker's V8 heap limits (Node's `Worker` `resourceLimits`). Actors spawned in a burst
   * that live a while are copied by every young-generation GC until they are promoted; a larger
   * young generation (`maxYoungGenerationSizeMb`) can spare them that, but moves the cost into
   * fewer, longer GCs: measure your workload (actor-core's `bench/young-generation.ts`;
   * BENCHMARKS.md has its figures). Default: Node's.
   */
  readonly resourceLimits?: ResourceLimits;
  /**
   * Joins the cluster to nodes of other processes (set by a network layer such as
   * `@zactor/remote`, which then drives it through `ActorCluster.gateway`). Needs `workers`.
   */
  readonly external?: ExternalNodes;
}

/**
 * The place of one ActorCluster among the processes of a larger cluster: its nodes take the
 * indices `base`..`base + workers` (pool workers first, the main thread last) of `nodeCount`,
 * so actor ids stay unique across processes. Batches for other indices go through `link` on
 * the main thread; pool workers relay theirs to the main thread (link/relay-link.ts).
 */
export interface ExternalNodes {
  /** The node id of pool worker 0. */
  readonly base: number;
  /** Node indices of the whole cluster (every process's), at most 256. */
  readonly nodeCount: number;
  /** The main thread's link to the nodes of other processes. */
  readonly link: NodeLink;
  /** Added to every node's generation base (a process restarted on the same indices makes new ids). */
  readonly generationOffset?: number;
}

/** What the main thread does with a worker whose loop stopped turning (see `unresponsiveMs`). */
export type UnresponsivePolicy = 'terminate-and-restart' | 'terminate' | 'report-only';

/** Options of `ActorCluster.spawn`. */
export interface ClusterSpawnOptions<A> extends RemoteSpawnOptions {
  /** Arguments for the kind's factory (structured-cloned to the worker). */
  readonly args?: A;
  /** A worker index, or `main` for the main thread. Default: the placement policy's choice. */
  readonly worker?: number | 'main';
}

/** `ringBytes` unless given: 1 MiB. */
export const DEFAULT_RING_BYTES = 1 << 20;
/** `maxBatchBytes` unless given: 64 KiB. */
export const DEFAULT_MAX_BATCH_BYTES = 1 << 16;
/** `spawnTimeoutMs` unless given (also the timeout of every other control request but shutdown). */
export const DEFAULT_SPAWN_TIMEOUT_MS = 10_000;
/** `unresponsiveMs` unless given. */
export const DEFAULT_UNRESPONSIVE_MS = 1000;
/** `shutdownTimeoutMs` unless given. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
