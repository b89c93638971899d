/**
 * The actor kinds of the skewed-load scenario (suites/balancing): `skewTask` does one task's
 * work (the same code as piscina's worker) and replies with its worker and the time the work
 * took. Used both as the routee of a balancing pool and as the statically placed actors.
 */
import { type ActorContext, defineCluster } from '@zactor/actor-core';
import { t } from '@zactor/serializer';
import { burn } from '../suites/balancing/skew-work.js';

export type SkewTask = { readonly type: 'task'; readonly id: number; readonly units: number };
export type SkewDone = {
  readonly type: 'done';
  readonly id: number;
  readonly worker: number;
  /** Milliseconds the work took. */
  readonly ms: number;
  /** The work's result, returned so it cannot be optimised away. */
  readonly mix: number;
};

export default defineCluster({
  messages: {
    task: t.struct({ id: t.u32, units: t.u32 }),
    done: t.struct({ id: t.u32, worker: t.u32, ms: t.f64, mix: t.i32 }),
  },
  actors: {
    skewTask: (p: { loopsPerUnit: number }) => (task: SkewTask, ctx: ActorContext<SkewTask>) => {
      const start = performance.now();
      const mix = burn(task.units, p.loopsPerUnit);
      const ms = performance.now() - start;
      ctx.reply({ type: 'done', id: task.id, worker: ctx.self.worker, ms, mix } satisfies SkewDone);
    },
  },
});
