import { spinCount } from './spin-count.js';
import type { AsyncWaitStrategy } from './wait-strategy.js';
import type { Waitable } from './waitable.js';

export interface AsyncParkOptions {
  /** Polls before parking (default 256). */
  readonly spins?: number;
}

/**
 * Polls briefly, then parks on `Atomics.waitAsync`, so the thread (main thread or a worker
 * with I/O) keeps serving its event loop while it waits. A timer handle is held while parked,
 * because a pending `waitAsync` alone does not keep Node alive.
 */
export class AsyncParkWaitStrategy implements AsyncWaitStrategy {
  readonly spins: number;

  /** @throws RingBufferError `INVALID_ARGUMENT` unless `spins` is a non-negative integer. */
  constructor(options: AsyncParkOptions = {}) {
    this.spins = spinCount('AsyncParkWaitStrategy.constructor', options.spins, 256);
  }

  async waitForAsync(
    target: Waitable,
    timeoutMs: number = Number.POSITIVE_INFINITY,
  ): Promise<boolean> {
    for (let i = 0; i <= this.spins; i++) if (target.hasItems()) return true;
    const deadline = performance.now() + timeoutMs;
    const signal = target.wakeSignal;
    for (;;) {
      const token = signal.prepare();
      // Re-check after announcing the park (see WakeSignal).
      if (target.hasItems()) {
        signal.cancel();
        return true;
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        signal.cancel();
        return false;
      }
      await signal.parkAsync(token, remaining);
      if (target.hasItems()) return true;
    }
  }
}

AsyncParkWaitStrategy satisfies new (
  options?: AsyncParkOptions,
) => AsyncWaitStrategy;
