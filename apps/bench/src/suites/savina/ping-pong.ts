import { ActorSystem } from '@zactor/actor-core';
import { dispatch, type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { type AnyActorRef, createActor, fromCallback } from 'xstate';
import { deferred } from '../../harness/deferred.js';
import { type SavinaBenchmark, type SavinaOutcome, since } from './savina-benchmark.js';

/**
 * Savina PingPong (`pingpong`, N = 40,000): a ping actor sends a ping to a pong actor, which
 * answers with a pong; on each pong the ping actor sends itself a "next" message and, from it,
 * the next ping, until N pings have gone; then it stops the pong actor. The pong actor reports
 * the pings it answered, the ping actor the pongs it received: both must be N. Messages: the
 * start, N pings, N pongs, N - 1 self messages and the stop, 3N + 1 in all.
 */

export type PingPongParams = { readonly pings: number };

// --- ZActor: the sender travels as the tell's sender (ctx.tell / ctx.reply) -------------------

const Z_START = 0;
const Z_NEXT = 1;
const Z_PONG = 2;
type ZPingMsg = typeof Z_START | typeof Z_NEXT | typeof Z_PONG;
const Z_PING = 3;
const Z_STOP = 4;
type ZPongMsg = typeof Z_PING | typeof Z_STOP;

async function zactorPingPong(p: PingPongParams): Promise<SavinaOutcome> {
  const done = deferred<SavinaOutcome>();
  const start = performance.now();
  const system = new ActorSystem();
  let pongsReceived = 0;
  let answered = 0;
  const pong = system.spawn<ZPongMsg>((msg, ctx) => {
    if (msg === Z_PING) {
      answered++;
      ctx.reply(Z_PONG);
    } else {
      done.resolve({ counts: { pings: answered, pongs: pongsReceived }, seconds: since(start) });
      ctx.stop();
    }
  });
  let left = p.pings;
  const ping = system.spawn<ZPingMsg>((msg, ctx) => {
    if (msg === Z_PONG) {
      pongsReceived++;
      if (left > 0) ctx.self.tell(Z_NEXT);
      else {
        pong.tell(Z_STOP);
        ctx.stop();
      }
    } else {
      left--;
      ctx.tell(pong, Z_PING);
    }
  });
  ping.tell(Z_START);
  const outcome = await done.promise;
  await system.shutdown();
  return outcome;
}

// --- nact: the sender travels in the message ---------------------------------------------------

type NactPingMsg = 'start' | 'next' | 'pong';
type NactPongMsg = { readonly from: Ref<NactPingMsg> } | 'stop';

async function nactPingPong(p: PingPongParams): Promise<SavinaOutcome> {
  const done = deferred<SavinaOutcome>();
  const start = performance.now();
  const system = startNact();
  let pongsReceived = 0;
  let answered = 0;
  const pong = spawnStateless(system, (msg: NactPongMsg) => {
    if (msg === 'stop') {
      done.resolve({ counts: { pings: answered, pongs: pongsReceived }, seconds: since(start) });
      return;
    }
    answered++;
    dispatch(msg.from, 'pong');
  });
  let left = p.pings;
  let pingMsg: NactPongMsg = 'stop';
  const ping = spawnStateless(system, (msg: NactPingMsg) => {
    if (msg === 'pong') {
      pongsReceived++;
      if (left > 0) dispatch(ping, 'next');
      else dispatch(pong, 'stop');
    } else {
      left--;
      dispatch(pong, pingMsg);
    }
  });
  pingMsg = { from: ping };
  dispatch(ping, 'start');
  const outcome = await done.promise;
  stop(system);
  return outcome;
}

// --- xstate: callback actors, the sender in the event ------------------------------------------

type XPingEvent =
  | { readonly type: 'start' }
  | { readonly type: 'next' }
  | { readonly type: 'pong' };
type XPongEvent = { readonly type: 'ping'; readonly from: AnyActorRef } | { readonly type: 'stop' };
const X_NEXT = { type: 'next' } as const;
const X_PONG = { type: 'pong' } as const;
const X_STOP = { type: 'stop' } as const;

async function xstatePingPong(p: PingPongParams): Promise<SavinaOutcome> {
  const done = deferred<SavinaOutcome>();
  const start = performance.now();
  let pongsReceived = 0;
  let answered = 0;
  const pong = createActor(
    fromCallback<XPongEvent>(({ receive }) => {
      receive((event) => {
        if (event.type === 'stop') {
          done.resolve({
            counts: { pings: answered, pongs: pongsReceived },
            seconds: since(start),
          });
          return;
        }
        answered++;
        event.from.send(X_PONG);
      });
    }),
  ).start();
  let left = p.pings;
  const ping = createActor(
    fromCallback<XPingEvent>(({ receive, self }) => {
      const pingEvent: XPongEvent = { type: 'ping', from: self };
      receive((event) => {
        if (event.type === 'pong') {
          pongsReceived++;
          if (left > 0) self.send(X_NEXT);
          else pong.send(X_STOP);
        } else {
          left--;
          pong.send(pingEvent);
        }
      });
    }),
  ).start();
  ping.send({ type: 'start' });
  const outcome = await done.promise;
  ping.stop();
  pong.stop();
  return outcome;
}

export const pingPong: SavinaBenchmark<PingPongParams> = {
  name: 'PingPong',
  erlangName: 'ping_pong',
  rule: 'Savina PingPong: one ping actor, one pong actor, N pings each answered by a pong, the next ping sent from a message the ping actor sends itself; checked: the pong actor answered N pings and the ping actor received N pongs; operations are the 3N + 1 messages delivered (start, pings, pongs, self messages, stop)',
  sizes: { tiny: { pings: 200 }, quick: { pings: 10_000 }, full: { pings: 40_000 } },
  messages: (p) => 3 * p.pings + 1,
  expected: (p) => ({ pings: p.pings, pongs: p.pings }),
  erlangArgs: (p) => [p.pings],
  zactor: zactorPingPong,
  nact: nactPingPong,
  xstate: xstatePingPong,
};
