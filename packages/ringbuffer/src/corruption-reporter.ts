import type { RingCorruptError } from './errors.js';

/**
 * Role: a shared ring object that validates the words it reads from shared memory. When a call
 * finds one that no correct run writes, it does not use it: it stops in front of it, returns
 * its empty or full sentinel, and records a `RingCorruptError`; from then on the object stops
 * (consumer calls return empty). Implemented by `SpscRing`, `MpscRing` and `MpmcQueue`; the
 * record is per attached object, so each thread asks its own.
 */
export interface CorruptionReporter {
  /** The thread that owns this object. The first corruption it recorded, or undefined. */
  corruption(): RingCorruptError | undefined;
  /** The thread that owns this object. @throws RingCorruptError if one was recorded. */
  check(): void;
}
