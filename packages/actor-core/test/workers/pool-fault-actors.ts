import { t } from '@zactor/serializer';
import type { PoolQueueWords } from '../../src/cluster/pool/pool-record.js';
import { type ActorContext, defineCluster, OneForOneStrategy } from '../../src/index.js';
import { slowTask } from './slow-task.js';

/** Dead letters this worker's system saw: [reason, message id or -1]. */
const letters: [string, number][] = [];
/** This worker's node id (its index). */
let myNode = -1;

/** Test actors for pool-faults.test.ts; every thread loads this module. */
export default defineCluster({
  supervisor: new OneForOneStrategy({ maxRestarts: 1000, withinMs: 10_000 }),
  messages: {
    task: t.struct({ id: t.u32, work: t.u32 }),
    wedge: t.struct({ pool: t.ref }),
    halfDone: t.struct({ pool: t.ref, side: t.u32 }),
    done: t.struct({ id: t.u32, worker: t.u32 }),
  },
  setup({ system, nodeId }) {
    myNode = nodeId;
    system.events.subscribe(
      (e) => {
        const m = e.message as { id?: unknown } | undefined;
        letters.push([
          e.reason,
          typeof m?.id === 'number' ? m.id : typeof e.message === 'number' ? e.message : -1,
        ]);
      },
      ['dead-letter'],
    );
  },
  actors: {
    slow: slowTask,
    /**
     * Stops in the middle of a queue operation of its worker, as a worker terminated there
     * would: claims a cell of the pool's queue (side 0) and never publishes it, or acquires the
     * next record (side 1, waiting for one, `flag[1]` raised meanwhile) and never releases it;
     * raises `flag[0]` to 1 + side, then spins until the worker is killed. It
     * uses this worker's own views of the queue (the pool ref decodes to the worker's target).
     */
    halfDone:
      (args: { flag: SharedArrayBuffer }) =>
      (message: { pool: { cell: unknown }; side: number }) => {
        const flag = new Int32Array(args.flag);
        const { words } = (message.pool.cell as { parts: { words: PoolQueueWords } }).parts;
        let at = -1;
        if (message.side === 0) at = words.queue.tryClaim(words.slot);
        else {
          Atomics.store(flag, 1, 1); // spinning: this worker feeds its routee nothing from now on
          while (at < 0) at = words.queue.tryAcquire(words.slot);
        }
        Atomics.store(flag, 0, 1 + message.side);
        for (;;) {}
      },
    /**
     * Handles a pool task (replies `done`), then tells itself a follow-up that throws: a failure
     * on a message that did not come from the pool.
     */
    followUp: () => (message: { type: string; id: number }, ctx: ActorContext<unknown>) => {
      if (message.type === 'boom') throw new Error('follow-up failed');
      ctx.reply({ type: 'done', id: message.id, worker: ctx.self.worker });
      ctx.self.tell({ type: 'boom' });
    },
    /**
     * Tells `pool` a task whose encoding never ends (a getter that spins, as user code stuck in
     * a loop does), after raising `flag` so the test knows the codec is running.
     */
    wedger:
      (args: { flag: SharedArrayBuffer }) => (message: { pool: { tell(m: unknown): boolean } }) => {
        const flag = new Int32Array(args.flag);
        message.pool.tell({
          type: 'task',
          work: 0,
          get id(): number {
            Atomics.store(flag, 0, 1);
            for (;;) {}
          },
        });
      },
    /**
     * Replies `done` with its worker. Its factory on worker 0 waits until `gate[0]` is raised
     * (a slow spawn there); elsewhere it raises `gate[1]` (spawned).
     */
    gated: (args: { gate: SharedArrayBuffer }) => {
      const gate = new Int32Array(args.gate);
      if (myNode === 0) Atomics.wait(gate, 0, 0, 50_000);
      else Atomics.store(gate, 1, 1);
      return (message: { id: number }, ctx: ActorContext<unknown>) => {
        ctx.reply({ type: 'done', id: message.id, worker: ctx.self.worker });
      };
    },
    /** Throws on any number (a pool task that always fails). */
    thrower: () => (message: unknown) => {
      if (typeof message === 'number') throw new Error(`cannot handle ${String(message)}`);
    },
    /** Replies `done` with its worker. */
    echo: () => (message: { id: number }, ctx: ActorContext<unknown>) => {
      ctx.reply({ type: 'done', id: message.id, worker: ctx.self.worker });
    },
    /** Replies with this worker's dead letters so far (JSON). */
    letters: () => (_message: unknown, ctx: ActorContext<unknown>) => {
      ctx.reply({ letters: JSON.stringify(letters) });
    },
  },
});
