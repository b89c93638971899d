/**
 * An actor system across pinned worker threads. `ActorCluster.start` starts a scheduler-numa
 * WorkerPool whose workers load the cluster module (a `defineCluster` default export), runs a
 * ClusterNode on each worker and one on the main thread, and wires every node to every other
 * node's inbound MpscRing. Refs work from any thread: a tell to another worker is encoded,
 * batched per destination and published into that worker's ring.
 *
 * Thread contract: an ActorCluster lives on the thread that started it (the main thread);
 * actors use their `ctx`/refs on their own workers.
 */
import { EventEmitter } from 'node:events';
import { getHeapStatistics } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import type { SlabShape } from '@zactor/mempool';
import { AsyncParkWaitStrategy, MpscRing } from '@zactor/ringbuffer';
import {
  LeastLoadedPlacement,
  NumaLocalPlacement,
  type Placement,
  RoundRobinPlacement,
  type WorkerFactory,
  type WorkerMetrics,
  WorkerPool,
} from '@zactor/scheduler-numa';
import { build, decodeFromCompressedBase64, type Histogram } from 'hdr-histogram-js';
import type { ActorContext } from '../actor-context.js';
import type { ActorRef } from '../actor-ref.js';
import type { ActorSystem } from '../actor-system.js';
import { ActorError, withoutPrefix } from '../errors.js';
import type { LatencySnapshot, MetricsSnapshot } from '../metrics.js';
import { AllocationCounter } from './allocation-counter.js';
import { type ClusterDefinition, clusterNodeOptions } from './cluster-definition.js';
import {
  type ClusterHandle,
  checkSpawnCount,
  registerClusterHandle,
  type SpawnRequest,
  type SpawnResult,
} from './cluster-handle.js';
import type {
  ClusterBootData,
  ControlReply,
  ControlRequest,
  NodeMetrics,
  RemoteSpawnOptions,
} from './cluster-protocol.js';
import type { LargeMessageStore } from './large/large-message.js';
import { createLargeMessageStore } from './large/large-message-options.js';
import {
  type ActorKind,
  ClusterNode,
  type NodeCounters,
  type RingFullPolicy,
} from './node/cluster-node.js';
import { PendingRequests } from './pending-requests.js';
import { spawnChild } from './spawn-child.js';
import type { ChildParent } from './supervision/child-spawn-table.js';

/** `latency`: idle workers spin long before parking; `efficiency`: they park almost at once. */
export type ClusterMode = 'latency' | 'efficiency';

/** Where `spawn` puts an actor when no worker is named. */
export type PlacementPolicy = 'round-robin' | 'least-loaded' | 'numa-local';

export interface ActorClusterOptions {
  /** The cluster module (its default export is `defineCluster(...)`), as a URL or path. */
  readonly module: URL | string;
  /** Pool workers. Default: one per usable cpu. */
  readonly workers?: number;
  /** Default `efficiency`. */
  readonly mode?: ClusterMode;
  /** Default `round-robin`. */
  readonly placement?: PlacementPolicy;
  /** Pin each worker to its cpu (Linux). Default true. */
  readonly pin?: boolean;
  /** Bytes of each inbound ring (a power of two). Default 1 MiB. */
  readonly ringBytes?: number;
  /** What a tell does when the destination ring stays full. Default `wait`. */
  readonly ringFull?: RingFullPolicy;
  /** How long `wait` spins before the message becomes a dead letter. Default 50 ms. */
  readonly ringWaitMs?: number;
  /** Largest batch (one ring record) in bytes. Default 64 KiB. */
  readonly maxBatchBytes?: number;
  /** Most messages per batch the adaptive batcher may choose. Default 512. */
  readonly maxBatchMessages?: number;
  /** The batcher's latency target for a message waiting in a batch. Default 0.1 ms. */
  readonly batchLatencyMs?: number;
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
   * When none is free, a tell follows `ringFull` (waiting up to `ringWaitMs` for `wait`).
   */
  readonly largeMessageSlabs?: readonly SlabShape[];
  /** Start a new worker when one dies. Default true. */
  readonly restartWorkers?: boolean;
  /** Per-system options passed to every node. */
  readonly throughput?: number;
  readonly latencySampleEvery?: number;
  /** How long `spawn` waits for the worker's answer. Default 10 s. */
  readonly spawnTimeoutMs?: number;
  /** How to start a Worker (tests use it to run TypeScript). */
  readonly workerFactory?: WorkerFactory;
}

/** Options of `ActorCluster.spawn`. */
export interface ClusterSpawnOptions<A> extends RemoteSpawnOptions {
  /** Arguments for the kind's factory (structured-cloned to the worker). */
  readonly args?: A;
  /** A worker index, or `main` for the main thread. Default: the placement policy's choice. */
  readonly worker?: number | 'main';
}

export interface WorkerDiedInfo {
  readonly worker: number;
  readonly code: number;
  readonly error: Error | undefined;
  /** Whether a new worker took its place. */
  readonly restarted: boolean;
}

/** A node's inbound ring holds words no writer could have written: it drains nothing more. */
export interface RingCorruptInfo {
  /** The node whose inbox it is (a worker index, or the main thread's node id). */
  readonly node: number;
  readonly error: Error;
}

export interface ClusterEvents {
  'worker-died': [WorkerDiedInfo];
  /**
   * Reported once per ring. Messages to that node then wait for room and follow `ringFull`
   * (dead letters with `ring-full`, or `RING_FULL`); a restart of the worker does not repair
   * the ring (producers may still be writing to it).
   */
  'ring-corrupt': [RingCorruptInfo];
}

/** One worker's (or the main thread's) metrics, merged from its node and its pool slot. */
export interface ClusterNodeMetrics {
  readonly node: number;
  readonly system: MetricsSnapshot;
  readonly counters: NodeCounters;
  /** Messages processed per second since the previous `metrics()` call (or since start). */
  readonly messagesPerSecond: number;
  readonly heapUsedBytes: number;
  /** Heap growth per second since the previous call (what survived; see allocation below). */
  readonly heapGrowthBytesPerSecond: number;
  /** Bytes allocated on the node's heap since it started (V8 GC statistics; see AllocationCounter). */
  readonly allocatedBytes: number;
  /** Allocation rate since the previous `metrics()` call (or since start), bytes/s. */
  readonly allocatedBytesPerSecond: number;
  /** Pool metrics (event-loop utilisation, parks, wakes); undefined for the main thread. */
  readonly pool: WorkerMetrics | undefined;
  /** Bytes waiting in this node's inbound ring, and its capacity. */
  readonly ringUsedBytes: number;
  readonly ringCapacityBytes: number;
}

export interface ClusterMetrics {
  readonly nodes: readonly ClusterNodeMetrics[];
  readonly total: {
    readonly messagesProcessed: number;
    readonly messagesPerSecond: number;
    readonly deadLetters: number;
    readonly failures: number;
    readonly restarts: number;
    readonly actorsAlive: number;
    readonly workerDeaths: number;
    /** Tell -> receive latency over every node (merged HDR histograms), in ns. */
    readonly latencyNs: LatencySnapshot;
  };
}

interface RateSample {
  at: number;
  processed: number;
  heap: number;
  allocated: number;
}

const SPIN_LATENCY = 200_000;
const SPIN_EFFICIENCY = 16;

export class ActorCluster extends EventEmitter<ClusterEvents> implements ClusterHandle {
  /**
   * Starts the workers and the main node. Resolves once every worker is ready.
   * Throws ActorError `INVALID_MODULE` when the module's default export is not a cluster.
   */
  static async start<K extends Readonly<Record<string, ActorKind>>>(
    options: ActorClusterOptions,
  ): Promise<ActorCluster & { readonly definition: ClusterDefinition<K> }> {
    const url =
      options.module instanceof URL
        ? options.module.href
        : /^[a-z]+:/i.test(options.module)
          ? options.module
          : new URL(options.module, `file://${process.cwd()}/`).href;
    const imported = (await import(url)) as { default?: ClusterDefinition<K> };
    const definition = imported.default;
    if (definition === undefined || typeof definition !== 'object' || !('spec' in definition)) {
      throw new ActorError(
        'ActorCluster.start',
        'INVALID_MODULE',
        `${url} has no default export made with defineCluster(...)`,
      );
    }
    const cluster = new ActorCluster(options, definition);
    await cluster.begin(url);
    return cluster as ActorCluster & { readonly definition: ClusterDefinition<K> };
  }

  readonly definition: ClusterDefinition<Readonly<Record<string, ActorKind>>>;
  readonly mode: ClusterMode;
  /** Set once the workers run. */
  workerCount = 0;
  private pool: WorkerPool | undefined;
  private node: ClusterNode | undefined;
  private readonly mainRing: MpscRing;
  /** The large-message blocks every node shares. */
  readonly largeMessages: LargeMessageStore;
  private readonly options: ActorClusterOptions;
  private readonly placement: Placement;
  private readonly pending = new PendingRequests<ControlReply>();
  private readonly samples = new Map<number, RateSample>();
  /** The main thread's allocation counter (workers keep their own). */
  private readonly allocation = new AllocationCounter();
  private readonly listening = new WeakSet<Worker>();
  private closing = false;
  private pumpStopped = false;
  private pumpDone: Promise<void> = Promise.resolve();
  private shutdownPromise: Promise<void> | undefined;
  private deaths = 0;

  private constructor(
    options: ActorClusterOptions,
    definition: ClusterDefinition<Readonly<Record<string, ActorKind>>>,
  ) {
    super();
    this.options = options;
    this.definition = definition;
    this.mode = options.mode ?? 'efficiency';
    this.mainRing = MpscRing.create({ capacityBytes: options.ringBytes ?? 1 << 20 });
    this.largeMessages = createLargeMessageStore(
      options.largeMessageBytes,
      options.largeMessageSlabs,
      options.maxBatchBytes ?? 1 << 16,
    );
    const policy = options.placement ?? 'round-robin';
    this.placement =
      policy === 'least-loaded'
        ? new LeastLoadedPlacement()
        : policy === 'numa-local'
          ? new NumaLocalPlacement()
          : new RoundRobinPlacement();
  }

  private async begin(moduleUrl: string): Promise<void> {
    const o = this.options;
    const workers = o.workers;
    const boot: Omit<ClusterBootData, 'nodeCount'> = {
      zactorCluster: 1,
      mainRing: this.mainRing.buffer,
      ringFull: o.ringFull ?? 'wait',
      ringWaitMs: o.ringWaitMs ?? 50,
      maxBatchBytes: o.maxBatchBytes ?? 1 << 16,
      maxBatchMessages: o.maxBatchMessages ?? 512,
      batchLatencyMs: o.batchLatencyMs ?? 0.1,
      throughput: o.throughput,
      latencySampleEvery: o.latencySampleEvery,
      spawnTimeoutMs: o.spawnTimeoutMs ?? 10_000,
      largeBlocks: this.largeMessages.buffer,
      largeMessageBytes: this.largeMessages.thresholdBytes,
    };
    // The worker count must be known for nodeCount: resolve the default the pool would use.
    const { readTopology } = await import('@zactor/scheduler-numa');
    const count = workers ?? readTopology().allowedCpus.length;
    const data: ClusterBootData = { ...boot, nodeCount: count + 1 };
    const pool = await WorkerPool.start({
      module: moduleUrl,
      workers: count,
      pin: o.pin ?? true,
      stealing: false,
      inboundRingBytes: o.ringBytes ?? 1 << 20,
      workerData: data,
      spinBeforePark: this.mode === 'latency' ? SPIN_LATENCY : SPIN_EFFICIENCY,
      ...(o.workerFactory === undefined ? {} : { workerFactory: o.workerFactory }),
    });
    this.pool = pool;
    this.workerCount = count;
    const main = count;
    this.node = new ClusterNode(
      clusterNodeOptions(
        this.definition.spec,
        data,
        main,
        {
          ring: (i) => (i === main ? this.mainRing : pool.inbound(i)),
          wake: (i) => {
            if (i !== main) pool.wake(i);
          },
        },
        this.largeMessages,
        { name: 'zactor-main' },
      ),
    );
    registerClusterHandle(this.node.system, this);
    for (let i = 0; i < count; i++) this.listen(i);
    pool.on('worker-died', (event) => {
      void this.onWorkerDied(event.workerIndex, event.code, event.error);
    });
    pool.on('ring-corrupt', (event) => {
      this.emit('ring-corrupt', { node: event.workerIndex, error: event.error });
    });
    this.pumpDone = this.pump();
  }

  /** The main thread's actor system (actors spawned with `worker: 'main'` live here). */
  get system(): ActorSystem {
    return this.mainNode.system;
  }

  /** The main thread's node id (the last one: pool workers come first). */
  get nodeId(): number {
    return this.mainNode.nodeId;
  }

  /** The main thread's node. */
  get mainNode(): ClusterNode {
    if (this.node === undefined) {
      throw new ActorError('ActorCluster', 'NOT_STARTED', 'the cluster has not started');
    }
    return this.node;
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
  async spawn<M = unknown, A = unknown>(
    kind: string,
    options: ClusterSpawnOptions<A> = {},
  ): Promise<ActorRef<M>> {
    const [ref] = await this.spawnMany<M, A>(kind, 1, options);
    return ref!;
  }

  /** Spawns `count` actors of `kind` on one worker with one round trip. */
  spawnMany<M = unknown, A = unknown>(
    kind: string,
    count: number,
    options: ClusterSpawnOptions<A> = {},
  ): Promise<ActorRef<M>[]> {
    return this.spawnOn<M, A>(kind, count, options, undefined);
  }

  /** See `ClusterHandle.spawnChild`: a child of an actor of the main thread. */
  spawnChild<M = unknown, A = unknown>(
    // biome-ignore lint/suspicious/noExplicitAny: a parent of any message type.
    parent: ActorContext<any>,
    kind: string,
    options: ClusterSpawnOptions<A> = {},
  ): Promise<ActorRef<M>> {
    return spawnChild<M, A>(
      this.mainNode,
      parent,
      kind,
      options,
      this.options.spawnTimeoutMs ?? 10_000,
      (k, args, worker, spawnOptions, from) =>
        this.spawnOn(
          k,
          1,
          { ...spawnOptions, args, ...(worker === undefined ? {} : { worker }) },
          from,
        ).then((refs) => refs.map((r) => r.id)),
      this.closing,
    );
  }

  /** Spawns `count` actors, or with `parent` one child of that actor of another node. */
  private async spawnOn<M, A>(
    kind: string,
    count: number,
    options: ClusterSpawnOptions<A>,
    parent: ChildParent | undefined,
  ): Promise<ActorRef<M>[]> {
    checkSpawnCount('ActorCluster.spawn', count);
    if (this.closing) {
      throw new ActorError('ActorCluster.spawn', 'NOT_RUNNING', 'the cluster is shutting down');
    }
    const pool = this.pool!;
    const { args, worker: chosen, ...spawnOptions } = options;
    if (chosen === 'main') {
      const ids = this.mainNode.spawnLocal(kind, args, count, spawnOptions, parent);
      return ids.map((id) => this.refOf<M>(id));
    }
    const worker = chosen ?? this.placement.place(pool);
    if (!(Number.isInteger(worker) && worker >= 0 && worker < this.workerCount)) {
      throw new ActorError(
        'ActorCluster.spawn',
        'INVALID_OPTION',
        `worker (${worker}) must be 'main' or an integer from 0 to ${this.workerCount - 1}`,
      );
    }
    if (!pool.isAlive(worker)) {
      throw new ActorError('ActorCluster.spawn', 'WORKER_DEAD', `worker ${worker} is not running`);
    }
    const answer = await this.request(worker, (req) => ({
      zactor: 'spawn',
      req,
      kind,
      args,
      count,
      options: spawnOptions,
      parent,
    }));
    if (answer.zactor === 'failed') {
      throw new ActorError('ActorCluster.spawn', answer.code, withoutPrefix(answer.message));
    }
    if (answer.zactor !== 'spawned')
      throw new ActorError('ActorCluster.spawn', 'PROTOCOL', 'unexpected answer');
    return answer.ids.map((id) => this.refOf<M>(id));
  }

  /** Sends `message` to `ref` from outside any actor (no sender). */
  tell<M>(ref: ActorRef<M>, message: M): boolean {
    return ref.tell(message);
  }

  /** Asks `ref` from the main thread. */
  ask<M, R>(ref: ActorRef<M>, message: M, timeoutMs?: number): Promise<R> {
    return this.mainNode.system.ask<M, R>(
      ref,
      message,
      timeoutMs === undefined ? {} : { timeoutMs },
    );
  }

  /**
   * Metrics of every node: per-node counters, msg/s since the previous call, pool metrics
   * (event-loop utilisation, parks, wakes), ring occupancy, and the merged latency histogram.
   */
  async metrics(): Promise<ClusterMetrics> {
    const pool = this.pool!;
    const main = this.mainNode;
    const replies: NodeMetrics[] = [];
    const asks: Promise<void>[] = [];
    for (let i = 0; i < this.workerCount; i++) {
      if (!pool.isAlive(i)) continue;
      asks.push(
        this.request(i, (req) => ({ zactor: 'metrics', req })).then(
          (answer) => {
            if (answer.zactor === 'metrics') replies.push(answer.metrics);
          },
          () => {},
        ),
      );
    }
    await Promise.all(asks);
    main.flush();
    replies.push({
      node: main.nodeId,
      system: main.system.metrics.snapshot(),
      counters: main.counters(),
      latency: '',
      heapUsedBytes: getHeapStatistics().used_heap_size,
      allocatedBytes: this.allocation.read(),
      uptimeMs: performance.now(),
    });
    replies.sort((a, b) => a.node - b.node);
    let merged: Histogram | undefined;
    const now = performance.now();
    const nodes: ClusterNodeMetrics[] = replies.map((r) => {
      const histogram =
        r.node === main.nodeId
          ? main.system.metrics.latency
          : decodeFromCompressedBase64(r.latency);
      if (merged === undefined)
        merged = build({
          lowestDiscernibleValue: 1,
          highestTrackableValue: 3_600_000_000_000,
          numberOfSignificantValueDigits: 3,
        });
      merged.add(histogram);
      if (r.node !== main.nodeId) histogram.destroy();
      const previous = this.samples.get(r.node);
      const processed = r.system.messagesProcessed;
      const seconds = previous === undefined ? r.uptimeMs / 1000 : (now - previous.at) / 1000;
      const rate = seconds > 0 ? (processed - (previous?.processed ?? 0)) / seconds : 0;
      const growth =
        seconds > 0
          ? Math.max(0, r.heapUsedBytes - (previous?.heap ?? r.heapUsedBytes)) / seconds
          : 0;
      const allocationRate =
        seconds > 0 ? Math.max(0, r.allocatedBytes - (previous?.allocated ?? 0)) / seconds : 0;
      this.samples.set(r.node, {
        at: now,
        processed,
        heap: r.heapUsedBytes,
        allocated: r.allocatedBytes,
      });
      const ring = r.node === main.nodeId ? this.mainRing : pool.inbound(r.node);
      return {
        node: r.node,
        system: r.system,
        counters: r.counters,
        messagesPerSecond: Math.max(0, rate),
        heapUsedBytes: r.heapUsedBytes,
        heapGrowthBytesPerSecond: growth,
        allocatedBytes: r.allocatedBytes,
        allocatedBytesPerSecond: allocationRate,
        pool: r.node === main.nodeId ? undefined : pool.metrics(r.node),
        ringUsedBytes: ring === undefined ? 0 : (ring as MpscRing).usedBytes,
        ringCapacityBytes: ring === undefined ? 0 : ring.bytes.length,
      };
    });
    const h = merged!;
    const latencyNs: LatencySnapshot = {
      count: h.totalCount,
      p50: h.getValueAtPercentile(50),
      p95: h.getValueAtPercentile(95),
      p99: h.getValueAtPercentile(99),
      p999: h.getValueAtPercentile(99.9),
      max: h.maxValue,
    };
    h.destroy();
    const sum = (f: (n: ClusterNodeMetrics) => number) => nodes.reduce((s, n) => s + f(n), 0);
    return {
      nodes,
      total: {
        messagesProcessed: sum((n) => n.system.messagesProcessed),
        messagesPerSecond: sum((n) => n.messagesPerSecond),
        deadLetters: sum((n) => n.system.deadLetters),
        failures: sum((n) => n.system.failures),
        restarts: sum((n) => n.system.restarts),
        actorsAlive: sum((n) => n.system.actorsAlive),
        workerDeaths: this.deaths,
        latencyNs,
      },
    };
  }

  /** Kills worker `worker` (for fault tests): it dies as if it crashed. */
  async kill(worker: number): Promise<void> {
    await this.pool?.worker(worker)?.terminate();
  }

  /**
   * Stops every actor on every node (postStop runs; queued messages become dead letters), then
   * ends the workers and the main pump. Idempotent.
   */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.stopAll();
    return this.shutdownPromise;
  }

  private async stopAll(): Promise<void> {
    this.closing = true;
    const pool = this.pool!;
    const main = this.mainNode;
    main.flush();
    const stops: Promise<unknown>[] = [];
    for (let i = 0; i < this.workerCount; i++) {
      if (pool.isAlive(i)) {
        stops.push(this.request(i, (req) => ({ zactor: 'shutdown', req }), 30_000).catch(() => {}));
      }
    }
    await Promise.all(stops);
    main.childSpawns.failAll();
    await main.system.shutdown();
    await pool.shutdown({ drain: false, timeoutMs: 5000 });
    this.pumpStopped = true;
    this.mainRing.wakeSignal.notifyIfParked();
    await this.pumpDone;
    // Whatever arrived meanwhile is dead-lettered by the stopped system.
    main.drain(this.mainRing, Number.POSITIVE_INFINITY);
    this.pending.failAll(
      () => new ActorError('ActorCluster', 'NOT_RUNNING', 'the cluster shut down'),
    );
    this.allocation.close();
  }

  // ---- internals ----------------------------------------------------------------------------

  /** Drains the main thread's ring; parks on it (Atomics.waitAsync) while it is empty. */
  private async pump(): Promise<void> {
    const node = this.mainNode;
    const ring = this.mainRing;
    const wait = new AsyncParkWaitStrategy({ spins: this.mode === 'latency' ? 4096 : 64 });
    let corruptionReported = false;
    while (!this.pumpStopped) {
      if (node.drain(ring, 1024) > 0) {
        // Let the dispatcher's microtasks and the event loop run between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      const corruption = corruptionReported ? undefined : ring.corruption();
      if (corruption !== undefined) {
        corruptionReported = true;
        this.emit('ring-corrupt', {
          node: node.nodeId,
          error: new ActorError(
            'ActorCluster',
            'RING_CORRUPT',
            `the main thread's inbound ring is corrupt and drains nothing more: ${corruption.message}`,
          ),
        });
      }
      await wait.waitForAsync(ring, 100);
    }
  }

  private listen(worker: number): void {
    const w = this.pool?.worker(worker);
    if (w === undefined || this.listening.has(w)) return;
    this.listening.add(w);
    w.on('message', (message: ControlReply) => {
      if (message === null || typeof message !== 'object' || !('zactor' in message)) return;
      if (message.zactor === 'spawn-request') {
        this.spawnFor(w, message);
        return;
      }
      this.pending.answer(message.req, message);
    });
  }

  /** A worker's actor asked to spawn (`clusterOf(system).spawn` there): do it, answer it. */
  private spawnFor(w: Worker, request: SpawnRequest): void {
    const answer = (result: SpawnResult) => {
      if (!this.closing) w.postMessage(result);
    };
    const options = {
      ...request.options,
      args: request.args,
      ...(request.worker === undefined ? {} : { worker: request.worker }),
    };
    this.spawnOn(request.kind, request.count, options, request.parent).then(
      (refs) => answer({ zactor: 'spawn-result', req: request.req, ids: refs.map((r) => r.id) }),
      (error: unknown) =>
        answer({
          zactor: 'spawn-result',
          req: request.req,
          code: error instanceof ActorError ? error.code : 'SPAWN_FAILED',
          // Without the prefix: the worker's ActorError adds its own.
          message: withoutPrefix(error instanceof Error ? error.message : String(error)),
        }),
    );
  }

  private request(
    worker: number,
    make: (req: number) => ControlRequest,
    timeoutMs = this.options.spawnTimeoutMs ?? 10_000,
  ): Promise<ControlReply> {
    const w = this.pool?.worker(worker);
    if (w === undefined) {
      return Promise.reject(
        new ActorError('ActorCluster', 'WORKER_DEAD', `worker ${worker} is not running`),
      );
    }
    return this.pending.start(
      worker,
      timeoutMs,
      () =>
        new ActorError(
          'ActorCluster',
          'SPAWN_TIMEOUT',
          `worker ${worker} did not answer in ${timeoutMs} ms`,
        ),
      (req) => w.postMessage(make(req)),
    );
  }

  private broadcast(message: ControlRequest, except: number): void {
    for (let i = 0; i < this.workerCount; i++) {
      if (i !== except) this.pool?.worker(i)?.postMessage(message);
    }
  }

  private async onWorkerDied(
    worker: number,
    code: number,
    error: Error | undefined,
  ): Promise<void> {
    this.deaths++;
    this.mainNode.workerDied(worker);
    this.pending.failPeer(
      worker,
      () => new ActorError('ActorCluster', 'WORKER_DEAD', `worker ${worker} died before answering`),
    );
    this.broadcast({ zactor: 'worker-died', worker }, worker);
    const restart = !this.closing && (this.options.restartWorkers ?? true);
    this.emit('worker-died', { worker, code, error, restarted: restart });
    if (!restart) return;
    try {
      await this.pool!.restart(worker);
    } catch {
      return;
    }
    this.listen(worker);
    this.mainNode.workerRestarted(worker);
    this.broadcast({ zactor: 'worker-up', worker }, worker);
  }
}
