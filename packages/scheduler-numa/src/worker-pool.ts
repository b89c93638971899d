/**
 * The pool: starts one pinned worker per placement slot from the user's worker module, owns the
 * shared PoolMemory, submits tasks, watches for dead workers and shuts down gracefully.
 * Everything here is for the thread that created the pool (it owns the submission deques).
 * The threads themselves (spawn, exit, death, stop) are PoolWorkers'.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { type AffinityResult, currentCpu } from './affinity.js';
import type { WorkerMetrics } from './control-block.js';
import { SchedulerError } from './errors.js';
import { createInboundRing, type InboundRing, writeRecord } from './inbound-ring.js';
import {
  CB_HEARTBEAT,
  CB_LOST,
  CB_TASKS_RUN,
  CB_TASKS_SPAWNED,
  POOL_IDLE_SEQUENCE,
  WorkerState,
} from './layout.js';
import type { Placement, PlacementView } from './placement.js';
import { planPlacement, type WorkerSlot } from './placement-plan.js';
import { PoolMemory } from './pool-memory.js';
import { PoolWorkers } from './pool-workers.js';
import { RoundRobinPlacement } from './round-robin-placement.js';
import { pushTask } from './task.js';
import { nodeOfCpu, readTopology, type Topology } from './topology.js';
import {
  checkTypeScriptModule,
  isTypeScriptModule,
  isUnknownTypeScriptExtension,
  typeScriptLoaderMissing,
} from './typescript-module-check.js';
import { waitAsync } from './wait-async.js';
import type {
  ShutdownOptions,
  WorkerPoolEvents,
  WorkerPoolOptions,
} from './worker-pool-options.js';
import type { WorkerLoopOptions } from './worker-protocol.js';

const noop = () => {};

export class WorkerPool extends EventEmitter<WorkerPoolEvents> implements PlacementView {
  /**
   * Starts the workers; resolves once every one has run its `setup` and reported ready. A
   * TypeScript module the workers cannot load throws SchedulerError `TS_LOADER_MISSING`.
   */
  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    try {
      await Promise.all(pool.plan.map((slot) => pool.threads.spawn(slot.workerIndex)));
    } catch (error) {
      await pool.threads.terminateAll();
      if (isTypeScriptModule(pool.moduleUrl) && isUnknownTypeScriptExtension(error)) {
        throw typeScriptLoaderMissing(pool.moduleUrl, (error as Error).message);
      }
      throw new SchedulerError(
        'WorkerPool.start',
        'WORKER_START_FAILED',
        `a worker failed to start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return pool;
  }

  readonly workerCount: number;
  readonly topology: Topology;
  /** Which cpu and node each worker runs on. */
  readonly plan: readonly WorkerSlot[];
  private readonly memory: PoolMemory;
  private readonly moduleUrl: string;

  private readonly loop: WorkerLoopOptions;
  private readonly rings: readonly (InboundRing | undefined)[];
  private readonly placement: Placement;
  private readonly threads: PoolWorkers;
  private submitted = 0;
  private closed = false;
  private shuttingDown: Promise<void> | undefined;

  private constructor(options: WorkerPoolOptions) {
    super();
    const moduleUrl =
      options.module instanceof URL
        ? options.module.href
        : /^[a-z]+:/i.test(options.module)
          ? options.module
          : pathToFileURL(options.module).href;
    // A custom factory may register its own loader: only the default is checked up front.
    if (options.workerFactory === undefined) checkTypeScriptModule(moduleUrl);
    this.moduleUrl = moduleUrl;
    this.topology = options.topology ?? readTopology();
    const workers = options.workers ?? this.topology.allowedCpus.length;
    this.plan = planPlacement(this.topology, workers, options.placementMode ?? 'spread');
    this.workerCount = workers;
    this.memory = PoolMemory.create({
      workers,
      dequeCapacity: options.dequeCapacity ?? 4096,
      taskPayloadBytes: options.taskPayloadBytes ?? 24,
    });
    const ringBytes = options.inboundRingBytes ?? 65536;
    try {
      this.rings = this.plan.map(() => (ringBytes > 0 ? createInboundRing(ringBytes) : undefined));
    } catch (error) {
      throw new SchedulerError(
        'WorkerPool.start',
        'INVALID_OPTION',
        `inboundRingBytes: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.loop = {
      stealing: options.stealing ?? true,
      spinBeforePark: options.spinBeforePark ?? 64,
      turnBudgetMs: options.turnBudgetMs ?? 2,
      parkTimeoutMs: options.parkTimeoutMs ?? 1000,
      metricsIntervalMs: options.metricsIntervalMs ?? 100,
    };
    this.placement = options.placement ?? new RoundRobinPlacement();
    const boot = {
      pool: this.memory.buffer,
      inbound: this.rings.map((ring) => ring?.buffer ?? null),
      pin: options.pin ?? true,
      moduleUrl,
      topology: this.topology,
      data: options.workerData,
      loop: this.loop,
    };
    this.threads = new PoolWorkers(
      this.plan,
      this.memory,
      boot,
      options.workerFactory,
      this,
      checkResourceLimits(options.resourceLimits),
    );
  }

  // ---- tasks --------------------------------------------------------------------------------

  /**
   * Submits a task to the worker the pool's placement picks. `false` when that worker's
   * submission deque is full, no worker can take it, or the pool is shutting down. Throws a
   * SchedulerError only when the payload exceeds `taskPayloadBytes`.
   */
  submit(kind: number, payload?: Uint8Array): boolean {
    const i = this.placement.place(this);
    return i >= 0 && this.submitTo(i, kind, payload);
  }

  /**
   * Submits a task to worker `workerIndex`'s submission deque (the pool thread owns it: this
   * push is a plain write of the record, then an Atomics.store of BOTTOM), then wakes the
   * worker if parked, or else a parked worker to steal it. `false` when full or shutting down.
   */
  submitTo(workerIndex: number, kind: number, payload?: Uint8Array): boolean {
    const deque = this.memory.submissionDeques[workerIndex];
    if (this.closed || deque === undefined) return false;
    if (!pushTask(deque, this.memory.bytes, kind, payload, 'WorkerPool.submit')) return false;
    this.submitted = (this.submitted + 1) | 0;
    if (!this.memory.blocks[workerIndex]!.wake() && this.loop.stealing) {
      this.memory.wakeOne(workerIndex + 1);
    }
    return true;
  }

  /**
   * Tasks submitted (here or inside workers) that have neither run nor been lost with a dead
   * worker. Reads the run and lost counters before the submitted ones, so a task that ran is
   * never counted without the submission that produced it: the answer is never too low.
   */
  pending(): number {
    let done = 0;
    for (const block of this.memory.blocks) {
      done = (done + block.counter(CB_TASKS_RUN) + block.counter(CB_LOST)) | 0;
    }
    let submitted = this.submitted;
    for (const block of this.memory.blocks) {
      submitted = (submitted + block.counter(CB_TASKS_SPAWNED)) | 0;
    }
    return (submitted - done) | 0;
  }

  /**
   * Resolves when `pending()` is 0. Waits on the pool's idle sequence, which workers bump when
   * they run out of work. Tasks queued for a dead worker with stealing off keep it waiting
   * until the worker is restarted.
   */
  async idle(): Promise<void> {
    // Atomics.waitAsync alone does not keep Node's event loop alive.
    const keepAlive = setInterval(noop, 1 << 30);
    try {
      for (;;) {
        const seen = this.memory.idleSequence();
        if (this.pending() === 0) return;
        const result = waitAsync(this.memory.idleWords, POOL_IDLE_SEQUENCE, seen, 50);
        if (result.async) await result.value;
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  // ---- messages -----------------------------------------------------------------------------

  /** Copies a record into worker `workerIndex`'s inbound ring and wakes it; `false` if full. */
  send(workerIndex: number, typeId: number, payload: Uint8Array): boolean {
    const ring = this.rings[workerIndex];
    if (ring === undefined || !writeRecord(ring, typeId, payload)) return false;
    this.memory.blocks[workerIndex]!.wake();
    return true;
  }

  /** Worker `workerIndex`'s inbound ring for zero-copy writes; call `wake` after `commit`. */
  inbound(workerIndex: number): InboundRing | undefined {
    return this.rings[workerIndex];
  }

  /** Wakes worker `workerIndex` if it is parked. */
  wake(workerIndex: number): void {
    this.memory.blocks[workerIndex]?.wake();
  }

  // ---- placement view -----------------------------------------------------------------------

  /** Adds placement load units to worker `workerIndex` (Atomics.add); returns the new load. */
  addLoad(workerIndex: number, delta: number): number {
    return this.memory.blocks[workerIndex]!.addLoad(delta);
  }

  loadOf(workerIndex: number): number {
    return this.memory.blocks[workerIndex]!.load() + this.memory.queued(workerIndex);
  }

  nodeOf(workerIndex: number): number {
    return this.memory.blocks[workerIndex]!.node();
  }

  utilisationOf(workerIndex: number): number {
    return this.memory.blocks[workerIndex]!.utilisation();
  }

  backlogOf(workerIndex: number): number {
    return this.memory.blocks[workerIndex]!.backlog();
  }

  isAlive(workerIndex: number): boolean {
    return this.memory.blocks[workerIndex]!.isRunning();
  }

  currentNode(): number {
    const node = nodeOfCpu(this.topology, currentCpu());
    return Math.max(node, 0);
  }

  // ---- observation --------------------------------------------------------------------------

  /** A snapshot of worker `workerIndex`'s counters (also readable inside any worker). */
  metrics(workerIndex: number): WorkerMetrics {
    if (!(workerIndex >= 0 && workerIndex < this.workerCount))
      this.badIndex('metrics', workerIndex);
    return this.memory.metrics(workerIndex);
  }

  /** Whether worker `workerIndex` was pinned, and if not, why (as it reported when ready). */
  pinning(workerIndex: number): AffinityResult {
    if (!(workerIndex >= 0 && workerIndex < this.workerCount))
      this.badIndex('pinning', workerIndex);
    return this.threads.pinned(workerIndex);
  }

  /**
   * Any thread. Worker `workerIndex`'s heartbeat: the loop steps its threads have begun (one
   * Atomics.load; it wraps at 2^32, so compare values for change only). A step is a drain of
   * the inbound ring with its `afterDrain`, or a few tasks; a running worker's loop steps at
   * least once per `parkTimeoutMs` even when it has nothing to do (a parked worker wakes then),
   * so a value that stays the same for much longer means the worker is stuck in one step: a
   * handler that never returns, or a long synchronous one.
   */
  heartbeat(workerIndex: number): number {
    return this.memory.blocks[workerIndex]!.counter(CB_HEARTBEAT);
  }

  /** The Worker currently running slot `workerIndex`, if any. */
  worker(workerIndex: number): Worker | undefined {
    return this.threads.worker(workerIndex);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /**
   * Starts a new worker in the slot of a dead one, on the same cpu and with the same deques:
   * tasks still queued there run on the new worker. Resolves when it is ready. Throws a
   * SchedulerError unless the worker is dead.
   */
  async restart(workerIndex: number): Promise<void> {
    if (!(workerIndex >= 0 && workerIndex < this.workerCount))
      this.badIndex('restart', workerIndex);
    const block = this.memory.blocks[workerIndex]!;
    if (this.closed || block.state() !== WorkerState.Dead) {
      throw new SchedulerError(
        'WorkerPool.restart',
        'NOT_DEAD',
        `worker ${workerIndex} is ${block.stateName()}${this.closed ? ' and the pool is closed' : ''}`,
      );
    }
    await this.threads.spawn(workerIndex);
  }

  /**
   * Stops accepting tasks, waits for the submitted ones (unless `drain` is false), then asks
   * every worker to stop: each finishes its turn, runs `teardown` and exits. Workers still
   * running after `timeoutMs` are terminated. Idempotent.
   */
  shutdown(options: ShutdownOptions = {}): Promise<void> {
    this.shuttingDown ??= this.stopAll(options.drain ?? true, options.timeoutMs ?? 10_000);
    return this.shuttingDown;
  }

  private async stopAll(drain: boolean, timeoutMs: number): Promise<void> {
    this.closed = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      if (drain) await Promise.race([this.idle(), deadline]);
      await this.threads.stop(deadline);
    } finally {
      clearTimeout(timer);
    }
  }

  private badIndex(method: string, workerIndex: number): never {
    throw new SchedulerError(
      `WorkerPool.${method}`,
      'INVALID_WORKER_INDEX',
      `workerIndex (${workerIndex}) must be an integer from 0 to ${this.workerCount - 1}`,
    );
  }
}

/** The pool's `resourceLimits`, each given limit a positive number. @throws SchedulerError. */
function checkResourceLimits(limits: ResourceLimits | undefined): ResourceLimits | undefined {
  if (limits === undefined) return undefined;
  for (const [name, value] of Object.entries(limits)) {
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new SchedulerError(
        'WorkerPool.start',
        'INVALID_OPTION',
        `resourceLimits.${name} (${String(value)}) must be a positive number`,
      );
    }
  }
  return limits;
}
