/**
 * Worker module for the scheduler suite's WorkerPool (its default export is the definition the
 * pool's own worker entry loads). Task kind 1 runs `iterations` (int32 payload) rounds of integer
 * mixing: a small CPU-bound task of a few microseconds.
 */
import { defineWorker, type Task } from '@zactor/scheduler-numa';

let sink = 0;

export default defineWorker({
  tasks: {
    1: (task: Task) => {
      let x = sink | 1;
      for (let i = task.view.getInt32(0, true); i > 0; i--)
        x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
      sink = x;
    },
  },
});
