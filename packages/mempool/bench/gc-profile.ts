import { GCProfiler, getHeapStatistics } from 'node:v8';

/** What a fixed number of iterations cost the garbage collector. */
export interface GcFigures {
  /** Estimated bytes allocated on the V8 heap per iteration. */
  readonly heapBytesPerOp: number;
  /** Estimated bytes of off-heap backing stores (ArrayBuffers) allocated per iteration. */
  readonly externalBytesPerOp: number;
  readonly gcCount: number;
  /** Time spent in GC pauses during the run, in milliseconds. */
  readonly gcMs: number;
  readonly totalMs: number;
}

/**
 * Runs `batch(batchSize)` `batches` times under V8's GCProfiler. Allocation is estimated from the heap
 * and external sizes just before each GC minus just after the previous one (plus the growth
 * after the last), which is what the mutator allocated in between.
 */
export function profileGc(
  batches: number,
  batchSize: number,
  batch: (n: number) => void,
): GcFigures {
  const iterations = batches * batchSize;
  const start = getHeapStatistics();
  let heap = start.used_heap_size;
  let external = start.external_memory;
  const profiler = new GCProfiler();
  const began = performance.now();
  profiler.start();
  for (let b = 0; b < batches; b++) batch(batchSize);
  const result = profiler.stop();
  const totalMs = performance.now() - began;
  const end = getHeapStatistics();
  let heapBytes = 0;
  let externalBytes = 0;
  let gcMicros = 0;
  for (const gc of result?.statistics ?? []) {
    heapBytes += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - heap);
    externalBytes += Math.max(0, gc.beforeGC.heapStatistics.externalMemory - external);
    heap = gc.afterGC.heapStatistics.usedHeapSize;
    external = gc.afterGC.heapStatistics.externalMemory;
    gcMicros += gc.cost;
  }
  heapBytes += Math.max(0, end.used_heap_size - heap);
  externalBytes += Math.max(0, end.external_memory - external);
  return {
    heapBytesPerOp: heapBytes / iterations,
    externalBytesPerOp: externalBytes / iterations,
    gcCount: result?.statistics.length ?? 0,
    gcMs: gcMicros / 1000,
    totalMs,
  };
}
