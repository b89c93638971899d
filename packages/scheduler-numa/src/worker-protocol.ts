import type { AffinityResult } from './affinity.js';
import type { Topology } from './topology.js';

/** Tuning of the worker loop, fixed for the pool's lifetime. */
export interface WorkerLoopOptions {
  readonly stealing: boolean;
  readonly spinBeforePark: number;
  readonly turnBudgetMs: number;
  readonly parkTimeoutMs: number;
  readonly metricsIntervalMs: number;
}

/** `workerData` of every pool worker. */
export interface WorkerBootData {
  readonly pool: SharedArrayBuffer;
  readonly inbound: readonly (SharedArrayBuffer | null)[];
  readonly workerIndex: number;
  readonly generation: number;
  readonly cpu: number;
  readonly node: number;
  readonly pin: boolean;
  readonly moduleUrl: string;
  readonly topology: Topology;
  readonly data: unknown;
  readonly loop: WorkerLoopOptions;
}

/** Worker → pool. */
export type WorkerMessage =
  | { readonly type: 'ready'; readonly pinned: AffinityResult; readonly cpu: number }
  | { readonly type: 'stopped' }
  /** The worker's inbound ring holds words that cannot be right; it drains nothing more. */
  | { readonly type: 'ring-corrupt'; readonly message: string };

/** Pool → worker. */
export type PoolMessage = { readonly type: 'stop' };
