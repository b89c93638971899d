import type { Clock, TimerHandle } from './clock.js';
import { BatcherError } from './errors.js';

interface PendingTimer {
  readonly id: number;
  readonly due: number;
  readonly callback: () => void;
}

/**
 * A clock that moves only when told to, for deterministic tests: `advance(ms)` fires every
 * timer that falls due, in due order (ties in the order they were set), with `now()` reading
 * each timer's due time while its callback runs. Timers set by a callback fire in the same
 * `advance` if they fall inside its window.
 *
 * Single-threaded, like the real timers it stands in for.
 */
export class ManualClock implements Clock {
  private time: number;
  private nextId = 1;
  private advancing = false;
  // Sorted by (due, id); tests hold a handful of timers, so an insertion-sorted array is plenty.
  private readonly timers: PendingTimer[] = [];

  constructor(startMs = 0) {
    if (!Number.isFinite(startMs)) {
      throw new BatcherError(
        'ManualClock.constructor',
        'INVALID_ARGUMENT',
        `startMs (${startMs}) must be a finite number`,
      );
    }
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    // Like the platform: a negative or NaN delay means "as soon as possible".
    let delay = ms;
    if (!(delay > 0)) delay = 0;
    const due = this.time + delay;
    const timer: PendingTimer = { id: this.nextId++, due, callback };
    let at = this.timers.length;
    while (at > 0 && this.timers[at - 1]!.due > due) at--;
    this.timers.splice(at, 0, timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    const at = this.timers.findIndex((timer) => timer.id === handle);
    if (at >= 0) this.timers.splice(at, 1);
  }

  /**
   * Moves time forward by `ms` (0 runs the timers already due), firing due timers on the way.
   * An exception from a callback propagates; the clock then stands at that timer's due time.
   */
  advance(ms: number): void {
    if (!(ms >= 0) || ms === Number.POSITIVE_INFINITY) {
      throw new BatcherError(
        'ManualClock.advance',
        'INVALID_ARGUMENT',
        `ms (${ms}) must be a finite number >= 0`,
      );
    }
    if (this.advancing) {
      throw new BatcherError(
        'ManualClock.advance',
        'REENTRANT_CALL',
        'advance() was called from inside a timer callback',
      );
    }
    const end = this.time + ms;
    this.advancing = true;
    try {
      for (;;) {
        const next = this.timers[0];
        if (next === undefined || next.due > end) break;
        this.timers.shift();
        this.time = next.due;
        next.callback();
      }
      this.time = end;
    } finally {
      this.advancing = false;
    }
  }

  /** How many timers are set and not yet fired or cleared. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** The due time of the earliest pending timer, or `undefined` when none is pending. */
  get nextDueAt(): number | undefined {
    return this.timers[0]?.due;
  }
}
