import type { AffinityResult } from './affinity.js';
import type { WorkerMetrics } from './control-block.js';
import type { InboundRing } from './inbound-ring.js';
import type { PlacementView } from './placement.js';
import type { Task } from './task.js';
import type { Topology } from './topology.js';

/** Runs one task. `task` is reused for the next task: read it during the call only. */
export type TaskHandler = (task: Task, context: WorkerContext) => void;

/**
 * Handles one inbound ring record: `length` payload bytes at `offset` of `view`, valid only
 * during the call.
 */
export type RecordHandler = (
  typeId: number,
  view: DataView,
  offset: number,
  length: number,
  context: WorkerContext,
) => void;

/** What a worker module exports as its default export (see `defineWorker`). */
export interface WorkerDefinition {
  /** Task handlers by kind. A task of a kind with no handler kills the worker. */
  readonly tasks?: Readonly<Record<number, TaskHandler>>;
  /** Handles records sent to this worker's inbound ring. */
  readonly onRecord?: RecordHandler;
  /**
   * Runs after each drain of the inbound ring, inside the loop's turn (even when the drain
   * found nothing): the place to run what the records made ready and to publish what that
   * produced, without waiting for an event-loop turn. Returns how much work it did (0: none);
   * the loop counts it against its turn budget and keeps turning while there is work.
   */
  readonly afterDrain?: (context: WorkerContext) => number;
  /**
   * Whether the definition has work of its own besides the ring and the deques (e.g. a queue
   * in shared memory that `afterDrain` takes from). Polled while the worker spins and once more
   * after it announces that it parks, so work published before that is never slept on; a
   * producer of such work wakes the worker (`wake`) after publishing it. Must be cheap (a few
   * Atomics loads) and must not run actors.
   */
  readonly hasWork?: (context: WorkerContext) => boolean;
  /**
   * Units of work waiting in the definition's own queues on this worker (an actor runtime:
   * messages in its actors' mailboxes). The worker publishes it (control block BACKLOG) on its
   * metrics interval and when a loop turn ends; placement policies read it
   * (`PlacementView.backlogOf`). Must be cheap (a few field reads).
   */
  readonly backlog?: (context: WorkerContext) => number;
  /** Runs once, after pinning and attaching, before the worker reports ready. */
  readonly setup?: (context: WorkerContext) => void | Promise<void>;
  /** Runs once on graceful shutdown, after the last task. */
  readonly teardown?: (context: WorkerContext) => void | Promise<void>;
}

/**
 * The pool as seen from inside one of its workers. Everything here may be called from the
 * worker's thread only (it owns this worker's deque); the shared reads may be stale.
 */
export interface WorkerContext extends PlacementView {
  readonly workerIndex: number;
  /** How many times this worker slot has been restarted. */
  readonly generation: number;
  /** The cpu this worker is pinned to, or -1 when it is not pinned. */
  readonly cpu: number;
  readonly node: number;
  readonly pinned: AffinityResult;
  readonly topology: Topology;
  /** The pool's `workerData` option, as structured-cloned into this worker. */
  readonly data: unknown;
  /**
   * Pushes a task onto this worker's own deque (LIFO for this worker, stealable by the others)
   * and wakes a parked worker to steal it when stealing is on. `false` when the deque is full.
   */
  submit(kind: number, payload?: Uint8Array): boolean;
  /** Copies a record into worker `workerIndex`'s inbound ring and wakes it; `false` if full. */
  send(workerIndex: number, typeId: number, payload: Uint8Array): boolean;
  /**
   * Worker `workerIndex`'s inbound ring for zero-copy writes, or undefined when the pool has
   * none. After `commit`, call `wake(workerIndex)`.
   */
  inbound(workerIndex: number): InboundRing | undefined;
  /** Wakes worker `workerIndex` if it is parked. */
  wake(workerIndex: number): void;
  /** Adds placement load units to worker `workerIndex`; returns its new load. */
  addLoad(workerIndex: number, delta: number): number;
  metrics(workerIndex: number): WorkerMetrics;
}

/** Identity function that types a worker module's default export. */
export function defineWorker(definition: WorkerDefinition): WorkerDefinition {
  return definition;
}
