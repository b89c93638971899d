import type { AnyCell } from './actor-cell.js';

/**
 * The cells of this thread that asks are waiting on, with how many each: a stopping cell looks
 * itself up here so the asks to it fail at once (`ASK_TARGET_STOPPED`) instead of timing out.
 * Kept by the system rather than as a counter in every cell: most actors are never asked, and
 * a field in each of a million cells is 8 MB. A stop with no ask in flight costs one size check.
 *
 * Thread contract: owned by one system; used on its thread only.
 */
export class AskedCells {
  private readonly counts = new Map<AnyCell, number>();

  /** An ask to `cell` is in flight. */
  add(cell: AnyCell): void {
    this.counts.set(cell, (this.counts.get(cell) ?? 0) + 1);
  }

  /** An ask to `cell` settled. */
  remove(cell: AnyCell): void {
    const n = this.counts.get(cell);
    if (n === undefined) return;
    if (n <= 1) this.counts.delete(cell);
    else this.counts.set(cell, n - 1);
  }

  /** Whether asks wait on `cell`. */
  has(cell: AnyCell): boolean {
    return this.counts.size !== 0 && this.counts.has(cell);
  }
}
