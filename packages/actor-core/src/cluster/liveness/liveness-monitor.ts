/**
 * Liveness of the pool workers, seen from the main thread (the Akka/Erlang fixed-timeout
 * failure detector over a heartbeat). Each worker's loop stores a step counter in shared
 * memory at every step (a drain of its ring and the actors that made ready: scheduler-numa's
 * control block, `WorkerPool.heartbeat`), and an idle worker parks for at most `parkTimeoutMs`,
 * a quarter of `unresponsiveMs`, so the counter of a healthy worker moves at least that often,
 * parked or busy. The
 * monitor loads each counter once per check (every quarter of `unresponsiveMs`, at most 1 s)
 * and notes when it last saw it change; a counter that stayed the same over `unresponsiveMs`
 * of the monitor's own observations is a worker stuck in one turn. The verdict compares only
 * what this thread observed, so a main thread that was itself late to check (busy, or a loaded
 * machine) sees a changed counter and does not blame the worker.
 *
 * The heartbeat cannot tell a receive that never returns from one that runs longer than
 * `unresponsiveMs`: that bound must exceed the longest step the application has (one run of
 * the dispatcher: up to 64 actor turns of up to `throughput` messages each).
 *
 * Thread contract: the main thread only (one timer, unref'd: it never keeps the process alive).
 * A check costs one Atomics.load per worker (plus one of its state word) and allocates nothing.
 */
import { ActorError } from '../../errors.js';
import { DEFAULT_UNRESPONSIVE_MS } from '../cluster-options.js';

/** Role: where the monitor reads the workers' heartbeats (the WorkerPool satisfies it). */
export interface HeartbeatSource {
  /**
   * Any thread: a value that changes at every turn of worker `worker`'s loop (Atomics.load;
   * may be stale, compare for change only).
   */
  heartbeat(worker: number): number;
  /** Any thread: whether worker `worker` is running (Atomics.load; may be stale). */
  isAlive(worker: number): boolean;
}

/** The monitor's timing, from `unresponsiveMs` (see `livenessTiming`). */
export interface LivenessTiming {
  /** Infinity: no watch. */
  readonly unresponsiveMs: number;
  /** How often the monitor checks (and the most an idle worker parks): undefined with no watch. */
  readonly checkEveryMs: number | undefined;
}

/** Checks and park timeouts per `unresponsiveMs`: a healthy idle worker turns 4 times in it. */
const CHECKS_PER_BOUND = 4;
/** The longest check interval (the pool's own default park timeout). */
const MAX_CHECK_EVERY_MS = 1000;
const MIN_UNRESPONSIVE_MS = 20;

/** Resolves and checks `unresponsiveMs`: ActorError `INVALID_OPTION` before any worker starts. */
export function livenessTiming(unresponsiveMs = DEFAULT_UNRESPONSIVE_MS): LivenessTiming {
  if (typeof unresponsiveMs !== 'number' || !(unresponsiveMs >= MIN_UNRESPONSIVE_MS)) {
    throw new ActorError(
      'ActorCluster.start',
      'INVALID_OPTION',
      `unresponsiveMs (${String(unresponsiveMs)}) must be at least ${MIN_UNRESPONSIVE_MS} ms, or Infinity for no liveness watch`,
    );
  }
  return {
    unresponsiveMs,
    checkEveryMs:
      unresponsiveMs === Number.POSITIVE_INFINITY
        ? undefined
        : Math.min(MAX_CHECK_EVERY_MS, unresponsiveMs / CHECKS_PER_BOUND),
  };
}

export class LivenessMonitor {
  private readonly source: HeartbeatSource;
  private readonly timing: LivenessTiming;
  private readonly onSilent: (worker: number, silentMs: number) => void;
  /** Per worker: the heartbeat last seen, when it was first seen, whether it was reported. */
  private readonly beats: Int32Array;
  private readonly seenAt: Float64Array;
  private readonly reported: Uint8Array;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    source: HeartbeatSource,
    workerCount: number,
    timing: LivenessTiming,
    /** A worker's heartbeat stood still for `silentMs` (>= unresponsiveMs); once per silence. */
    onSilent: (worker: number, silentMs: number) => void,
  ) {
    this.source = source;
    this.timing = timing;
    this.onSilent = onSilent;
    this.beats = new Int32Array(workerCount);
    this.seenAt = new Float64Array(workerCount).fill(Number.NaN);
    this.reported = new Uint8Array(workerCount);
  }

  /** Starts the checks (no-op without a watch). */
  start(): void {
    const every = this.timing.checkEveryMs;
    if (every === undefined || this.timer !== undefined) return;
    this.timer = setInterval(() => this.check(), every);
    this.timer.unref();
  }

  /**
   * Reports again, at the next check, a worker that is still silent after a report (the
   * cluster began to shut down: a worker left running by `report-only` is terminated then).
   */
  rearm(): void {
    this.reported.fill(0);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One check of every worker. */
  private check(): void {
    const now = performance.now();
    const source = this.source;
    for (let worker = 0; worker < this.beats.length; worker++) {
      if (!source.isAlive(worker)) {
        // Starting, dead or stopping: a new thread starts a new watch.
        this.seenAt[worker] = Number.NaN;
        this.reported[worker] = 0;
        continue;
      }
      const beat = source.heartbeat(worker) | 0;
      if (beat !== this.beats[worker] || Number.isNaN(this.seenAt[worker]!)) {
        this.beats[worker] = beat;
        this.seenAt[worker] = now;
        this.reported[worker] = 0;
        continue;
      }
      const silentMs = now - this.seenAt[worker]!;
      if (silentMs >= this.timing.unresponsiveMs && this.reported[worker] === 0) {
        this.reported[worker] = 1;
        this.onSilent(worker, silentMs);
      }
    }
  }
}
