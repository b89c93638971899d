import type { Clock, TimerHandle } from './clock.js';

/**
 * The real clock: `performance.now()` and the platform timers. Timers are unref'd so a
 * pending linger flush never keeps the process alive; call `close()` on an accumulator
 * before exiting if its last items matter.
 */
export class SystemClock implements Clock {
  now(): number {
    return performance.now();
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  }
}

/** The clock used when none is passed in: one shared instance, it has no state. */
export const systemClock: Clock = new SystemClock() satisfies Clock;
