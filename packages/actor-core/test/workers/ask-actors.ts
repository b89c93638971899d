import { type ActorContext, type AnyActorRef, clusterOf, defineCluster } from '../../src/index.js';

/** What `asker` is told: ask `target` for `message` through the cluster handle of its thread. */
export interface AskOrder {
  readonly target: AnyActorRef;
  readonly message: string;
  /** Ask with a signal that is already aborted. */
  readonly abort?: boolean;
}

/** Actors of ask-abort.test.ts; every thread loads this module. */
export default defineCluster({
  actors: {
    echo: () => (message: string, ctx: ActorContext<string>) => ctx.reply(message),
    /** Asks through `clusterOf(ctx.system).ask` and replies with the answer or the error code. */
    asker: () => (order: AskOrder, ctx: ActorContext<AskOrder>) => {
      const replyTo = ctx.sender!;
      const signal = order.abort === true ? AbortSignal.abort('no need') : undefined;
      clusterOf(ctx.system)!
        .ask<string, string>(order.target, order.message, {
          timeoutMs: 5000,
          ...(signal === undefined ? {} : { signal }),
        })
        .then(
          (answer) => replyTo.tell({ answer }),
          (error: { code?: string }) => replyTo.tell({ code: error.code }),
        );
    },
  },
});
