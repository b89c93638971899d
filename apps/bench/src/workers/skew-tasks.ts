/**
 * Worker module of the skewed-load scenario's deque variant (suites/balancing): scheduler-numa
 * tasks instead of actors. Task kind 1 carries (id u32, units u32, loopsPerUnit u32), does the
 * same work as ZActor's `skewTask` and piscina's worker, and writes into the shared arrays of
 * the pool's workerData when it finished (ms since the time origin) and how long its worker
 * spent in tasks. Each element has one writer (the task's own worker); the main thread reads
 * them after `pool.idle()`, whose Atomics loads order them.
 */
import { defineWorker, type Task, type WorkerContext } from '@zactor/scheduler-numa';
import { burn } from '../suites/balancing/skew-work.js';

export interface SkewTaskBuffers {
  /** Float64 per task: when it finished, performance.timeOrigin + performance.now(). */
  readonly doneAt: SharedArrayBuffer;
  /** Float64 per worker: milliseconds spent inside tasks. */
  readonly busyMs: SharedArrayBuffer;
  /** Int32 per worker: the work's results, xored (kept so the work cannot be optimised away). */
  readonly mix: SharedArrayBuffer;
}

let doneAt: Float64Array<ArrayBufferLike> = new Float64Array(0);
let busyMs: Float64Array<ArrayBufferLike> = new Float64Array(0);
let mix: Int32Array<ArrayBufferLike> = new Int32Array(0);

export default defineWorker({
  setup(context: WorkerContext) {
    const buffers = context.data as SkewTaskBuffers;
    doneAt = new Float64Array(buffers.doneAt);
    busyMs = new Float64Array(buffers.busyMs);
    mix = new Int32Array(buffers.mix);
  },
  tasks: {
    1: (task: Task, context: WorkerContext) => {
      const id = task.view.getUint32(0, true);
      const units = task.view.getUint32(4, true);
      const loopsPerUnit = task.view.getUint32(8, true);
      const start = performance.now();
      mix[context.workerIndex]! ^= burn(units, loopsPerUnit);
      const end = performance.now();
      busyMs[context.workerIndex]! += end - start;
      doneAt[id] = performance.timeOrigin + end;
    },
  },
});
