import { resourceLimits } from 'node:worker_threads';
import { t } from '@zactor/serializer';
import { seededRandom } from '@zactor/testing';
import {
  type ActorContext,
  type AnyActorRef,
  defineCluster,
  OneForOneStrategy,
} from '../../src/index.js';
import { slowTask } from './slow-task.js';

/** Burns about `units` small steps of CPU (the task's cost). */
function burn(units: number): number {
  let x = 0;
  for (let i = 0; i < units * 64; i++) x = (x * 31 + i) | 0;
  return x;
}

/** The work of a task that stops a `mortal` routee. */
export const STOP_WORK = 4_000_000_000;

/** Test actors for the balancing-pool tests; every thread loads this module. */
export default defineCluster({
  supervisor: new OneForOneStrategy({ maxRestarts: 1000, withinMs: 10_000 }),
  messages: {
    task: t.struct({ id: t.u32, work: t.u32 }),
    done: t.struct({ id: t.u32, worker: t.u32 }),
    who: t.struct({ id: t.u32, routee: t.f64 }),
    'stop-pool': t.struct({ pool: t.ref }),
    produce: t.struct({
      pool: t.ref,
      collector: t.ref,
      first: t.u32,
      count: t.u32,
      seed: t.u32,
    }),
  },
  actors: {
    slow: slowTask,
    /** Does the task's work and replies `done` with its worker. */
    worker: () => (message: { id: number; work: number }, ctx: ActorContext<unknown>) => {
      burn(message.work);
      ctx.reply({ type: 'done', id: message.id, worker: ctx.self.worker });
    },
    /** Does the task's work and replies `who` with its own id (which routee took it). */
    whoami: () => (message: { id: number; work: number }, ctx: ActorContext<unknown>) => {
      burn(message.work);
      ctx.reply({ type: 'who', id: message.id, routee: ctx.self.id });
    },
    /** Like `whoami`; a task of work `STOP_WORK` stops the routee instead (no answer). */
    mortal: () => (message: { id: number; work: number }, ctx: ActorContext<unknown>) => {
      if (message.work === STOP_WORK) ctx.stop();
      else ctx.reply({ type: 'who', id: message.id, routee: ctx.self.id });
    },
    /** Like `worker`, but throws on ids that end in 13 (so a restart is needed). */
    fragile: () => (message: { id: number; work: number }, ctx: ActorContext<unknown>) => {
      if (message.id % 100 === 13) throw new Error(`task ${message.id} is cursed`);
      ctx.reply({ type: 'done', id: message.id, worker: ctx.self.worker });
    },
    /** Replies `done` with its worker's young generation limit (MB; 0: Node's default) as id. */
    limits: () => (_message: { id: number }, ctx: ActorContext<unknown>) => {
      const id = Math.round(resourceLimits.maxYoungGenerationSizeMb ?? 0);
      ctx.reply({ type: 'done', id, worker: ctx.self.worker });
    },
    /** Stops the pool it is given, from its worker (`system.stop` of the ref it decoded). */
    stopper: () => (message: { pool: AnyActorRef }, ctx: ActorContext<unknown>) => {
      ctx.system.stop(message.pool);
    },
    /**
     * Sends `count` tasks from id `first` on to `pool` with `collector` as their sender (the
     * replies go there), with seeded work: a producer on a worker, racing the main thread's.
     */
    producer:
      () =>
      (message: {
        pool: AnyActorRef;
        collector: AnyActorRef;
        first: number;
        count: number;
        seed: number;
      }) => {
        const random = seededRandom(message.seed);
        for (let i = 0; i < message.count; i++) {
          const work = Math.floor(random() * 20);
          message.pool.tell({ type: 'task', id: message.first + i, work }, message.collector);
        }
      },
  },
});
