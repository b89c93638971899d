/**
 * Wires the parts that run a started cluster on the main thread: the control channel and the
 * spawn router it serves, liveness (monitor and policy), worker deaths and restarts, balancing
 * pools, metrics, the main inbox's pump and, when the cluster joins other processes, the
 * gateway. `ActorCluster` (the facade) keeps what it returns and starts it.
 *
 * Thread contract: the main thread, once, after the workers are ready.
 */
import type { MpscRing } from '@zactor/ringbuffer';
import type { Placement, WorkerPool } from '@zactor/scheduler-numa';
import type { AllocationCounter } from './allocation-counter.js';
import type { ClusterEvents } from './cluster-events.js';
import {
  type ActorClusterOptions,
  type ClusterMode,
  DEFAULT_SPAWN_TIMEOUT_MS,
  type UnresponsivePolicy,
} from './cluster-options.js';
import { ControlChannel } from './control-channel.js';
import { PoolClusterGateway } from './gateway/pool-cluster-gateway.js';
import type { LargeMessageStore } from './large/large-message.js';
import { LivenessMonitor, type LivenessTiming } from './liveness/liveness-monitor.js';
import { UnresponsiveWorkers } from './liveness/unresponsive-workers.js';
import { MainPump } from './main-pump.js';
import { ClusterMetricsCollector } from './metrics-merge.js';
import type { ClusterNode } from './node/cluster-node.js';
import type { SharedNodeStates } from './node/shared-node-states.js';
import type { NodeNotice } from './node-notices.js';
import { ClusterPools } from './pool/cluster-pools.js';
import { SpawnRouter } from './spawn-router.js';
import { WorkerDeaths } from './worker-deaths.js';

/** The parts of a started cluster. */
export interface RunningCluster {
  readonly node: ClusterNode;
  readonly channel: ControlChannel;
  readonly router: SpawnRouter;
  readonly metrics: ClusterMetricsCollector;
  readonly pump: MainPump;
  readonly monitor: LivenessMonitor;
  readonly deaths: WorkerDeaths;
  readonly pools: ClusterPools;
  /** Set when the cluster is joined to other processes (`options.external`). */
  readonly gateway: PoolClusterGateway | undefined;
  /** Starts the main inbox's pump and the liveness watch. */
  start(): void;
}

/** Emits one of the cluster's events (the facade's `emit`). */
export type ClusterEmit = <E extends keyof ClusterEvents>(
  event: E,
  ...args: ClusterEvents[E]
) => void;

export interface ClusterWiring {
  readonly pool: WorkerPool;
  readonly node: ClusterNode;
  readonly workerCount: number;
  readonly nodeStates: SharedNodeStates;
  readonly options: ActorClusterOptions;
  readonly placement: Placement;
  readonly liveness: LivenessTiming;
  readonly unresponsivePolicy: UnresponsivePolicy;
  readonly mainRing: MpscRing;
  readonly mode: ClusterMode;
  readonly allocation: AllocationCounter;
  /** The large-message blocks (a dead worker's holds are freed: large/block-holds.ts). */
  readonly largeMessages: LargeMessageStore;
  readonly isClosing: () => boolean;
  readonly emit: ClusterEmit;
  /** A worker's notice (its first bad record, or a line of its failure log). */
  readonly noticed: (notice: NodeNotice) => void;
}

/** Makes and connects the running parts; nothing runs until `start`. */
export function wireCluster(input: ClusterWiring): RunningCluster {
  const { pool, node, workerCount, isClosing, emit } = input;
  const channel = new ControlChannel(
    pool,
    workerCount,
    input.options.spawnTimeoutMs ?? DEFAULT_SPAWN_TIMEOUT_MS,
    // `router` is made below, before any worker can send a message.
    (request, respond) => router.serve(request, respond),
    input.noticed,
  );
  const router = new SpawnRouter({
    pool,
    node,
    workerCount,
    channel,
    placement: input.placement,
    isClosing,
  });
  const unresponsive = new UnresponsiveWorkers({
    threads: pool,
    policy: input.unresponsivePolicy,
    isClosing,
    report: (info) => emit('worker-unresponsive', info),
  });
  const monitor = new LivenessMonitor(pool, workerCount, input.liveness, (worker, silentMs) =>
    unresponsive.silent(worker, silentMs),
  );
  const pools = new ClusterPools({ pool, node, channel, workerCount, isClosing });
  const deaths = new WorkerDeaths({
    pool,
    node,
    channel,
    restartWorkers: input.options.restartWorkers ?? true,
    unresponsive,
    noticeMs: Math.min(1000, input.liveness.unresponsiveMs),
    isClosing,
    report: (info) => emit('worker-died', info),
    reclaimBlocks: (worker) => input.largeMessages.reclaim?.(worker) ?? 0,
    died: (worker) => pools.workerDied(worker),
    restarted: (worker) => {
      pools.workerRestarted(worker);
      gateway?.workerRestarted(worker);
    },
  });
  const metrics = new ClusterMetricsCollector({
    pool,
    workerCount,
    node,
    mainRing: input.mainRing,
    channel,
    allocation: input.allocation,
    workerDeaths: () => deaths.count,
  });
  const pump = new MainPump(node, input.mainRing, input.mode, (info) => emit('ring-corrupt', info));
  const gateway =
    input.options.external === undefined
      ? undefined
      : new PoolClusterGateway({
          pool,
          node,
          channel,
          router,
          workerCount,
          states: input.nodeStates,
        });
  for (let i = 0; i < workerCount; i++) channel.listen(i);
  pool.on('worker-died', (event) => {
    gateway?.workerDied(event.workerIndex);
    deaths.died(event.workerIndex, event.code, event.error);
  });
  pool.on('ring-corrupt', (event) => {
    emit('ring-corrupt', {
      node: event.workerIndex,
      from: undefined,
      drainsOn: false,
      error: event.error,
    });
  });
  return {
    node,
    channel,
    router,
    metrics,
    pump,
    monitor,
    deaths,
    pools,
    gateway,
    start() {
      pump.start();
      monitor.start();
    },
  };
}
