/**
 * The cluster module: every thread of the cluster loads it (ActorCluster's `module`). Its
 * default export carries the kinds, their arguments and their message types to `main.ts`,
 * which names it with a type-only import.
 */
import {
  type ActorContext,
  type ClusterMessage,
  clusterOf,
  defineCluster,
} from '@zactor/actor-core';
import { t } from '@zactor/serializer';

/** Registered schemas: values with `type: 'ping'` or `type: 'relay'` travel in a fixed layout. */
const messages = {
  ping: t.struct({ seq: t.u32, from: t.ref }),
  relay: t.struct({ seq: t.u32, to: t.ref }),
};

/** `{ type: 'ping'; seq: number; from: AnyActorRef }`: the schema's type, `t.ref` as a ref. */
export type Ping = ClusterMessage<typeof messages, 'ping'>;
/** Asks the ponger `to` on whichever worker it runs, and replies with what it answered. */
export type Relay = ClusterMessage<typeof messages, 'relay'>;

/** What a ponger answers. */
export interface Pong {
  readonly seq: number;
  readonly worker: number;
  readonly greeting: string;
}

const definition = defineCluster({
  messages,
  actors: {
    /** Answers a ping with its sequence number, its worker and its greeting (the spawn args). */
    ponger: (args: { greeting: string }) => (message: Ping, ctx: ActorContext<Ping>) => {
      ctx.reply({ seq: message.seq, worker: ctx.self.worker, greeting: args.greeting });
    },
    /** Asks across workers with the same `ask` as the main thread's. */
    relay: () => (message: Relay, ctx: ActorContext<Relay>) => {
      const cluster = clusterOf(ctx.system)!;
      const replyTo = ctx.sender!;
      cluster
        .ask<Ping, Pong>(
          message.to,
          { type: 'ping', seq: message.seq, from: ctx.self },
          { timeoutMs: 5000 },
        )
        .then((pong) => replyTo.tell({ via: ctx.self.worker, pong }));
    },
  },
});

export default definition;
