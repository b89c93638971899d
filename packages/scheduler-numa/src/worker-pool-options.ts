/**
 * The options of a WorkerPool, the events it emits and the options of its shutdown.
 *
 * Thread contract: plain data and types, read on the thread that creates the pool.
 */
import type { ResourceLimits, Worker, WorkerOptions } from 'node:worker_threads';
import type { Placement } from './placement.js';
import type { PlacementMode } from './placement-plan.js';
import type { Topology } from './topology.js';

/**
 * Starts the Worker for `entry` (the pool's bootstrap module). The default starts it under the
 * main thread's loader (see inherited-loader.ts); a custom one is the way out for any other
 * setup, e.g. a worker that registers its own loader.
 */
export type WorkerFactory = (entry: URL, options: WorkerOptions) => Worker;

export interface WorkerPoolOptions {
  /** The worker module; its default export is a `defineWorker(...)` definition. */
  readonly module: URL | string;
  /** Number of workers. Default: the cpus this process may use. */
  readonly workers?: number;
  /** Default: `readTopology()`. */
  readonly topology?: Topology;
  /** How workers are laid over nodes, cores and SMT siblings. Default `spread`. */
  readonly placementMode?: PlacementMode;
  /** Pin each worker to its slot's cpu. Default true (reported per worker where unsupported). */
  readonly pin?: boolean;
  /** Let idle workers steal from busy ones. Default true. */
  readonly stealing?: boolean;
  /** Chooses the worker for `submit`. Default round-robin. */
  readonly placement?: Placement;
  /** Records per task deque (two per worker); a power of two. Default 4096. */
  readonly dequeCapacity?: number;
  /** Largest task payload in bytes. Default 24. */
  readonly taskPayloadBytes?: number;
  /** Bytes of each worker's inbound ring (a power of two), or 0 for none. Default 65536. */
  readonly inboundRingBytes?: number;
  /** Structured-cloned into every worker as `context.data`. */
  readonly workerData?: unknown;
  /**
   * Default: `new Worker(entry, options)` under the main thread's loader (tsx's `--import` is
   * replayed in the worker on Node < 22.2). With one, a TypeScript module is not checked up front.
   */
  readonly workerFactory?: WorkerFactory;
  /**
   * Each worker's V8 heap limits (Node's `Worker` `resourceLimits`), passed to every worker the
   * pool starts (a custom `workerFactory` gets them in its options), e.g. a larger young
   * generation (`maxYoungGenerationSizeMb`) for workers that make many objects that live a
   * while; it moves GC cost rather than removing it, so measure. Each given limit must be a
   * positive number. Default: Node's.
   */
  readonly resourceLimits?: ResourceLimits;
  /** Checks for work before parking. Default 64. */
  readonly spinBeforePark?: number;
  /** Longest a worker runs tasks before yielding to its event loop. Default 2 ms. */
  readonly turnBudgetMs?: number;
  /**
   * A parked worker re-checks for work (and its heartbeat advances) at least this often.
   * Default 1000 ms.
   */
  readonly parkTimeoutMs?: number;
  /** How often workers publish their event-loop utilisation and backlog. Default 100 ms. */
  readonly metricsIntervalMs?: number;
}

/** Reported when a worker's thread ends while the pool did not ask it to. */
export interface WorkerDiedEvent {
  readonly workerIndex: number;
  readonly generation: number;
  /** The thread's exit code. */
  readonly code: number;
  /** The uncaught error that killed it, if any. */
  readonly error: Error | undefined;
  /** Tasks that were running when it died and will not run (0 or 1). */
  readonly lostTasks: number;
}

/** A worker found its inbound ring corrupt: it drains nothing more from it (see InboundRing). */
export interface RingCorruptEvent {
  readonly workerIndex: number;
  readonly generation: number;
  /** SchedulerError `RING_CORRUPT`, with the ring's own description of the bad word. */
  readonly error: Error;
}

export interface WorkerPoolEvents {
  'worker-died': [WorkerDiedEvent];
  'ring-corrupt': [RingCorruptEvent];
}

export interface ShutdownOptions {
  /** Wait for submitted tasks to finish first. Default true. */
  readonly drain?: boolean;
  /** After this long, workers still running are terminated. Default 10000 ms. */
  readonly timeoutMs?: number;
}
