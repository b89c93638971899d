import { SchedulerError } from './errors.js';
import type { Placement, PlacementView } from './placement.js';

/**
 * Always the same worker, running or not: work sent to a dead worker waits in its queues for a
 * restart (or for thieves, when stealing is on). -1 only when the index is outside the pool.
 */
export class PinnedPlacement implements Placement {
  constructor(readonly workerIndex: number) {
    if (!Number.isInteger(workerIndex) || workerIndex < 0) {
      throw new SchedulerError(
        'PinnedPlacement.constructor',
        'INVALID_WORKER_INDEX',
        `workerIndex (${workerIndex}) must be a non-negative integer`,
      );
    }
  }

  place(view: PlacementView): number {
    return this.workerIndex < view.workerCount ? this.workerIndex : -1;
  }
}

PinnedPlacement satisfies new (
  workerIndex: number,
) => Placement;
