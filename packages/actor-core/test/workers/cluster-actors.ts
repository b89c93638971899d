import { t } from '@zactor/serializer';
import {
  Actor,
  type ActorContext,
  type ActorSystem,
  type AnyActorRef,
  clusterOf,
  defineCluster,
  OneForOneStrategy,
  Terminated,
} from '../../src/index.js';

/** A class kind: a restart makes a fresh instance, so its count starts again. */
class Fragile extends Actor<string> {
  private seen = 0;
  receive(message: string, ctx: ActorContext<string>): void {
    if (message === 'boom') throw new Error('boom');
    this.seen++;
    ctx.reply(this.seen);
  }
}

/** Test actors for the cluster tests; every thread loads this module. */
export type EchoMessage = { type: 'ping'; seq: number; from: AnyActorRef } | { text: string };

export default defineCluster({
  // Generous, so the supervision test can fail an actor many times.
  supervisor: new OneForOneStrategy({ maxRestarts: 100, withinMs: 10_000 }),
  messages: {
    ping: t.struct({ seq: t.u32, from: t.ref }),
    count: t.struct({ n: t.u32 }),
  },
  actors: {
    /** Replies to every message with the same message. */
    echo: () => (message: unknown, ctx: ActorContext<unknown>) => ctx.reply(message),
    /**
     * Spawns `count` actors of `kind` through the cluster from where it runs (worker or main),
     * asks each where it is, and replies with the workers; or with the error code.
     */
    spawner:
      () =>
      (
        message: { kind: string; count: number; worker?: number | 'main' },
        ctx: ActorContext<unknown>,
      ) => {
        const cluster = clusterOf(ctx.system)!;
        const replyTo = ctx.sender!;
        const options = message.worker === undefined ? {} : { worker: message.worker };
        cluster
          .spawnMany(message.kind, message.count, options)
          .then((refs) => Promise.all(refs.map((r) => ctx.system.ask(r, 'where?'))))
          .then(
            (workers) => replyTo.tell({ from: cluster.nodeId, workers }),
            (error: Error & { code?: string }) =>
              replyTo.tell({ error: error.code, text: error.message }),
          );
      },
    /** Allocates `mb` MiB of short-lived heap arrays, then replies how many it made. */
    churn: () => (mb: number, ctx: ActorContext<unknown>) => {
      let made = 0;
      let keep = 0;
      for (let i = 0; i < mb * 4; i++) {
        // 32,768 doubles: 256 KiB of elements on the V8 heap, garbage at once.
        const a = new Array<number>(32_768).fill(i + 0.5);
        keep += a[i % a.length]!;
        made++;
      }
      ctx.reply(keep > 0 ? made : -1);
    },
    /** Replies with where it runs. */
    where: () => (_message: unknown, ctx: ActorContext<unknown>) => ctx.reply(ctx.self.worker),
    /** Counts `count` messages per sender id and answers `{ report: true }` with the tallies. */
    counter: () => {
      const seen = new Map<number, number[]>();
      let total = 0;
      let outOfOrder = 0;
      return (
        message: { type?: string; n?: number; report?: boolean },
        ctx: ActorContext<unknown>,
      ) => {
        if (message.report === true) {
          ctx.reply({ total, outOfOrder, senders: seen.size });
          return;
        }
        const sender = ctx.sender?.id ?? -1;
        let last = seen.get(sender);
        if (last === undefined) seen.set(sender, (last = [-1]));
        if (message.n! !== last[0]! + 1) outOfOrder++;
        last[0] = message.n!;
        total++;
      };
    },
    /** Sends `count` numbered messages to `to` when told `{ go: to, count }`, then replies done. */
    sender: () => (message: { go: AnyActorRef; count: number }, ctx: ActorContext<unknown>) => {
      for (let n = 0; n < message.count; n++) message.go.tell({ type: 'count', n }, ctx.self);
      ctx.reply('sent');
    },
    /** Throws on 'boom', otherwise reports how many messages this instance has seen. */
    fragile: () => Fragile,
    /** Watches the ref it is told, and reports Terminated to whoever asked `{ watch }`. */
    watcher: () => {
      let reportTo: AnyActorRef | null = null;
      return (message: { watch?: AnyActorRef } | Terminated, ctx: ActorContext<unknown>) => {
        if (message instanceof Terminated) {
          reportTo?.tell({ terminated: message.ref.id });
          return;
        }
        if (message.watch !== undefined) {
          reportTo = ctx.sender;
          ctx.watch(message.watch);
          ctx.reply('watching');
        }
      };
    },
    /** Stops itself on 'stop'. */
    stoppable: () => (message: string, ctx: ActorContext<string>) => {
      if (message === 'stop') ctx.stop();
      else ctx.reply(message);
    },
    /** Records postStop in a shared counter passed as args. */
    stopCounter: (counter: SharedArrayBuffer) => ({
      receive() {},
      postStop() {
        Atomics.add(new Int32Array(counter), 0, 1);
      },
    }),
    /** Counts each `count` message it receives in word 0 of `shared` (see `tallyDeadCounts`). */
    tallySink: (shared: SharedArrayBuffer) => {
      const words = new Int32Array(shared);
      return (message: unknown) => {
        if (isCount(message)) Atomics.add(words, 0, 1);
      };
    },
    /** Counts this worker's dead `count` messages by reason into `shared` (see `tallyDeadCounts`). */
    deadTally: (shared: SharedArrayBuffer) => ({
      receive() {},
      preStart(ctx: ActorContext<unknown>) {
        tallyDeadCounts(ctx.system, shared);
      },
    }),
    /** Crashes its whole worker on 'crash'. */
    crasher: () => (message: string, ctx: ActorContext<string>) => {
      if (message === 'crash') {
        setImmediate(() => {
          throw new Error('worker crash (on purpose)');
        });
        return;
      }
      ctx.reply(message);
    },
  },
});

function isCount(message: unknown): boolean {
  return (
    message !== null &&
    typeof message === 'object' &&
    (message as { type?: unknown }).type === 'count'
  );
}

/**
 * Adds the `count` messages `system` dead-letters to `shared`: word 1 for reason `shutdown`,
 * word 2 for `stopped`, word 3 for any other reason (word 0 is the sinks' delivered count).
 */
export function tallyDeadCounts(system: ActorSystem, shared: SharedArrayBuffer): void {
  const words = new Int32Array(shared);
  system.events.subscribe(
    (event) => {
      if (event.type !== 'dead-letter' || !isCount(event.message)) return;
      const word = event.reason === 'shutdown' ? 1 : event.reason === 'stopped' ? 2 : 3;
      Atomics.add(words, word, 1);
    },
    ['dead-letter'],
  );
}
