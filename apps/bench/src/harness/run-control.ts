import { CONTROL_ABORT, CONTROL_ARRIVED, CONTROL_BYTES, CONTROL_DONE } from '../layout.js';

/**
 * Worker-side helpers for cross-thread runs: a start barrier, an abort flag, a clock that reads
 * the same on every thread, and a meter of time spent stalled. Layout in ../layout.ts.
 */

/** Allocates a fresh control block for one run (main thread). */
export function createControl(): SharedArrayBuffer {
  return new SharedArrayBuffer(CONTROL_BYTES);
}

/**
 * Milliseconds on a clock shared by all threads of the process: each thread's `performance.now()`
 * counts from its own start, `timeOrigin` puts them on one axis (sub-microsecond precision).
 */
export function sharedClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Thrown in a worker that was told another worker failed. */
export class RunAborted extends Error {
  override readonly name = 'RunAborted';
}

/** Marks the run as failed so other workers stop waiting. Any thread. */
export function abortRun(control: Int32Array): void {
  Atomics.store(control, CONTROL_ABORT, 1);
}

/** Whether another worker aborted the run. Any thread; may be stale by one check. */
export function runAborted(control: Int32Array): boolean {
  return Atomics.load(control, CONTROL_ABORT) !== 0;
}

/**
 * Waits until `parties` workers have arrived (busy spin: the wait is short and parking would add
 * wake-up jitter to the start). Throws `RunAborted` if a worker aborts meanwhile.
 */
export function arriveAndWait(control: Int32Array, parties: number): void {
  Atomics.add(control, CONTROL_ARRIVED, 1);
  let spins = 0;
  while (Atomics.load(control, CONTROL_ARRIVED) < parties) {
    if ((++spins & 0xffff) === 0 && runAborted(control)) throw new RunAborted('run aborted');
  }
}

/** Counts a finished producer; true for the last of `producers` (it sends the stop pills). */
export function producerDone(control: Int32Array, producers: number): boolean {
  return Atomics.add(control, CONTROL_DONE, 1) === producers - 1;
}

/**
 * Time a thread spends stalled (queue empty for a consumer, full for a producer). A stall is
 * timed only once it has lasted `STALL_POLLS` failed attempts, so short contention counts as
 * work and the clock is read at most twice per long stall, never per item.
 */
export const STALL_POLLS = 64;

export class StallMeter {
  private misses = 0;
  private since = 0;
  /** Milliseconds spent in long stalls so far. */
  stalledMs = 0;

  /** One failed attempt. */
  miss(): void {
    if (++this.misses === STALL_POLLS) this.since = performance.now();
  }

  /** One successful attempt, ending any stall. */
  hit(): void {
    if (this.misses >= STALL_POLLS) this.stalledMs += performance.now() - this.since;
    this.misses = 0;
  }

  /** Busy fraction of a run that lasted `elapsedMs`. */
  busyFraction(elapsedMs: number): number {
    this.hit();
    if (elapsedMs <= 0) return 1;
    return Math.min(1, Math.max(0, 1 - this.stalledMs / elapsedMs));
  }
}
