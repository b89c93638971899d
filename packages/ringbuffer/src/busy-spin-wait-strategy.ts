import type { WaitStrategy } from './wait-strategy.js';
import type { Waitable } from './waitable.js';

/** How many polls between two clock reads; keeps `performance.now()` off most iterations. */
const POLLS_PER_CLOCK_READ = 1024;

/**
 * Polls the ring without ever sleeping (Disruptor's `BusySpinWaitStrategy`): the lowest
 * wake-up latency, at the price of a whole core. Never parks, so producers never notify.
 */
export class BusySpinWaitStrategy implements WaitStrategy {
  waitFor(target: Waitable, timeoutMs: number = Number.POSITIVE_INFINITY): boolean {
    if (target.hasItems()) return true;
    const deadline = performance.now() + timeoutMs;
    for (let polls = 1; ; polls++) {
      if (target.hasItems()) return true;
      if (polls % POLLS_PER_CLOCK_READ === 0 && performance.now() >= deadline) return false;
    }
  }
}

BusySpinWaitStrategy satisfies new () => WaitStrategy;
