import type { ActorContext, AnyActorRef } from '@zactor/actor-core';
import { t } from '@zactor/serializer';

/**
 * The actor kinds and message schemas of the remote suite, loaded by both processes (the bench
 * process and src/workers/remote-peer.ts) so that their RemoteNodes agree on the codec
 * fingerprint. The hot messages are either bare numbers (PING/PONG, one f64 each) or the small
 * registered schemas below (`{ type: 'ping' | 'pong', seq: u32 }`); set-up messages carry refs
 * through the fallback codec.
 */

export const PING = 0;
export const PONG = 1;

/** Registered on every node of the suite; `typed` pairs send these instead of numbers. */
export const REMOTE_MESSAGES = {
  ping: t.struct({ seq: t.u32 }),
  pong: t.struct({ seq: t.u32 }),
};

export type TypedPing = { readonly type: 'ping'; readonly seq: number };
export type TypedPong = { readonly type: 'pong'; readonly seq: number };

/** Introduces an echo to its client, or a client to its echo and where to report. */
export type Setup = { readonly partner: AnyActorRef; readonly reportTo: AnyActorRef };

export type PairArgs = {
  readonly perPair: number;
  readonly inFlight: number;
  /** 1: typed ping/pong messages (registered schema); 0: bare numbers. */
  readonly typed: number;
};

export const REMOTE_ACTORS = {
  /** Answers each ping to the client it was introduced to; counts pings, tells the count on 'count'. */
  echo: (_args: undefined) => {
    let client: AnyActorRef | null = null;
    let pings = 0;
    return (message: number | TypedPing | Setup | 'count', ctx: ActorContext<unknown>) => {
      if (typeof message === 'number') {
        pings++;
        client!.tell(PONG);
      } else if (message === 'count') ctx.reply(pings);
      else if ('seq' in message) {
        pings++;
        client!.tell({ type: 'pong', seq: message.seq } satisfies TypedPong);
      } else client = message.partner;
    };
  },
  /** Keeps `inFlight` pings out until it has sent `perPair`, then reports its pong count. */
  client: (p: PairArgs) => {
    let echo: AnyActorRef | null = null;
    let reportTo: AnyActorRef | null = null;
    let sent = 0;
    let received = 0;
    const ping = (): void => {
      if (p.typed === 1) echo!.tell({ type: 'ping', seq: sent } satisfies TypedPing);
      else echo!.tell(PING);
    };
    return (message: number | TypedPong | Setup) => {
      if (typeof message === 'number' || 'seq' in message) {
        received++;
        if (sent < p.perPair) {
          ping();
          sent++;
        } else if (received === p.perPair) reportTo!.tell(received);
        return;
      }
      echo = message.partner;
      reportTo = message.reportTo;
      for (; sent < p.inFlight && sent < p.perPair; sent++) ping();
    };
  },
  /** Replies to the sender of every message with the message; counts them (asked by 'count'). */
  replier: (_args: undefined) => {
    let replies = 0;
    return (message: unknown, ctx: ActorContext<unknown>) => {
      if (message === 'count') {
        ctx.reply(replies);
        return;
      }
      replies++;
      ctx.reply(message);
    };
  },
};
