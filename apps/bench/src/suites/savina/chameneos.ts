import { ActorSystem, type AnyActorRef as ZAnyRef } from '@zactor/actor-core';
import { dispatch, type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { type AnyActorRef, createActor, fromCallback } from 'xstate';
import { deferred } from '../../harness/deferred.js';
import { type SavinaBenchmark, type SavinaOutcome, since } from './savina-benchmark.js';

/**
 * Savina Chameneos (`chameneos`, C = 100 chameneos, M = 200,000 meetings): each chameneo asks
 * the mall for a meeting with its colour; the mall keeps the first asker waiting and, when a
 * second comes, forwards the second's request to the first, which takes the complement colour,
 * answers the second with it and asks again (the second, told, asks again too). After M
 * meetings the mall answers every request with an exit, and each chameneo reports its meeting
 * count and stops. Checked: the counts add up to 2M and C chameneos reported. Messages: 2M + C
 * requests, M forwards, M answers, C exits, C reports = 4M + 3C.
 */

export type ChameneosParams = { readonly chameneos: number; readonly meetings: number };

/** Blue, red, yellow: 0, 1, 2; two different colours meet into the third. */
function complement(a: number, b: number): number {
  return a === b ? a : 3 - a - b;
}

/** The mall's pairing and accounting, shared by the libraries (each sends its own messages). */
class Mall<R> {
  waiting: R | null = null;
  left: number;
  sum = 0;
  faded = 0;
  readonly done = deferred<SavinaOutcome>();

  constructor(
    private readonly p: ChameneosParams,
    private readonly start: number,
  ) {
    this.left = p.meetings;
  }

  /** A request from `from`: null to keep it waiting, else the one it meets; `from` itself: exit. */
  request(from: R): R | null {
    if (this.left === 0) return from;
    const waiting = this.waiting;
    if (waiting === null) {
      this.waiting = from;
      return null;
    }
    this.left--;
    this.waiting = null;
    return waiting;
  }

  report(meetings: number): void {
    this.sum += meetings;
    if (++this.faded === this.p.chameneos) {
      this.done.resolve({
        counts: { meetings: this.sum, faded: this.faded },
        seconds: since(this.start),
      });
    }
  }
}

// --- ZActor: numbers only, the requester travels as the sender ---------------------------------
// To the mall: a colour (a request) or -1 - n (a report of n meetings). To a chameneo: a colour
// (a forwarded request, sender = the other), 3 + colour (the other's answer), or EXIT.

const Z_EXIT = -1;

async function zactorChameneos(p: ChameneosParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const system = new ActorSystem();
  const mall = new Mall<ZAnyRef>(p, start);
  const mallRef = system.spawn<number>((msg, ctx) => {
    if (msg < 0) {
      mall.report(-1 - msg);
      return;
    }
    const from = ctx.sender!;
    const other = mall.request(from);
    if (other === from) from.tell(Z_EXIT);
    else if (other !== null) other.tell(msg, from);
  });
  for (let i = 0; i < p.chameneos; i++) {
    let color = i % 3;
    let meetings = 0;
    const chameneo = system.spawn<number>((msg, ctx) => {
      if (msg === Z_EXIT) {
        mallRef.tell(-1 - meetings);
        ctx.stop();
        return;
      }
      if (msg < 3) {
        color = complement(color, msg);
        ctx.reply(3 + color);
      } else color = msg - 3;
      meetings++;
      ctx.tell(mallRef, color);
    });
    mallRef.tell(color, chameneo);
  }
  const outcome = await mall.done.promise;
  await system.shutdown();
  return outcome;
}

// --- nact ---------------------------------------------------------------------------------------

type NactToChameneo =
  | { readonly k: 'meet'; readonly color: number; readonly from: Ref<NactToChameneo> }
  | { readonly k: 'change'; readonly color: number }
  | { readonly k: 'exit' };
type NactToMall =
  | { readonly k: 'meet'; readonly color: number; readonly from: Ref<NactToChameneo> }
  | { readonly k: 'report'; readonly meetings: number };
const NACT_EXIT: NactToChameneo = { k: 'exit' };

async function nactChameneos(p: ChameneosParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const system = startNact();
  const mall = new Mall<Ref<NactToChameneo>>(p, start);
  const mallRef = spawnStateless(system, (msg: NactToMall) => {
    if (msg.k === 'report') {
      mall.report(msg.meetings);
      return;
    }
    const other = mall.request(msg.from);
    if (other === msg.from) dispatch(msg.from, NACT_EXIT);
    else if (other !== null) dispatch(other, msg);
  });
  for (let i = 0; i < p.chameneos; i++) {
    let color = i % 3;
    let meetings = 0;
    const chameneo: Ref<NactToChameneo> = spawnStateless(
      system,
      (msg: NactToChameneo, ctx) => {
        if (msg.k === 'exit') {
          dispatch(mallRef, { k: 'report', meetings });
          stop(ctx.self);
          return;
        }
        if (msg.k === 'meet') {
          color = complement(color, msg.color);
          dispatch(msg.from, { k: 'change', color });
        } else color = msg.color;
        meetings++;
        dispatch(mallRef, { k: 'meet', color, from: chameneo });
      },
      `c${i}`,
    );
    dispatch(mallRef, { k: 'meet', color, from: chameneo });
  }
  const outcome = await mall.done.promise;
  stop(system);
  return outcome;
}

// --- xstate -------------------------------------------------------------------------------------

type XToChameneo =
  | { readonly type: 'meet'; readonly color: number; readonly from: AnyActorRef }
  | { readonly type: 'change'; readonly color: number }
  | { readonly type: 'exit' };
type XToMall =
  | { readonly type: 'meet'; readonly color: number; readonly from: AnyActorRef }
  | { readonly type: 'report'; readonly meetings: number };
const X_EXIT = { type: 'exit' } as const;

async function xstateChameneos(p: ChameneosParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const mall = new Mall<AnyActorRef>(p, start);
  const mallRef = createActor(
    fromCallback<XToMall>(({ receive }) => {
      receive((event) => {
        if (event.type === 'report') {
          mall.report(event.meetings);
          return;
        }
        const other = mall.request(event.from);
        if (other === event.from) event.from.send(X_EXIT);
        else if (other !== null) other.send(event);
      });
    }),
  ).start();
  const logic = fromCallback<XToChameneo, { readonly color: number }>(
    ({ receive, self, input }) => {
      let color = input.color;
      let meetings = 0;
      receive((event) => {
        if (event.type === 'exit') {
          mallRef.send({ type: 'report', meetings });
          self.stop();
          return;
        }
        if (event.type === 'meet') {
          color = complement(color, event.color);
          event.from.send({ type: 'change', color });
        } else color = event.color;
        meetings++;
        mallRef.send({ type: 'meet', color, from: self });
      });
    },
  );
  for (let i = 0; i < p.chameneos; i++) {
    const chameneo = createActor(logic, { input: { color: i % 3 } }).start();
    mallRef.send({ type: 'meet', color: i % 3, from: chameneo });
  }
  const outcome = await mall.done.promise;
  mallRef.stop();
  return outcome;
}

export const chameneos: SavinaBenchmark<ChameneosParams> = {
  name: 'Chameneos',
  erlangName: 'chameneos',
  rule: 'Savina Chameneos: C chameneos ask a mall for meetings, the mall pairs them, the pair exchange complement colours; after M meetings every chameneo is sent an exit and reports its meeting count; checked: the counts add up to 2M and C chameneos reported; operations are the 4M + 3C messages (requests, forwards, answers, exits, reports)',
  sizes: {
    tiny: { chameneos: 10, meetings: 1000 },
    quick: { chameneos: 100, meetings: 20_000 },
    full: { chameneos: 100, meetings: 200_000 },
  },
  messages: (p) => 4 * p.meetings + 3 * p.chameneos,
  expected: (p) => ({ meetings: 2 * p.meetings, faded: p.chameneos }),
  erlangArgs: (p) => [p.chameneos, p.meetings],
  zactor: zactorChameneos,
  nact: nactChameneos,
  xstate: xstateChameneos,
};
