import type { Waitable } from './waitable.js';

/**
 * Role: how a consumer thread waits for a shared ring to have items (after the Disruptor's
 * `WaitStrategy`). Only consumers wait; producers never block, they get `-1`/`0`/`false` when
 * the ring is full and decide for themselves.
 */
export interface WaitStrategy {
  /**
   * Consumer threads only. Returns true as soon as `target.hasItems()`, or false once
   * `timeoutMs` (default: forever) has passed without items.
   */
  waitFor(target: Waitable, timeoutMs?: number): boolean;
}

/** Role: like `WaitStrategy`, for a consumer that must keep its event loop running. */
export interface AsyncWaitStrategy {
  /** Consumer threads only. Resolves true when `target.hasItems()`, false after `timeoutMs`. */
  waitForAsync(target: Waitable, timeoutMs?: number): Promise<boolean>;
}
