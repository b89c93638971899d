import { defineWorker, type Task } from '../../src/index.js';

/** Kind 1: `iterations` (int32 payload) rounds of integer mixing: a small CPU-bound task. */
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
