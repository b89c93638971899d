/**
 * An actor system across pinned worker threads. `ActorCluster.start` starts a scheduler-numa
 * WorkerPool whose workers load the cluster module (a `defineCluster` default export), runs a
 * ClusterNode on each worker and one on the main thread, and wires every node to every other
 * node's inbound MpscRing. Refs work from any thread: a tell to another worker is encoded,
 * batched per destination and published into that worker's ring.
 *
 * This file holds the facade; its parts are cluster-startup.ts (start-up), cluster-wiring.ts
 * (connecting the running parts), spawn-router.ts (placement and spawn requests),
 * control-channel.ts (postMessage requests and replies), metrics-merge.ts, worker-deaths.ts
 * (death and restart), liveness/ (stuck workers), pool/ (balancing pools), gateway/ (joining
 * other processes), cluster-shutdown.ts and main-pump.ts (the main inbox).
 *
 * Thread contract: an ActorCluster lives on the thread that started it (the main thread);
 * actors use their `ctx`/refs on their own workers.
 */
import { EventEmitter } from 'node:events';
import { MpscRing } from '@zactor/ringbuffer';
import type { Placement, WorkerPool } from '@zactor/scheduler-numa';
import type { ActorContext } from '../actor-context.js';
import type { ActorRef, AskOptions } from '../actor-ref.js';
import type { ActorSystem } from '../actor-system.js';
import { askOptionsOf } from '../asks.js';
import { ActorError } from '../errors.js';
import { writeStderr } from '../failure-log.js';
import { AllocationCounter } from './allocation-counter.js';
import type { KindsOf } from './cluster-definition.js';
import type { ClusterEvents } from './cluster-events.js';
import { type ClusterHandle, registerClusterHandle, spawnOptionsOf } from './cluster-handle.js';
import {
  type ActorClusterOptions,
  type ClusterMode,
  DEFAULT_MAX_BATCH_BYTES,
  DEFAULT_RING_BYTES,
  DEFAULT_SPAWN_TIMEOUT_MS,
  type UnresponsivePolicy,
} from './cluster-options.js';
import { shutdownCluster, shutdownTimeoutOf } from './cluster-shutdown.js';
import { type AnyClusterDefinition, loadClusterDefinition, startNodes } from './cluster-startup.js';
import type {
  ActorKinds,
  KindMessage,
  KindName,
  KindPoolOptions,
  KindSpawnOptions,
} from './cluster-types.js';
import { type RunningCluster, wireCluster } from './cluster-wiring.js';
import type { ClusterGateway } from './gateway/cluster-gateway.js';
import type { SlabLargeMessageStore } from './large/large-message.js';
import { createLargeMessageStore } from './large/large-message-options.js';
import { type LivenessTiming, livenessTiming } from './liveness/liveness-monitor.js';
import { unresponsivePolicyOf } from './liveness/unresponsive-workers.js';
import type { ClusterMetrics } from './metrics-merge.js';
import type { ClusterNode } from './node/cluster-node.js';
import { failureEntry, type NodeNotice, ringCorruptInfo } from './node-notices.js';
import type { SpawnPoolOptions } from './pool/pool-options.js';
import { spawnChild } from './spawn-child.js';
import { placementOf } from './spawn-router.js';

export type {
  ClusterEvents,
  LostInbox,
  NodeFailureInfo,
  RingCorruptInfo,
  WorkerDiedInfo,
  WorkerUnresponsiveInfo,
} from './cluster-events.js';
export type {
  ActorClusterOptions,
  ClusterMode,
  ClusterSpawnOptions,
  ExternalNodes,
  PlacementPolicy,
  UnresponsivePolicy,
} from './cluster-options.js';
export type { ClusterMetrics, ClusterNodeMetrics } from './metrics-merge.js';

/**
 * `K`: the cluster definition's kinds, which type `spawn` (see ClusterHandle). Name the module's
 * type when starting: `ActorCluster.start<typeof definition>(...)` with
 * `import type definition from './actors.js'` (a type-only import loads nothing).
 */
export class ActorCluster<K extends ActorKinds = ActorKinds>
  extends EventEmitter<ClusterEvents>
  implements ClusterHandle<K>
{
  /**
   * Starts the workers and the main node. Resolves once every worker is ready.
   * Throws ActorError `INVALID_MODULE` when the module's default export is not a cluster.
   * `D` is the type of that default export (`typeof definition`); the module itself is loaded
   * from `options.module` only.
   */
  static async start<D extends AnyClusterDefinition = AnyClusterDefinition>(
    options: ActorClusterOptions,
  ): Promise<ActorCluster<KindsOf<D>>> {
    const { url, definition } = await loadClusterDefinition(options.module);
    const cluster = new ActorCluster<KindsOf<D>>(options, definition);
    await cluster.begin(url);
    return cluster;
  }

  readonly definition: AnyClusterDefinition;
  readonly mode: ClusterMode;
  /** Set once the workers run. */
  workerCount = 0;
  private pool: WorkerPool | undefined;
  private running: RunningCluster | undefined;
  private readonly mainRing: MpscRing;
  /** The large-message blocks every node shares. */
  readonly largeMessages: SlabLargeMessageStore;
  private readonly options: ActorClusterOptions;
  /** The main thread's allocation counter (workers keep their own). */
  private readonly allocation = new AllocationCounter();
  /** The liveness watch's timing (checked before any worker starts). */
  private readonly liveness: LivenessTiming;
  private readonly unresponsivePolicy: UnresponsivePolicy;
  private readonly shutdownTimeoutMs: number;
  /** The placement of spawns that name no worker (checked before any worker starts). */
  private readonly placement: Placement;
  private closing = false;
  private shutdownPromise: Promise<void> | undefined;

  private constructor(options: ActorClusterOptions, definition: AnyClusterDefinition) {
    super();
    this.options = options;
    this.definition = definition;
    this.mode = options.mode ?? 'efficiency';
    this.liveness = livenessTiming(options.unresponsiveMs);
    this.unresponsivePolicy = unresponsivePolicyOf(options);
    this.shutdownTimeoutMs = shutdownTimeoutOf(options);
    this.placement = placementOf(options.placement);
    this.mainRing = MpscRing.create({ capacityBytes: options.ringBytes ?? DEFAULT_RING_BYTES });
    this.largeMessages = createLargeMessageStore(
      options.largeMessageBytes,
      options.largeMessageSlabs,
      options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES,
    );
  }

  /**
   * An event from the cluster's own machinery (a worker's death, a corrupt ring, ...): each
   * listener is called on its own, and one that throws is reported on stderr; the listeners
   * after it still get the event, and what emitted it (a restart, the main pump's drain) goes on.
   */
  private emitSafely(event: string, args: unknown[]): void {
    for (const listener of this.rawListeners(event)) {
      try {
        (listener as (...values: unknown[]) => unknown).apply(this, args);
      } catch (error) {
        console.error(
          `@zactor/actor-core/ActorCluster: a '${event}' listener threw; the cluster carries on:`,
          error,
        );
      }
    }
  }

  /** Starts the pool and the main node, then wires the parts that run the cluster. */
  private async begin(moduleUrl: string): Promise<void> {
    const o = this.options;
    const { pool, node, workerCount, nodeStates } = await startNodes({
      moduleUrl,
      options: o,
      mode: this.mode,
      definition: this.definition,
      mainRing: this.mainRing,
      largeMessages: this.largeMessages,
      parkTimeoutMs: this.liveness.checkEveryMs,
      onCorrupt: (report) =>
        this.emitSafely('ring-corrupt', [
          ringCorruptInfo({ ...report, message: report.error.message }),
        ]),
    });
    this.pool = pool;
    this.workerCount = workerCount;
    const running = wireCluster({
      pool,
      node,
      workerCount,
      nodeStates,
      options: o,
      placement: this.placement,
      liveness: this.liveness,
      unresponsivePolicy: this.unresponsivePolicy,
      mainRing: this.mainRing,
      mode: this.mode,
      largeMessages: this.largeMessages,
      allocation: this.allocation,
      isClosing: () => this.closing,
      emit: (event, ...args) => this.emitSafely(event, args),
      noticed: (notice) => this.noticed(notice),
    });
    this.running = running;
    registerClusterHandle(node.system, this);
    running.start();
  }

  /** A worker's notice: its first bad record, or a line of its failure log. */
  private noticed(notice: NodeNotice): void {
    if (notice.kind === 'inbound-corrupt') {
      this.emitSafely('ring-corrupt', [ringCorruptInfo(notice)]);
      return;
    }
    const entry = failureEntry(notice);
    const sink = this.options.logFailures;
    if (sink !== false) (sink ?? writeStderr)(entry);
    this.emitSafely('node-failure', [{ node: notice.node, entry }]);
  }

  /** The main thread's actor system (actors spawned with `worker: 'main'` live here). */
  get system(): ActorSystem {
    return this.mainNode.system;
  }

  /** The main thread's node id (the last one: pool workers come first). */
  get nodeId(): number {
    return this.mainNode.nodeId;
  }

  /** @internal The main thread's node (the soak and the tests read its counters). */
  get mainNode(): ClusterNode {
    return this.started().node;
  }

  /**
   * The gateway to the nodes of other processes (cluster-gateway.ts), for the network layer
   * that started this cluster with `external`. Throws ActorError `NOT_JOINED` without it.
   */
  get gateway(): ClusterGateway {
    const gateway = this.started().gateway;
    if (gateway !== undefined) return gateway;
    throw new ActorError('ActorCluster.gateway', 'NOT_JOINED', 'started without `external`');
  }

  /** Bytes the main thread's node holds in its overflow queues (see ClusterHandle). */
  pendingBytes(node?: number): number {
    return this.started().node.pendingBytes(node);
  }

  /** Resolves once nothing the main thread sent waits in an overflow (see ClusterHandle). */
  drained(): Promise<void> {
    return this.started().node.drained();
  }

  /** The ref for an actor id from any node. */
  refOf<M = unknown>(id: number): ActorRef<M> {
    return this.mainNode.refOf(id) as ActorRef<M>;
  }

  /**
   * Spawns one actor of `kind` on a worker (the placement policy's choice unless `worker` is
   * given) and resolves with its ref. Rejects with ActorError `UNKNOWN_KIND`, `NOT_RUNNING`,
   * `WORKER_DEAD` or `SPAWN_TIMEOUT`.
   */
  async spawn<N extends KindName<K>>(
    kind: N,
    ...options: KindSpawnOptions<K[N]>
  ): Promise<ActorRef<KindMessage<K[N]>>> {
    const [ref] = await this.started().router.spawn(kind, 1, spawnOptionsOf(options), undefined);
    return ref as ActorRef<KindMessage<K[N]>>;
  }

  /** Spawns `count` actors of `kind` on one worker with one round trip. */
  async spawnMany<N extends KindName<K>>(
    kind: N,
    count: number,
    ...options: KindSpawnOptions<K[N]>
  ): Promise<ActorRef<KindMessage<K[N]>>[]> {
    const refs = await this.started().router.spawn(kind, count, spawnOptionsOf(options), undefined);
    return refs as ActorRef<KindMessage<K[N]>>[];
  }

  /**
   * Spawns a balancing pool: routees of `kind` on the workers (`instances`: one per worker, or
   * `n` spread in turn) that share one queue in shared memory; messages sent to the returned ref
   * go to whichever routee is idle next, and replies go to the original sender (see README,
   * "Balancing pools"). Rejects with ActorError `UNKNOWN_KIND`, `INVALID_OPTION`, `NOT_RUNNING`,
   * `WORKER_DEAD` or `SPAWN_TIMEOUT`.
   */
  spawnPool<N extends KindName<K>>(
    kind: N,
    ...options: KindPoolOptions<K[N]>
  ): Promise<ActorRef<KindMessage<K[N]>>>;
  /**
   * The same on a cluster started without its definition's type (`ActorKinds`): any kind name,
   * the message type `M` and args type `A` as the caller states them. Not offered by a typed
   * cluster (its `kind` is `never` here), so an undeclared kind stays a compile error there.
   */
  spawnPool<M = unknown, A = unknown>(
    kind: string extends KindName<K> ? string : never,
    options?: SpawnPoolOptions<A>,
  ): Promise<ActorRef<M>>;
  spawnPool(kind: string, options: SpawnPoolOptions<unknown> = {}): Promise<ActorRef<unknown>> {
    return this.started().pools.spawn<unknown, unknown>(kind, options);
  }

  /** See `ClusterHandle.spawnChild`: a child of an actor of the main thread. */
  spawnChild<N extends KindName<K>>(
    // biome-ignore lint/suspicious/noExplicitAny: a parent of any message type.
    parent: ActorContext<any>,
    kind: N,
    ...options: KindSpawnOptions<K[N]>
  ): Promise<ActorRef<KindMessage<K[N]>>> {
    const { node, router } = this.started();
    return spawnChild<KindMessage<K[N]>, unknown>(
      node,
      parent,
      kind,
      spawnOptionsOf(options),
      this.options.spawnTimeoutMs ?? DEFAULT_SPAWN_TIMEOUT_MS,
      (k, args, worker, spawnOptions, from) =>
        router
          .spawn(k, 1, { ...spawnOptions, args, ...(worker === undefined ? {} : { worker }) }, from)
          .then((refs) => refs.map((r) => r.id)),
      this.closing,
    );
  }

  /** Sends `message` to `ref` from outside any actor (no sender). */
  tell<M>(ref: ActorRef<M>, message: M): boolean {
    return ref.tell(message);
  }

  /** Asks `ref` from the main thread; the same options as `ref.ask` (`timeoutMs`, `signal`). */
  ask<M, R = unknown>(ref: ActorRef<M>, message: M, options?: AskOptions): Promise<R>;
  /** @deprecated Pass `{ timeoutMs }`: a number as the third argument goes in the next release. */
  ask<M, R = unknown>(ref: ActorRef<M>, message: M, timeoutMs: number): Promise<R>;
  ask<M, R = unknown>(ref: ActorRef<M>, message: M, options?: AskOptions | number): Promise<R> {
    return this.mainNode.system.ask<M, R>(ref, message, askOptionsOf(options));
  }

  /**
   * Metrics of every node: per-node counters, msg/s since the previous call, pool metrics
   * (event-loop utilisation, parks, wakes), ring occupancy, and the merged latency histogram.
   */
  async metrics(): Promise<ClusterMetrics> {
    return this.started().metrics.collect();
  }

  /** Kills worker `worker` (for fault tests): it dies as if it crashed. */
  async kill(worker: number): Promise<void> {
    await this.pool?.worker(worker)?.terminate();
  }

  /**
   * Stops every actor on every node (postStop runs; queued messages become dead letters), then
   * ends the workers and the main pump (see cluster-shutdown.ts). Each phase waits at most
   * `shutdownTimeoutMs` for a worker, and a stuck one is terminated after `unresponsiveMs`.
   * Idempotent.
   */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.stopAll();
    return this.shutdownPromise;
  }

  private stopAll(): Promise<void> {
    this.closing = true;
    const { node, channel, pump, monitor, deaths, pools } = this.started();
    const timeoutMs = this.shutdownTimeoutMs;
    const [pool, allocation] = [this.pool!, this.allocation];
    pools.close();
    return shutdownCluster({
      pool,
      node,
      channel,
      pump,
      monitor,
      deaths,
      allocation,
      timeoutMs,
    }).then(() => void pools.deadLetterRest());
  }

  /** The running parts; throws ActorError `NOT_STARTED` before `start` has finished. */
  private started(): RunningCluster {
    if (this.running === undefined) {
      throw new ActorError('ActorCluster', 'NOT_STARTED', 'the cluster has not started');
    }
    return this.running;
  }
}
