import { leastLoaded, type Placement, type PlacementView } from './placement.js';

/**
 * The least-loaded running worker on the caller's NUMA node, so the work lands next to the
 * memory the caller just wrote; any running worker when the node has none. Not thread-safe:
 * one instance per thread.
 */
export class NumaLocalPlacement implements Placement {
  private start = 0;

  place(view: PlacementView): number {
    const start = this.start;
    this.start = (start + 1) % view.workerCount;
    const local = leastLoaded(view, start, view.currentNode());
    return local >= 0 ? local : leastLoaded(view, start, -1);
  }
}

NumaLocalPlacement satisfies new () => Placement;
