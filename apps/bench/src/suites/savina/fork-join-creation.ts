import { ActorSystem } from '@zactor/actor-core';
import { dispatch, spawnStateless, start as startNact, stop } from 'nact';
import { createActor, fromCallback } from 'xstate';
import { deferred } from '../../harness/deferred.js';
import {
  performComputation,
  type SavinaBenchmark,
  type SavinaOutcome,
  since,
  THETA,
} from './savina-benchmark.js';

/**
 * Savina Fork-join creation (`fjcreate`, N = 40,000 actors): the main program spawns N actors
 * and sends each one message; each computes a sin² (Savina's `performComputation`) and stops.
 * Checked: N computations were positive. Operations: the N actors, each spawned, sent one
 * message and stopped.
 */

export type ForkJoinCreationParams = { readonly actors: number };

/** Counts the actors that ran and says when the last one has. */
function tally(p: ForkJoinCreationParams, start: number) {
  let computed = 0;
  let ran = 0;
  const done = deferred<SavinaOutcome>();
  return {
    ran(result: number): void {
      if (result > 0) computed++;
      if (++ran === p.actors) done.resolve({ counts: { computed }, seconds: since(start) });
    },
    outcome: done.promise,
  };
}

async function zactorCreation(p: ForkJoinCreationParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const t = tally(p, start);
  const system = new ActorSystem();
  const behavior = (theta: number, ctx: { stop(): void }): void => {
    t.ran(performComputation(theta));
    ctx.stop();
  };
  for (let i = 0; i < p.actors; i++) system.spawn<number>(behavior).tell(THETA);
  const outcome = await t.outcome;
  await system.shutdown();
  return outcome;
}

async function nactCreation(p: ForkJoinCreationParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const t = tally(p, start);
  const system = startNact();
  const behavior = (theta: number, ctx: { self: Parameters<typeof stop>[0] }): void => {
    t.ran(performComputation(theta));
    stop(ctx.self);
  };
  // Named explicitly: nact's generated names are random and collide by the ten thousand.
  for (let i = 0; i < p.actors; i++) dispatch(spawnStateless(system, behavior, `a${i}`), THETA);
  const outcome = await t.outcome;
  stop(system);
  return outcome;
}

type XWork = { readonly type: 'work'; readonly theta: number };
const X_WORK: XWork = { type: 'work', theta: THETA };

async function xstateCreation(p: ForkJoinCreationParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const t = tally(p, start);
  const logic = fromCallback<XWork>(({ receive, self }) => {
    receive((event) => {
      t.ran(performComputation(event.theta));
      self.stop();
    });
  });
  for (let i = 0; i < p.actors; i++) createActor(logic).start().send(X_WORK);
  return t.outcome;
}

export const forkJoinCreation: SavinaBenchmark<ForkJoinCreationParams> = {
  name: 'Fork-join creation',
  erlangName: 'fj_creation',
  rule: "Savina Fork-join creation: the main program spawns N actors and sends each one message; each computes a sin² (Savina's performComputation) and stops; checked: N computations were positive; operations are the N actors (spawned, sent one message, stopped)",
  sizes: { tiny: { actors: 200 }, quick: { actors: 10_000 }, full: { actors: 40_000 } },
  messages: (p) => p.actors,
  expected: (p) => ({ computed: p.actors }),
  erlangArgs: (p) => [p.actors],
  zactor: zactorCreation,
  nact: nactCreation,
  xstate: xstateCreation,
};
