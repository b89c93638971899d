import { type ActorRef, ActorSystem } from '@zactor/actor-core';
import { dispatch, type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { type AnyActorRef, createActor, fromCallback } from 'xstate';
import { deferred } from '../../harness/deferred.js';
import {
  performComputation,
  type SavinaBenchmark,
  type SavinaOutcome,
  since,
  THETA,
} from './savina-benchmark.js';

/**
 * Savina Fork-join throughput (`fjthrput`, A = 60 actors, N = 10,000 messages each): the main
 * program sends N rounds of one message to each of A actors; each message costs a sin² (Savina's
 * `performComputation`); an actor stops after its N-th. Checked: A actors finished and A x N
 * computations gave a positive result. Messages: A x N.
 */

export type ForkJoinThroughputParams = { readonly actors: number; readonly messages: number };

/** Counts what the actors did and says when the last one has finished. */
class Tally {
  computed = 0;
  finished = 0;
  private readonly done = deferred<SavinaOutcome>();

  constructor(
    private readonly actors: number,
    private readonly start: number,
  ) {}

  /** One actor handled its last message. */
  finish(): void {
    if (++this.finished === this.actors) {
      this.done.resolve({
        counts: { computed: this.computed, finished: this.finished },
        seconds: since(this.start),
      });
    }
  }

  get outcome(): Promise<SavinaOutcome> {
    return this.done.promise;
  }
}

async function zactorThroughput(p: ForkJoinThroughputParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const tally = new Tally(p.actors, start);
  const system = new ActorSystem();
  const refs: ActorRef<number>[] = [];
  for (let a = 0; a < p.actors; a++) {
    let handled = 0;
    refs.push(
      system.spawn<number>((theta, ctx) => {
        if (performComputation(theta) > 0) tally.computed++;
        if (++handled === p.messages) {
          tally.finish();
          ctx.stop();
        }
      }),
    );
  }
  for (let m = 0; m < p.messages; m++) {
    for (let a = 0; a < p.actors; a++) refs[a]!.tell(THETA);
  }
  const outcome = await tally.outcome;
  await system.shutdown();
  return outcome;
}

async function nactThroughput(p: ForkJoinThroughputParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const tally = new Tally(p.actors, start);
  const system = startNact();
  const refs: Ref<number>[] = [];
  for (let a = 0; a < p.actors; a++) {
    let handled = 0;
    refs.push(
      spawnStateless(
        system,
        (theta: number, ctx) => {
          if (performComputation(theta) > 0) tally.computed++;
          if (++handled === p.messages) {
            tally.finish();
            stop(ctx.self);
          }
        },
        `a${a}`,
      ),
    );
  }
  for (let m = 0; m < p.messages; m++) {
    for (let a = 0; a < p.actors; a++) dispatch(refs[a]!, THETA);
  }
  const outcome = await tally.outcome;
  stop(system);
  return outcome;
}

type XWork = { readonly type: 'work'; readonly theta: number };
const X_WORK: XWork = { type: 'work', theta: THETA };

async function xstateThroughput(p: ForkJoinThroughputParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const tally = new Tally(p.actors, start);
  const refs: AnyActorRef[] = [];
  const logic = fromCallback<XWork>(({ receive, self }) => {
    let handled = 0;
    receive((event) => {
      if (performComputation(event.theta) > 0) tally.computed++;
      if (++handled === p.messages) {
        tally.finish();
        self.stop();
      }
    });
  });
  for (let a = 0; a < p.actors; a++) refs.push(createActor(logic).start());
  for (let m = 0; m < p.messages; m++) {
    for (let a = 0; a < p.actors; a++) refs[a]!.send(X_WORK);
  }
  return tally.outcome;
}

export const forkJoinThroughput: SavinaBenchmark<ForkJoinThroughputParams> = {
  name: 'Fork-join throughput',
  erlangName: 'fj_throughput',
  rule: "Savina Fork-join throughput: the main program sends N rounds of one message to each of A actors, each message costs a sin² (Savina's performComputation), an actor stops after its N-th; checked: A actors finished and A x N computations were positive; operations are the A x N messages",
  sizes: {
    tiny: { actors: 6, messages: 100 },
    quick: { actors: 60, messages: 2000 },
    full: { actors: 60, messages: 10_000 },
  },
  messages: (p) => p.actors * p.messages,
  expected: (p) => ({ computed: p.actors * p.messages, finished: p.actors }),
  erlangArgs: (p) => [p.actors, p.messages],
  zactor: zactorThroughput,
  nact: nactThroughput,
  xstate: xstateThroughput,
};
