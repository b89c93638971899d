import { type ActorRef, ActorSystem } from '@zactor/actor-core';
import { dispatch, type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { type AnyActorRef, createActor, fromCallback } from 'xstate';
import { deferred } from '../../harness/deferred.js';
import { type SavinaBenchmark, type SavinaOutcome, since } from './savina-benchmark.js';

/**
 * Savina Big (`big`, W = 120 actors, N = 20,000 pings each): every actor knows all the others
 * (a set-up message); on a pong (the first is a kick-off from the main program) it pings a
 * pseudo-random actor (its own seeded generator, `nextTarget`) and waits for that actor's pong,
 * until it has sent N pings; then it tells a sink, which, once all W have, tells every actor to
 * stop. Checked: W x N pings answered, W x N pongs each from the actor pinged, W actors stopped.
 * Messages: W + 1 set-up, W kick-offs, W x N pings and pongs, W reports, W exits = 2WN + 4W + 1.
 */

export type BigParams = { readonly actors: number; readonly pings: number };

/**
 * The Park-Miller generator (minstd, multiplier 48271): the same sequence in every library and
 * in the Erlang program, so every implementation sends the same pings. Seeds are 1..W.
 */
export function nextSeed(seed: number): number {
  return (seed * 48271) % 2147483647;
}

/** The actors' counts and the end of the run. */
class Tally {
  answered = 0;
  pongs = 0;
  wrong = 0;
  stopped = 0;
  readonly done = deferred<SavinaOutcome>();

  constructor(
    private readonly p: BigParams,
    private readonly start: number,
  ) {}

  stop(): void {
    if (++this.stopped === this.p.actors) {
      const { answered, pongs, wrong, stopped } = this;
      this.done.resolve({
        counts: { answered, pongs, wrong, stopped },
        seconds: since(this.start),
      });
    }
  }
}

/** One actor's pinging state: whom it expects a pong from, how many pings it has sent. */
class Pinger {
  private seed: number;
  private expected = -1;
  private sent = 0;

  constructor(
    id: number,
    private readonly p: BigParams,
    private readonly tally: Tally,
  ) {
    this.seed = id + 1;
  }

  /** A pong from `from` (-1: the kick-off): the next actor to ping, or -1 when done. */
  pong(from: number): number {
    if (from !== -1) {
      this.tally.pongs++;
      if (from !== this.expected) this.tally.wrong++;
    }
    if (this.sent === this.p.pings) return -1;
    this.sent++;
    this.seed = nextSeed(this.seed);
    this.expected = this.seed % this.p.actors;
    return this.expected;
  }
}

// --- ZActor: a ping from i is i, a pong from i is -2 - i (the kick-off -1) ---------------------

type ZBig = number | readonly ActorRef<ZBig>[] | 'exit';

async function zactorBig(p: BigParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const system = new ActorSystem();
  const tally = new Tally(p, start);
  let reported = 0;
  let all: readonly ActorRef<ZBig>[] = [];
  const sink = system.spawn<ZBig>((msg) => {
    if (msg === 'exit') {
      if (++reported === p.actors) for (const a of all) a.tell('exit');
    } else if (typeof msg !== 'number') all = msg;
  });
  const actors: ActorRef<ZBig>[] = [];
  for (let i = 0; i < p.actors; i++) {
    const pinger = new Pinger(i, p, tally);
    let peers: readonly ActorRef<ZBig>[] = [];
    actors.push(
      system.spawn<ZBig>((msg, ctx) => {
        if (typeof msg === 'number') {
          if (msg >= 0) {
            tally.answered++;
            peers[msg]!.tell(-2 - i);
            return;
          }
          const target = pinger.pong(-2 - msg);
          if (target >= 0) peers[target]!.tell(i);
          else sink.tell('exit');
        } else if (msg === 'exit') {
          tally.stop();
          ctx.stop();
        } else peers = msg;
      }),
    );
  }
  sink.tell(actors);
  for (const a of actors) a.tell(actors);
  for (const a of actors) a.tell(-1);
  const outcome = await tally.done.promise;
  await system.shutdown();
  return outcome;
}

// --- nact ---------------------------------------------------------------------------------------

type NBig = number | readonly Ref<NBig>[] | 'exit';

async function nactBig(p: BigParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const system = startNact();
  const tally = new Tally(p, start);
  let reported = 0;
  let all: readonly Ref<NBig>[] = [];
  const sink = spawnStateless(system, (msg: NBig) => {
    if (msg === 'exit') {
      if (++reported === p.actors) for (const a of all) dispatch(a, 'exit');
    } else if (typeof msg !== 'number') all = msg;
  });
  const actors: Ref<NBig>[] = [];
  for (let i = 0; i < p.actors; i++) {
    const pinger = new Pinger(i, p, tally);
    let peers: readonly Ref<NBig>[] = [];
    actors.push(
      spawnStateless(
        system,
        (msg: NBig, ctx) => {
          if (typeof msg === 'number') {
            if (msg >= 0) {
              tally.answered++;
              dispatch(peers[msg]!, -2 - i);
              return;
            }
            const target = pinger.pong(-2 - msg);
            if (target >= 0) dispatch(peers[target]!, i);
            else dispatch(sink, 'exit');
          } else if (msg === 'exit') {
            tally.stop();
            stop(ctx.self);
          } else peers = msg;
        },
        `b${i}`,
      ),
    );
  }
  dispatch(sink, actors);
  for (const a of actors) dispatch(a, actors);
  for (const a of actors) dispatch(a, -1);
  const outcome = await tally.done.promise;
  stop(system);
  return outcome;
}

// --- xstate -------------------------------------------------------------------------------------

type XBig =
  | { readonly type: 'ping'; readonly from: number }
  | { readonly type: 'pong'; readonly from: number }
  | { readonly type: 'peers'; readonly refs: readonly AnyActorRef[] }
  | { readonly type: 'exit' };
const X_EXIT = { type: 'exit' } as const;
const X_KICK = { type: 'pong', from: -1 } as const;

async function xstateBig(p: BigParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const tally = new Tally(p, start);
  let reported = 0;
  const sink = createActor(
    fromCallback<XBig>(({ receive }) => {
      let all: readonly AnyActorRef[] = [];
      receive((event) => {
        if (event.type === 'exit') {
          if (++reported === p.actors) for (const a of all) a.send(X_EXIT);
        } else if (event.type === 'peers') all = event.refs;
      });
    }),
  ).start();
  const logic = fromCallback<XBig, { readonly id: number }>(({ receive, self, input }) => {
    const i = input.id;
    const pinger = new Pinger(i, p, tally);
    // Each actor's own two messages, allocated once, as Savina's actors do.
    const myPing = { type: 'ping', from: i } as const;
    const myPong = { type: 'pong', from: i } as const;
    let peers: readonly AnyActorRef[] = [];
    receive((event) => {
      if (event.type === 'ping') {
        tally.answered++;
        peers[event.from]!.send(myPong);
      } else if (event.type === 'pong') {
        const target = pinger.pong(event.from);
        if (target >= 0) peers[target]!.send(myPing);
        else sink.send(X_EXIT);
      } else if (event.type === 'exit') {
        tally.stop();
        self.stop();
      } else peers = event.refs;
    });
  });
  const actors: AnyActorRef[] = [];
  for (let i = 0; i < p.actors; i++) actors.push(createActor(logic, { input: { id: i } }).start());
  sink.send({ type: 'peers', refs: actors });
  for (const a of actors) a.send({ type: 'peers', refs: actors });
  for (const a of actors) a.send(X_KICK);
  const outcome = await tally.done.promise;
  sink.stop();
  return outcome;
}

export const big: SavinaBenchmark<BigParams> = {
  name: 'Big',
  erlangName: 'big',
  rule: 'Savina Big: W actors each ping a pseudo-random actor (Park-Miller generator seeded with the actor number, the same in every implementation) and wait for its pong, N times; then a sink stops them all; checked: W x N pings answered, W x N pongs each from the actor pinged, W actors stopped; operations are the 2WN + 4W + 1 messages',
  sizes: {
    tiny: { actors: 12, pings: 100 },
    quick: { actors: 120, pings: 2000 },
    full: { actors: 120, pings: 20_000 },
  },
  messages: (p) => 2 * p.actors * p.pings + 4 * p.actors + 1,
  expected: (p) => ({
    answered: p.actors * p.pings,
    pongs: p.actors * p.pings,
    wrong: 0,
    stopped: p.actors,
  }),
  erlangArgs: (p) => [p.actors, p.pings],
  zactor: zactorBig,
  nact: nactBig,
  xstate: xstateBig,
};
