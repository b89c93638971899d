import { ActorSystem } from '@zactor/actor-core';
import { dispatch, type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { type AnyActorRef, createActor, fromCallback } from 'xstate';
import { deferred } from '../../harness/deferred.js';
import { type SavinaBenchmark, type SavinaOutcome, since } from './savina-benchmark.js';

/**
 * Savina Counting (`count`, N = 1,000,000): a producer, on its start message, sends N increments
 * to a counting actor and then asks it for its count; the counter answers with the count it
 * holds, which must be N. Messages: start, N increments, the request and the answer, N + 3.
 */

export type CountingParams = { readonly increments: number };

// --- ZActor ------------------------------------------------------------------------------------

const Z_INCREMENT = 0;
const Z_RETRIEVE = 1;
type ZCounterMsg = typeof Z_INCREMENT | typeof Z_RETRIEVE;
/** The producer's start message; any other number is the counter's answer. */
const Z_GO = -1;

async function zactorCounting(p: CountingParams): Promise<SavinaOutcome> {
  const done = deferred<SavinaOutcome>();
  const start = performance.now();
  const system = new ActorSystem();
  let count = 0;
  const counter = system.spawn<ZCounterMsg>((msg, ctx) => {
    if (msg === Z_INCREMENT) count++;
    else {
      ctx.reply(count);
      ctx.stop();
    }
  });
  const producer = system.spawn<number>((msg, ctx) => {
    if (msg === Z_GO) {
      for (let i = 0; i < p.increments; i++) counter.tell(Z_INCREMENT);
      ctx.tell(counter, Z_RETRIEVE);
    } else {
      done.resolve({ counts: { count: msg }, seconds: since(start) });
      ctx.stop();
    }
  });
  producer.tell(Z_GO);
  const outcome = await done.promise;
  await system.shutdown();
  return outcome;
}

// --- nact --------------------------------------------------------------------------------------

type NactCounterMsg = 'increment' | { readonly retrieve: Ref<number> };

async function nactCounting(p: CountingParams): Promise<SavinaOutcome> {
  const done = deferred<SavinaOutcome>();
  const start = performance.now();
  const system = startNact();
  let count = 0;
  const counter = spawnStateless(system, (msg: NactCounterMsg) => {
    if (msg === 'increment') count++;
    else dispatch(msg.retrieve, count);
  });
  const producer: Ref<number> = spawnStateless(system, (msg: number) => {
    if (msg === Z_GO) {
      for (let i = 0; i < p.increments; i++) dispatch(counter, 'increment');
      dispatch(counter, { retrieve: producer });
    } else done.resolve({ counts: { count: msg }, seconds: since(start) });
  });
  dispatch(producer, Z_GO);
  const outcome = await done.promise;
  stop(system);
  return outcome;
}

// --- xstate ------------------------------------------------------------------------------------

type XCounterEvent =
  | { readonly type: 'increment' }
  | { readonly type: 'retrieve'; readonly from: AnyActorRef };
type XProducerEvent = { readonly type: 'go' } | { readonly type: 'result'; readonly count: number };
const X_INCREMENT = { type: 'increment' } as const;

async function xstateCounting(p: CountingParams): Promise<SavinaOutcome> {
  const done = deferred<SavinaOutcome>();
  const start = performance.now();
  let count = 0;
  const counter = createActor(
    fromCallback<XCounterEvent>(({ receive }) => {
      receive((event) => {
        if (event.type === 'increment') count++;
        else event.from.send({ type: 'result', count });
      });
    }),
  ).start();
  const producer = createActor(
    fromCallback<XProducerEvent>(({ receive, self }) => {
      receive((event) => {
        if (event.type === 'go') {
          for (let i = 0; i < p.increments; i++) counter.send(X_INCREMENT);
          counter.send({ type: 'retrieve', from: self });
        } else done.resolve({ counts: { count: event.count }, seconds: since(start) });
      });
    }),
  ).start();
  producer.send({ type: 'go' });
  const outcome = await done.promise;
  producer.stop();
  counter.stop();
  return outcome;
}

export const counting: SavinaBenchmark<CountingParams> = {
  name: 'Counting',
  erlangName: 'counting',
  rule: 'Savina Counting: a producer sends N increments to a counting actor, then asks for its count; checked: the count answered is N; operations are the N + 3 messages delivered (start, increments, request, answer)',
  sizes: {
    tiny: { increments: 1000 },
    quick: { increments: 200_000 },
    full: { increments: 1_000_000 },
  },
  messages: (p) => p.increments + 3,
  expected: (p) => ({ count: p.increments }),
  erlangArgs: (p) => [p.increments],
  zactor: zactorCounting,
  nact: nactCounting,
  xstate: xstateCounting,
};
