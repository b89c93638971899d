import { ActorSystem } from '@zactor/actor-core';
import { dispatch, query, type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { defineScenario, type RunResult, type Scenario } from '../../harness/scenario.js';

/**
 * Request-reply through each library's own primitive: ZActor `ref.ask`, nact `query`. One
 * request at a time: the next is sent when the previous reply has resolved its promise, so this
 * measures a full round trip including the promise machinery. xstate has no request-reply
 * primitive and is not measured here.
 */

type AskParams = { readonly asks: number };

const TIMEOUT_MS = 60_000;

async function zactorAsk(p: AskParams): Promise<RunResult> {
  const system = new ActorSystem();
  const echo = system.spawn<number>((msg, ctx) => ctx.reply(msg));
  let answered = 0;
  const start = performance.now();
  for (let i = 0; i < p.asks; i++) {
    if ((await echo.ask<number>(i, { timeoutMs: TIMEOUT_MS })) === i) answered++;
  }
  const seconds = (performance.now() - start) / 1000;
  await system.shutdown();
  return { operations: answered, seconds };
}

interface NactAsk {
  readonly replyTo: Ref<number>;
  readonly value: number;
}

async function nactAsk(p: AskParams): Promise<RunResult> {
  const system = startNact();
  const echo = spawnStateless(system, (msg: NactAsk) => dispatch(msg.replyTo, msg.value));
  let answered = 0;
  const start = performance.now();
  for (let i = 0; i < p.asks; i++) {
    const reply = await query(echo, (replyTo: Ref<number>) => ({ replyTo, value: i }), TIMEOUT_MS);
    if (reply === i) answered++;
  }
  const seconds = (performance.now() - start) / 1000;
  stop(system);
  return { operations: answered, seconds };
}

export const askScenario: Scenario = defineScenario<AskParams>({
  suite: 'actors',
  name: 'ask round trip',
  countingRule:
    "one operation = one request answered and its promise resolved (request + reply = one round trip, counted once); one at a time; each library's own ask primitive",
  kind: 'throughput',
  unit: 'asks/s',
  sizes: {
    tiny: { asks: 200 },
    quick: { asks: 5_000 },
    full: { asks: 5_000 },
  },
  scaleKey: 'asks',
  operations: (p) => p.asks,
  implementations: () => [
    { name: 'ZActor', role: 'zactor', run: zactorAsk },
    { name: 'nact', role: 'peer', run: nactAsk },
  ],
});
