import { GCProfiler, getHeapStatistics } from 'node:v8';

/**
 * Bytes allocated on this thread's V8 heap since the counter was made, from V8's own GC
 * statistics: for each garbage collection, the heap used before it minus the heap used after the
 * previous one, plus the growth since the last collection. Short-lived objects count (a plain
 * heap-size difference misses everything a scavenge reclaimed); memory outside the JS heap
 * (ArrayBuffer backing stores, SharedArrayBuffers) does not.
 *
 * Cost: V8 reports each GC to the profiler (a few hundred bytes per GC); `read` stops and
 * restarts it to collect the reports. Thread contract: the thread that made it.
 */
export class AllocationCounter {
  private readonly profiler = new GCProfiler();
  /** Bytes counted up to the last collection seen. */
  private collected = 0;
  /** Heap used right after the last collection seen (or at construction). */
  private usedAfter: number;
  private closed = false;
  private last = 0;

  constructor() {
    this.usedAfter = getHeapStatistics().used_heap_size;
    this.profiler.start();
  }

  /** Bytes allocated so far. */
  read(): number {
    if (this.closed) return this.last;
    const report = this.profiler.stop();
    const used = getHeapStatistics().used_heap_size;
    this.profiler.start();
    for (const gc of report?.statistics ?? []) {
      this.collected += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - this.usedAfter);
      this.usedAfter = gc.afterGC.heapStatistics.usedHeapSize;
    }
    this.last = this.collected + Math.max(0, used - this.usedAfter);
    return this.last;
  }

  /** Stops listening to the GC; `read` returns the last figure from then on. */
  close(): void {
    if (this.closed) return;
    this.read();
    this.closed = true;
    this.profiler.stop();
  }
}
