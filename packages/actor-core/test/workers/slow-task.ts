import type { ActorContext } from '../../src/index.js';

/**
 * The pool tests' `slow` kind: spins for `work` microseconds of wall time, then replies `done`
 * (a known, slow task).
 */
export const slowTask =
  () =>
  (message: { id: number; work: number }, ctx: ActorContext<unknown>): void => {
    const until = performance.now() + message.work / 1000;
    while (performance.now() < until) {}
    ctx.reply({ type: 'done', id: message.id, worker: ctx.self.worker });
  };
