import type { RingCorruptError } from './errors.js';

/**
 * Role: a shared ring object that validates the words it reads from shared memory. When a call
 * finds one that no correct run writes, it neither uses nor skips it: it stops in front of it,
 * returns its empty or full sentinel and records a `RingCorruptError`, and later calls do not
 * go past that point either. Implemented by `SpscRing`, `MpscRing` and `MpmcQueue`. The record
 * is per attached object (plain fields, no shared state), so each thread asks its own.
 */
export interface CorruptionReporter {
  /** The thread that owns this object. The first corruption it recorded, or undefined. */
  corruption(): RingCorruptError | undefined;
  /**
   * The thread that owns this object. @throws RingCorruptError if one was recorded. May first
   * run checks too costly for the hot path (MpscRing: the tail against the head).
   */
  check(): void;
}
