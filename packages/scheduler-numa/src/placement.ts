/**
 * Role: what a placement policy may know about a pool. Implemented by `WorkerPool` (on the
 * thread that owns the pool) and by the `WorkerContext` inside each worker, so actors and tasks
 * can be placed from any thread. Every answer is read from shared memory and may be stale.
 */
export interface PlacementView {
  readonly workerCount: number;
  /** Placement load units plus queued tasks of worker `workerIndex`. */
  loadOf(workerIndex: number): number;
  /** The NUMA node worker `workerIndex` runs on. */
  nodeOf(workerIndex: number): number;
  /** Whether worker `workerIndex` is running. */
  isAlive(workerIndex: number): boolean;
  /** The NUMA node of the calling thread (0 when it cannot be told). */
  currentNode(): number;
  /**
   * Worker `workerIndex`'s event-loop utilisation over its last metrics interval, 0 to 1.
   * Optional: a view without it reads as idle to the policies that use it.
   */
  utilisationOf?(workerIndex: number): number;
  /**
   * Work waiting in worker `workerIndex`'s own queues as its definition counts it (an actor
   * runtime: messages in mailboxes), as the worker last published it. Optional: a view
   * without it reads as no backlog.
   */
  backlogOf?(workerIndex: number): number;
}

/**
 * Role: picks the worker for the next actor or task. Policies are called on a hot path: they
 * return -1 rather than throw when no worker fits, and do not allocate.
 */
export interface Placement {
  place(view: PlacementView): number;
}

/**
 * The least-loaded running worker, optionally only among those on `node`; ties go to the first
 * found from `start`. -1 when none qualifies. Shared by the load-aware policies.
 */
export function leastLoaded(view: PlacementView, start: number, node: number): number {
  const n = view.workerCount;
  let best = -1;
  let bestLoad = 0;
  for (let k = 0; k < n; k++) {
    const i = (start + k) % n;
    if (!view.isAlive(i) || (node >= 0 && view.nodeOf(i) !== node)) continue;
    const load = view.loadOf(i);
    if (best < 0 || load < bestLoad) {
      best = i;
      bestLoad = load;
    }
  }
  return best;
}
