import type { Placement, PlacementView } from './placement.js';

/** Utilisations closer than this count as equal; the backlog and load words decide then. */
const UTILISATION_TOLERANCE = 0.05;

/**
 * The running worker whose event loop is least busy (the utilisation each worker publishes in
 * its control block); ties within 5 points go to the smaller backlog (work waiting in the
 * worker's own queues, e.g. messages in its actors' mailboxes: the utilisation is as old as
 * its metrics interval, the backlog as old as the worker's last turn), then to the smaller
 * load (placement units plus queued tasks), then rotate. On a machine with several NUMA nodes
 * only the caller's node is considered while it has a running worker. Not thread-safe: one
 * instance per thread.
 */
export class LoadAwarePlacement implements Placement {
  private start = 0;

  place(view: PlacementView): number {
    const n = view.workerCount;
    const start = this.start;
    this.start = (start + 1) % n;
    const local = this.best(view, start, view.currentNode());
    return local >= 0 ? local : this.best(view, start, -1);
  }

  /** The best running worker on `node` (-1: any node), or -1 when none runs there. */
  private best(view: PlacementView, start: number, node: number): number {
    const n = view.workerCount;
    let best = -1;
    let bestUtilisation = 0;
    let bestBacklog = 0;
    let bestLoad = 0;
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      if (!view.isAlive(i) || (node >= 0 && view.nodeOf(i) !== node)) continue;
      const utilisation = view.utilisationOf?.(i) ?? 0;
      const backlog = view.backlogOf?.(i) ?? 0;
      const load = view.loadOf(i);
      const better =
        best < 0 ||
        utilisation < bestUtilisation - UTILISATION_TOLERANCE ||
        (utilisation <= bestUtilisation + UTILISATION_TOLERANCE &&
          (backlog < bestBacklog || (backlog === bestBacklog && load < bestLoad)));
      if (better) {
        best = i;
        bestUtilisation = utilisation;
        bestBacklog = backlog;
        bestLoad = load;
      }
    }
    return best;
  }
}

LoadAwarePlacement satisfies new () => Placement;
