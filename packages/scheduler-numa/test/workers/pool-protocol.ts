/** Task kinds and shared words of the pool test worker (test/workers/pool-worker.ts). */
export const Kind = {
  /** payload: int32 id; marks seen[id]. */
  Mark: 1,
  /** payload: int32 first id, int32 count; submits `count` Mark tasks from inside the worker. */
  Fork: 2,
  /** payload: int32 id, int32 microseconds; spins, then marks. */
  Spin: 3,
  /** Throws, killing the worker. */
  Crash: 4,
  /** Never returns (until the worker is terminated). */
  Hang: 5,
  /** payload: int32 other worker; writes that worker's tasksRun, as this worker reads it. */
  ReadMetrics: 6,
  /** payload: int32 target worker, int32 value; sends a record to the target's inbound ring. */
  Relay: 7,
  /** payload: int32 first id, int32 count; submits `count` Mark tasks locally, then throws. */
  ForkThenCrash: 8,
} as const;

/** Shared words in `PoolTestData.words`. */
export const Word = {
  TeardownCount: 0,
  SetupCount: 1,
  RecordSum: 2,
  RecordCount: 3,
  MetricsSeen: 4,
  /** Set by a Hang task once it has started. */
  Hanging: 5,
  /** Records that `afterDrain` saw handled (counted when it runs). */
  AfterDrainRecords: 6,
  /** Records whose `afterDrain` came only after an event-loop turn (should stay 0). */
  LateAfterDrain: 7,
  /** Per-worker: the cpu seen while running a task, at 8 + workerIndex. */
  CpuBase: 8,
  /** Per-worker: the backlog its definition reports, at 16 + workerIndex (set by the test). */
  BacklogBase: 16,
  /** Per-worker: the young generation limit (MB) its thread was started with, at 24 + index. */
  YoungGenBase: 24,
} as const;

export interface PoolTestData {
  readonly seen: SharedArrayBuffer;
  readonly words: SharedArrayBuffer;
}

export const RECORD_TYPE = 9;

/** A 2-int32 payload. */
export function ints(a: number, b = 0): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, a, true);
  view.setInt32(4, b, true);
  return bytes;
}
