import { MemPoolError } from './errors.js';

/** How many blocks (or objects) of one class are handed out and not yet returned. */
export interface OutstandingCount {
  /** The class, e.g. `'256 B blocks'` or `'objects'`. */
  readonly label: string;
  readonly outstanding: number;
}

/**
 * Role: anything that can say what it has handed out and not got back. `SharedSlabPool`,
 * `SizeClassAllocator` and `ObjectPool` fill it, so one leak check covers all of them.
 */
export interface LeakTracked {
  /** One entry per class. For shared pools the counts are snapshots (see each `outstanding()`). */
  outstandingByClass(): readonly OutstandingCount[];
}

/**
 * Throws a `MemPoolError` (code `LEAK`) listing every class that still has blocks or objects
 * handed out. Meant for `afterEach(() => assertNoLeaks(pool))`, so a test that forgets a free
 * fails by name. Call it once the workers that used the pool have finished: the counts of a
 * shared pool are only exact when no alloc or free is in flight.
 */
export function assertNoLeaks(target: LeakTracked, context?: string): void {
  const leaks = target.outstandingByClass().filter((entry) => entry.outstanding !== 0);
  if (leaks.length === 0) return;
  const total = leaks.reduce((sum, entry) => sum + entry.outstanding, 0);
  const detail = leaks.map((entry) => `${entry.label}: ${entry.outstanding}`).join(', ');
  const where = context === undefined ? '' : ` (${context})`;
  throw new MemPoolError('assertNoLeaks', 'LEAK', `${total} outstanding${where}: ${detail}`);
}

/** `64 B`, `1 KiB`, `16 KiB`, `1 MiB`: labels for block sizes in reports. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1 << 10 && bytes % (1 << 10) === 0) return `${bytes / (1 << 10)} KiB`;
  return `${bytes} B`;
}
