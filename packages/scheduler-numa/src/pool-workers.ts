/**
 * The threads behind a WorkerPool, one per planned slot: starts a worker in its slot (again, for
 * a restart, with the next generation), routes what it posts (ready, ring-corrupt), settles its
 * exit, and stops them all. A slot keeps its cpu, control block, deques and inbound ring across
 * restarts; only the thread changes.
 *
 * Everything here is for the pool's thread: Worker events arrive there, and it is the only
 * writer of a slot's lifecycle state while no worker runs in it.
 */
import type { EventEmitter } from 'node:events';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { AffinityResult } from './affinity.js';
import { inheritLoaderWorker } from './inherited-loader.js';
import { WorkerState } from './layout.js';
import type { WorkerSlot } from './placement-plan.js';
import type { PoolMemory } from './pool-memory.js';
import { ringCorruptEvent } from './ring-corrupt-report.js';
import type { WorkerFactory, WorkerPoolEvents } from './worker-pool-options.js';
import type { PoolMessage, WorkerBootData, WorkerMessage } from './worker-protocol.js';

/** The boot data every worker gets; `spawn` adds the slot's own fields. */
export type SharedBootData = Omit<WorkerBootData, 'workerIndex' | 'generation' | 'cpu' | 'node'>;

interface Slot {
  worker: Worker | undefined;
  spawned: boolean;
  generation: number;
  pinned: AffinityResult;
  stopping: boolean;
  error: Error | undefined;
  exited: Promise<number>;
}

export class PoolWorkers {
  private readonly plan: readonly WorkerSlot[];
  private readonly memory: PoolMemory;
  private readonly boot: SharedBootData;
  private readonly factory: WorkerFactory;
  private readonly resourceLimits: ResourceLimits | undefined;
  private readonly events: EventEmitter<WorkerPoolEvents>;
  private readonly slots: Slot[] = [];

  /** Describes every slot's control block (cpu, node, generation 0); starts no thread. */
  constructor(
    plan: readonly WorkerSlot[],
    memory: PoolMemory,
    boot: SharedBootData,
    factory: WorkerFactory | undefined,
    events: EventEmitter<WorkerPoolEvents>,
    resourceLimits?: ResourceLimits,
  ) {
    this.resourceLimits = resourceLimits;
    this.plan = plan;
    this.memory = memory;
    this.boot = boot;
    this.factory = factory ?? inheritLoaderWorker;
    this.events = events;
    for (const slot of plan) {
      memory.blocks[slot.workerIndex]!.describe(slot.cpu, slot.node, 0);
      this.slots.push({
        worker: undefined,
        spawned: false,
        generation: 0,
        pinned: { ok: false, reason: 'not started' },
        stopping: false,
        error: undefined,
        exited: Promise.resolve(0),
      });
    }
  }

  /** The pool thread. The Worker currently running slot `workerIndex`, if any. */
  worker(workerIndex: number): Worker | undefined {
    return this.slots[workerIndex]?.worker;
  }

  /** The pool thread. Slot `workerIndex`'s pinning, as its worker reported when ready. */
  pinned(workerIndex: number): AffinityResult {
    return this.slots[workerIndex]!.pinned;
  }

  /**
   * The pool thread, for a slot with no running worker. Starts its worker (generation 0, or the
   * next one), storing STARTING before the thread exists; resolves when the worker reports
   * ready, rejects if it exits before.
   */
  spawn(workerIndex: number): Promise<void> {
    const slot = this.slots[workerIndex]!;
    const plan = this.plan[workerIndex]!;
    const block = this.memory.blocks[workerIndex]!;
    const generation = slot.spawned ? slot.generation + 1 : 0;
    slot.spawned = true;
    slot.generation = generation;
    slot.stopping = false;
    slot.error = undefined;
    block.describe(plan.cpu, plan.node, generation);
    block.setState(WorkerState.Starting);
    const boot: WorkerBootData = {
      ...this.boot,
      workerIndex,
      generation,
      cpu: plan.cpu,
      node: plan.node,
    };
    const entry = new URL(
      import.meta.url.endsWith('.ts') ? './worker-entry.ts' : './worker-entry.js',
      import.meta.url,
    );
    const limits = this.resourceLimits;
    const worker = this.factory(entry, {
      workerData: boot,
      ...(limits === undefined ? {} : { resourceLimits: limits }),
    });
    slot.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          ready = true;
          slot.pinned = message.pinned;
          resolve();
        } else if (message.type === 'ring-corrupt') {
          this.events.emit(
            'ring-corrupt',
            ringCorruptEvent(workerIndex, generation, message.message),
          );
        }
      });
      worker.on('error', (error) => {
        slot.error = error;
      });
      slot.exited = new Promise<number>((exited) => {
        worker.once('exit', (code) => {
          if (slot.worker === worker) slot.worker = undefined;
          this.onExit(workerIndex, generation, code, slot, ready);
          if (!ready)
            reject(slot.error ?? new Error(`worker ${workerIndex} exited with code ${code}`));
          exited(code);
        });
      });
    });
  }

  /** The pool thread, when the pool failed to start: terminates every worker as asked to stop. */
  async terminateAll(): Promise<void> {
    for (const slot of this.slots) slot.stopping = true;
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
  }

  /**
   * The pool thread, at shutdown. Asks every running worker to stop (a message, and a wake in
   * case it is parked) and waits for all to exit; terminates those still running when
   * `deadline` resolves first.
   */
  async stop(deadline: Promise<'timeout'>): Promise<void> {
    const exits = this.slots.map((slot, i) => {
      if (slot.worker === undefined) return slot.exited;
      slot.stopping = true;
      slot.worker.postMessage({ type: 'stop' } satisfies PoolMessage);
      this.memory.blocks[i]!.wake();
      return slot.exited;
    });
    if ((await Promise.race([Promise.all(exits), deadline])) === 'timeout') {
      await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
      await Promise.all(exits);
    }
  }

  /**
   * A worker's thread ended, so nothing else writes its control block. Asked to: STOPPED. Not:
   * DEAD, its running task counted lost, and `worker-died` if it had been ready.
   */
  private onExit(
    workerIndex: number,
    generation: number,
    code: number,
    slot: Slot,
    ready: boolean,
  ): void {
    const block = this.memory.blocks[workerIndex]!;
    if (slot.stopping) {
      block.setState(WorkerState.Stopped);
      return;
    }
    block.setState(WorkerState.Dead);
    const lostTasks = block.settleDeadWorker();
    // Its queued tasks are in shared memory: let a parked worker come and steal them.
    if (this.boot.loop.stealing) this.memory.wakeOne(workerIndex + 1);
    // Waiters in idle() re-count: the lost task changed the balance.
    this.memory.signalIdle();
    if (ready) {
      this.events.emit('worker-died', {
        workerIndex,
        generation,
        code,
        error: slot.error,
        lostTasks,
      });
    }
  }
}
