/** The options and the result of `runSoak` (run-soak.ts). */
import type { ActorClusterOptions } from '@zactor/actor-core';
import type { FaultOptions, FaultReport } from './faults.js';

export interface SoakOptions {
  /** How long the load runs, in ms. */
  readonly durationMs: number;
  /** Pool workers. Default 2. */
  readonly workers?: number;
  /** Seed of every random choice (targets, shapes, failures, churn). Default: random. */
  readonly seed?: number;
  /** The cluster module. Default: soak-cluster.js next to this file. */
  readonly module?: URL | string;
  /** How workers start (the test runs TypeScript workers). */
  readonly workerFactory?: ActorClusterOptions['workerFactory'];
  /** Pin workers to cpus. Default true. */
  readonly pin?: boolean;
  /** Interval of the report lines and heap samples. Default 10 s up to 10 minutes, else 60 s. */
  readonly reportEveryMs?: number;
  /** Load messages per driver tick (one driver per worker, one on the main thread). Default 100. */
  readonly burst?: number;
  /** Driver tick, ms. Default 1. */
  readonly tickMs?: number;
  /** Where report lines go. Default console.log. */
  readonly log?: (line: string) => void;
  /**
   * Fault mode: hung workers (one extra worker hosts victims the loop hangs; the cluster must
   * terminate and restart it), constructors that throw on restart, and the accounting of what a
   * hung worker took with it. `true` for the defaults of FaultOptions.
   */
  readonly faults?: boolean | FaultOptions;
  /** The cluster's `unresponsiveMs`. Default: the cluster's. */
  readonly unresponsiveMs?: number;
}

export interface HeapSample {
  /** ms since the load started. */
  readonly atMs: number;
  /** Heap after GC per node (workers first, then the main thread), bytes. */
  readonly nodes: number[];
  readonly messagesPerSecond: number;
  readonly deadLetters: number;
  readonly restarts: number;
}

export interface SoakResult {
  /** The accounting check passed. */
  readonly ok: boolean;
  readonly seed: number;
  readonly workers: number;
  readonly durationMs: number;
  readonly samples: HeapSample[];
  /** Least-squares slope of heap after GC, bytes per hour: per node and of the sum. */
  readonly heapSlopeBytesPerHour: { readonly nodes: number[]; readonly total: number };
  /**
   * The same over the second half of the samples only: warm-up (JIT code, caches filling to
   * their bounds) is over by then, so this is the figure to compare with a leak budget.
   */
  readonly heapSlopeSecondHalfBytesPerHour: { readonly nodes: number[]; readonly total: number };
  readonly sent: number;
  readonly received: number;
  readonly failed: number;
  readonly thrown: number;
  readonly deadLettered: number;
  readonly deadLettersByReason: Record<string, number>;
  /**
   * sent - (received + failed + dead-lettered + thrown + lost in hung workers): 0 when the
   * check passes.
   */
  readonly unaccounted: number;
  /**
   * Fault mode: load told to victims that was neither received, dead-lettered nor thrown at
   * tell — what hung workers' mailboxes held when they were terminated. 0 without hangs.
   */
  readonly lostInHungWorkers: number;
  /** Fault mode: what was injected and seen (undefined without). */
  readonly faults: (FaultReport & { readonly restartFailures: number }) | undefined;
  readonly restarts: number;
  readonly failures: number;
  readonly churned: number;
  readonly asks: { readonly sent: number; readonly answered: number; readonly failed: number };
  /** Why the run is not ok, when it is not. */
  readonly problems: string[];
  /** Load messages that crossed workers in shared slab blocks, and blocks left in use (0). */
  readonly largeMessages: { readonly crossed: number; readonly blocksInUse: number };
}
