/**
 * `ActorCluster.shutdown`, in three phases so every message in flight is accounted for:
 * 1. every node's actor system stops (postStop runs; queued messages become dead letters);
 * 2. each node hands on what waits in its overflow (for a bounded time) and closes; what is
 *    left, or sent later, becomes dead letters (`shutdown`);
 * 3. no node sends any more: each worker drains its inbox to the end (the targets are gone:
 *    dead letters), so nothing in flight is lost with the threads.
 * Then the pool's workers end, and the main pump drains the main inbox.
 *
 * Each phase waits at most `shutdownTimeoutMs` for the workers' answers; a worker that has not
 * answered by then is terminated (a death like any other: its inbox is drained and reported),
 * and the next phases go on without it, so one stuck worker does not cost the others their
 * graceful close. A stuck worker does not even wait for that bound: once the shutdown has
 * begun, the liveness watch terminates any worker silent for `unresponsiveMs`, whatever the
 * policy (one it only reported before included).
 *
 * Thread contract: the main thread, once per cluster.
 */
import type { WorkerPool } from '@zactor/scheduler-numa';
import { ActorError } from '../errors.js';
import type { AllocationCounter } from './allocation-counter.js';
import { closeWithin } from './cluster-definition.js';
import { type ActorClusterOptions, DEFAULT_SHUTDOWN_TIMEOUT_MS } from './cluster-options.js';
import type { ControlRequest } from './cluster-protocol.js';
import type { ControlChannel } from './control-channel.js';
import type { LivenessMonitor } from './liveness/liveness-monitor.js';
import type { MainPump } from './main-pump.js';
import type { ClusterNode } from './node/cluster-node.js';
import type { WorkerDeaths } from './worker-deaths.js';

/** How long a shutting-down node waits for its overflow to be taken before it closes. */
const SHUTDOWN_DRAIN_MS = 1000;
/** How long the pool gives its workers to end their threads once the phases are over. */
const POOL_STOP_MS = 5000;

export interface ShutdownParts {
  readonly pool: WorkerPool;
  /** The main thread's node. */
  readonly node: ClusterNode;
  readonly channel: ControlChannel;
  readonly pump: MainPump;
  readonly monitor: LivenessMonitor;
  readonly deaths: WorkerDeaths;
  readonly allocation: AllocationCounter;
  /** `ActorClusterOptions.shutdownTimeoutMs`, resolved. */
  readonly timeoutMs: number;
}

/** `shutdownTimeoutMs`, resolved and checked (ActorError `INVALID_OPTION` before any worker starts). */
export function shutdownTimeoutOf(options: ActorClusterOptions): number {
  const timeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) {
    throw new ActorError(
      'ActorCluster.start',
      'INVALID_OPTION',
      `shutdownTimeoutMs (${String(timeoutMs)}) must be a positive number of milliseconds`,
    );
  }
  return timeoutMs;
}

/** Shuts the cluster down (the caller has marked it closing). */
export async function shutdownCluster(parts: ShutdownParts): Promise<void> {
  const { pool, node: main, channel, monitor } = parts;
  // A worker found silent before, and left running by `report-only`, is terminated now.
  monitor.rearm();
  const phase = async (make: (req: number) => ControlRequest): Promise<void> => {
    const { silent } = await channel.requestEach(make, parts.timeoutMs, -1);
    await Promise.all(silent.map((worker) => pool.worker(worker)?.terminate()));
  };
  main.flush();
  await phase((req) => ({ zactor: 'shutdown', req }));
  main.childSpawns.failAll();
  await main.system.shutdown();
  await Promise.all([
    closeWithin(main, SHUTDOWN_DRAIN_MS),
    phase((req) => ({ zactor: 'close', req, drainMs: SHUTDOWN_DRAIN_MS })),
  ]);
  await phase((req) => ({ zactor: 'final-drain', req }));
  monitor.stop();
  // Deaths during the shutdown are dealt with (their inboxes drained, reported) before the end.
  await parts.deaths.settled();
  // Nothing sends now: what reached a dead, unreplaced worker's ring since its drain is counted.
  parts.deaths.sweepDead();
  await pool.shutdown({ drain: false, timeoutMs: POOL_STOP_MS });
  // Whatever reached the main inbox is dead-lettered by the stopped system.
  await parts.pump.stop();
  channel.close();
  parts.allocation.close();
}
