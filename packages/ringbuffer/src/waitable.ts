import type { WakeSignal } from './wake-signal.js';

/**
 * Role: the consumer side of a shared ring, as seen by a wait strategy. Implemented by
 * `SpscRing`, `MpscRing` and `MpmcQueue`.
 */
export interface Waitable {
  /** The ring's parking words; producers notify through it after publishing. */
  readonly wakeSignal: WakeSignal;
  /**
   * Consumer threads only. Whether an item is ready now, by an Atomics.load (acquire) of the
   * word that publishes it. With several consumers (MpmcQueue) a `true` may be stale by the
   * time the caller acts on it.
   */
  hasItems(): boolean;
}
