import type { Placement, PlacementView } from './placement.js';

/**
 * Each running worker in turn. Not thread-safe: give each thread its own instance (turns are
 * then per thread, which is what spreading needs).
 */
export class RoundRobinPlacement implements Placement {
  private next = 0;

  place(view: PlacementView): number {
    const n = view.workerCount;
    for (let k = 0; k < n; k++) {
      const i = (this.next + k) % n;
      if (view.isAlive(i)) {
        this.next = (i + 1) % n;
        return i;
      }
    }
    return -1;
  }
}

RoundRobinPlacement satisfies new () => Placement;
