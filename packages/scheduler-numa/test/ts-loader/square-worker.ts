import { defineWorker, type Task, type WorkerContext } from '../../src/index.js';

/** Typed on purpose: this module only loads where a TypeScript loader runs. */
const squareOf = (n: number): number => n * n;

/** Task 1: stores the square of the payload's int32 into word 0 of `context.data`. */
export default defineWorker({
  tasks: {
    1: (task: Task, context: WorkerContext) => {
      Atomics.store(
        new Int32Array(context.data as SharedArrayBuffer),
        0,
        squareOf(task.view.getInt32(0, true)),
      );
    },
  },
});
