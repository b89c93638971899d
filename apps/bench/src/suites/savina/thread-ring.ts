import { type ActorRef, ActorSystem } from '@zactor/actor-core';
import { dispatch, type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { type AnyActorRef, createActor, fromCallback } from 'xstate';
import { deferred } from '../../harness/deferred.js';
import { type SavinaBenchmark, type SavinaOutcome, since } from './savina-benchmark.js';

/**
 * Savina Thread ring (`threadring`, N = 100 actors, R = 100,000 hops): N actors in a ring, each
 * told its successor by a set-up message; a token carrying the hops left goes round, each actor
 * passing it on with one hop less; the actor that receives it with none left stops and sends an
 * exit round the ring, which stops every other actor. Checked: R hops were passed and N actors
 * stopped. Messages: N set-up + R + 1 tokens + N - 1 exits = R + 2N.
 *
 * Messages are numbers (a token with `t` hops left is `t`, an exit that `e` actors still have to
 * see is `-e`) and the set-up message is the successor's ref.
 */

export type ThreadRingParams = { readonly actors: number; readonly hops: number };

function tally(p: ThreadRingParams, start: number) {
  let passed = 0;
  let stopped = 0;
  const done = deferred<SavinaOutcome>();
  return {
    pass(): void {
      passed++;
    },
    stop(): void {
      if (++stopped === p.actors) {
        done.resolve({ counts: { passed, stopped }, seconds: since(start) });
      }
    },
    outcome: done.promise,
  };
}

/**
 * What an actor does with a ring message: `undefined` to keep going, else the message to pass
 * on (`null`: pass nothing) and stop. `next` is the successor once set.
 */
function step(msg: number, actors: number, t: ReturnType<typeof tally>): number | null | undefined {
  if (msg > 0) {
    t.pass();
    return undefined;
  }
  // msg === 0: the token has run out; else an exit (-e).
  t.stop();
  const left = msg === 0 ? actors - 1 : -msg - 1;
  return left > 0 ? -left : null;
}

async function zactorRing(p: ThreadRingParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const t = tally(p, start);
  const system = new ActorSystem();
  type Z = number | ActorRef<Z>;
  const ring: ActorRef<Z>[] = [];
  for (let i = 0; i < p.actors; i++) {
    let next: ActorRef<Z> | null = null;
    ring.push(
      system.spawn<Z>((msg, ctx) => {
        if (typeof msg !== 'number') next = msg;
        else {
          const out = step(msg, p.actors, t);
          if (out === undefined) next!.tell(msg - 1);
          else {
            if (out !== null) next!.tell(out);
            ctx.stop();
          }
        }
      }),
    );
  }
  for (let i = 0; i < p.actors; i++) ring[i]!.tell(ring[(i + 1) % p.actors]!);
  ring[0]!.tell(p.hops);
  const outcome = await t.outcome;
  await system.shutdown();
  return outcome;
}

async function nactRing(p: ThreadRingParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const t = tally(p, start);
  const system = startNact();
  type N = number | Ref<N>;
  const ring: Ref<N>[] = [];
  for (let i = 0; i < p.actors; i++) {
    let next: Ref<N> | null = null;
    ring.push(
      spawnStateless(
        system,
        (msg: N, ctx) => {
          if (typeof msg !== 'number') next = msg;
          else {
            const out = step(msg, p.actors, t);
            if (out === undefined) dispatch(next!, msg - 1);
            else {
              if (out !== null) dispatch(next!, out);
              stop(ctx.self);
            }
          }
        },
        `r${i}`,
      ),
    );
  }
  for (let i = 0; i < p.actors; i++) dispatch(ring[i]!, ring[(i + 1) % p.actors]!);
  dispatch(ring[0]!, p.hops);
  const outcome = await t.outcome;
  stop(system);
  return outcome;
}

type XRingEvent =
  | { readonly type: 'next'; readonly ref: AnyActorRef }
  | { readonly type: 'ring'; readonly value: number };

async function xstateRing(p: ThreadRingParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const t = tally(p, start);
  const logic = fromCallback<XRingEvent>(({ receive, self }) => {
    let next: AnyActorRef | null = null;
    receive((event) => {
      if (event.type === 'next') next = event.ref;
      else {
        const out = step(event.value, p.actors, t);
        if (out === undefined) next!.send({ type: 'ring', value: event.value - 1 });
        else {
          if (out !== null) next!.send({ type: 'ring', value: out });
          self.stop();
        }
      }
    });
  });
  const ring: AnyActorRef[] = [];
  for (let i = 0; i < p.actors; i++) ring.push(createActor(logic).start());
  for (let i = 0; i < p.actors; i++) {
    ring[i]!.send({ type: 'next', ref: ring[(i + 1) % p.actors]! });
  }
  ring[0]!.send({ type: 'ring', value: p.hops });
  return t.outcome;
}

export const threadRing: SavinaBenchmark<ThreadRingParams> = {
  name: 'Thread ring',
  erlangName: 'thread_ring',
  rule: 'Savina Thread ring: N actors in a ring (each told its successor by a message), a token passed R hops, then an exit round the ring stops every actor; checked: R hops passed and N actors stopped; operations are the R + 2N messages (set-up, tokens, exits)',
  sizes: {
    tiny: { actors: 10, hops: 1000 },
    quick: { actors: 100, hops: 20_000 },
    full: { actors: 100, hops: 100_000 },
  },
  messages: (p) => p.hops + 2 * p.actors,
  expected: (p) => ({ passed: p.hops, stopped: p.actors }),
  erlangArgs: (p) => [p.actors, p.hops],
  zactor: zactorRing,
  nact: nactRing,
  xstate: xstateRing,
};
