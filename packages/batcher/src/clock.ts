/**
 * An opaque timer handle: whatever the clock's `setTimeout` returned (a Node `Timeout`
 * object for {@link SystemClock}, a number for {@link ManualClock}).
 */
export type TimerHandle = object | number;

/**
 * The time source every timed piece of this package reads, injected so tests can drive
 * time by hand ({@link ManualClock}) instead of sleeping.
 *
 * Single-threaded: a clock belongs to one event loop; its timers fire on that loop.
 */
export interface Clock {
  /** Milliseconds since an arbitrary origin, monotonic, sub-millisecond resolution. */
  now(): number;
  /** Calls `callback` once, `ms` milliseconds from now (a delay below 0 counts as 0). */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer that has not fired yet; unknown or fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}
