import { leastLoaded, type Placement, type PlacementView } from './placement.js';

/**
 * The running worker with the smallest load (placement units plus queued tasks, read from the
 * shared control blocks). Ties rotate, so equal workers share new work instead of the first
 * one taking it all. Not thread-safe: one instance per thread.
 */
export class LeastLoadedPlacement implements Placement {
  private start = 0;

  place(view: PlacementView): number {
    const i = leastLoaded(view, this.start, -1);
    this.start = (this.start + 1) % view.workerCount;
    return i;
  }
}

LeastLoadedPlacement satisfies new () => Placement;
