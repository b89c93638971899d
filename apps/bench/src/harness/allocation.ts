import { GCProfiler, getHeapStatistics } from 'node:v8';

/**
 * Counts the bytes allocated on the V8 heap while it runs, from V8's own GC statistics (the
 * method of packages/actor-core/bench/allocation.ts): for each GC in between, used-before minus
 * used-after-the-previous-GC, plus the growth since the last GC. Short-lived objects are
 * included; memory outside the JS heap (ArrayBuffers' backing stores) is not.
 */
export class AllocationMeter {
  private readonly profiler = new GCProfiler();
  private readonly startUsed: number;

  constructor() {
    this.startUsed = getHeapStatistics().used_heap_size;
    this.profiler.start();
  }

  /** Stops measuring; returns the bytes allocated since construction. */
  stop(): number {
    const endUsed = getHeapStatistics().used_heap_size;
    const { statistics } = this.profiler.stop();
    let bytes = 0;
    let previousAfter = this.startUsed;
    for (const gc of statistics) {
      bytes += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - previousAfter);
      previousAfter = gc.afterGC.heapStatistics.usedHeapSize;
    }
    return bytes + Math.max(0, endUsed - previousAfter);
  }
}
