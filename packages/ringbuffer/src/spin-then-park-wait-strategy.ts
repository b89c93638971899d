import { spinCount } from './spin-count.js';
import type { WaitStrategy } from './wait-strategy.js';
import type { Waitable } from './waitable.js';

export interface SpinThenParkOptions {
  /** Polls before parking (default 4096, roughly tens of microseconds). */
  readonly spins?: number;
}

/**
 * Polls `spins` times, then sleeps in `Atomics.wait` until a producer notifies (the
 * Disruptor's `SleepingWaitStrategy`/`BlockingWaitStrategy` hybrid). Blocks the calling
 * thread, so it belongs in a worker that owns no I/O; use `AsyncParkWaitStrategy` where the
 * event loop must keep running.
 */
export class SpinThenParkWaitStrategy implements WaitStrategy {
  readonly spins: number;

  /** @throws RingBufferError `INVALID_ARGUMENT` unless `spins` is a non-negative integer. */
  constructor(options: SpinThenParkOptions = {}) {
    this.spins = spinCount('SpinThenParkWaitStrategy.constructor', options.spins, 4096);
  }

  waitFor(target: Waitable, timeoutMs: number = Number.POSITIVE_INFINITY): boolean {
    for (let i = 0; i <= this.spins; i++) if (target.hasItems()) return true;
    const deadline = performance.now() + timeoutMs;
    const signal = target.wakeSignal;
    for (;;) {
      const token = signal.prepare();
      // Re-check after announcing the park: a producer that published before it saw no
      // parked consumer and will not notify.
      if (target.hasItems()) {
        signal.cancel();
        return true;
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        signal.cancel();
        return false;
      }
      signal.park(token, remaining);
      if (target.hasItems()) return true;
    }
  }
}

SpinThenParkWaitStrategy satisfies new (
  options?: SpinThenParkOptions,
) => WaitStrategy;
