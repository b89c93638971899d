import { Actor, type ActorContext, ActorSystem } from '@zactor/actor-core';
import { dispatch, type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { type AnyActorRef, createActor, fromCallback } from 'xstate';
import { BenchError } from '../../errors.js';
import { deferred } from '../../harness/deferred.js';
import { type SavinaBenchmark, type SavinaOutcome, since } from './savina-benchmark.js';

/**
 * Skynet (github.com/atemerev/skynet; not part of Savina): an actor tree with `fanOut` children
 * per node, `leaves` leaves (a power of `fanOut`); leaf k (0-based) answers its parent with k,
 * every other node with the sum of its children's answers, and each stops once it has answered.
 * Checked: the root's sum is leaves x (leaves - 1) / 2 (499,999,500,000 for 1M leaves) and every
 * node ran (1,111,111 for 1M leaves, fan-out 10). Operations: the nodes, each spawned, started
 * and answering once.
 */

export type SkynetParams = { readonly leaves: number; readonly fanOut: number };

/** Nodes of the tree: leaves + leaves / fanOut + ... + 1. */
export function skynetNodes(p: SkynetParams): number {
  let nodes = 0;
  for (let level = p.leaves; level >= 1; level /= p.fanOut) nodes += level;
  return nodes;
}

/** The tree's depth; throws `BenchError` `BAD_PARAMS` unless leaves is a power of fanOut. */
function depthOf(p: SkynetParams): number {
  let depth = 0;
  let size = 1;
  while (size < p.leaves) {
    size *= p.fanOut;
    depth++;
  }
  if (size !== p.leaves || p.fanOut < 2) {
    throw new BenchError(
      'savina',
      'BAD_PARAMS',
      `skynet: ${p.leaves} leaves is not a power of ${p.fanOut}`,
    );
  }
  return depth;
}

/** The root's answer and the nodes that ran, when the root answers. */
function tally(start: number) {
  let nodes = 0;
  const done = deferred<SavinaOutcome>();
  return {
    node(): void {
      nodes++;
    },
    answer(sum: number): void {
      done.resolve({ counts: { sum, nodes }, seconds: since(start) });
    },
    outcome: done.promise,
  };
}

// --- ZActor: a start message is one number, first leaf x 64 + subtree depth --------------------

/** What every node of one ZActor run shares: the tally, the fan-out, subtree sizes by depth. */
type SkynetRun = {
  readonly tally: ReturnType<typeof tally>;
  readonly fanOut: number;
  readonly sizes: readonly number[];
};

/**
 * One node, defined once like any application's actor class; the run it belongs to comes as its
 * constructor argument. (A class defined inside each run, closing over the run, made every run
 * a new class: from the fifth run on the class's field stores and the runtime's call sites saw
 * more shapes than V8 keeps inline, and Skynet 1M read 790-810 ms instead of 390-480 ms.)
 */
class SkynetNode extends Actor<number> {
  private pending = -1;
  private sum = 0;
  private readonly run: SkynetRun;

  constructor(run: SkynetRun) {
    super();
    this.run = run;
  }

  receive(msg: number, ctx: ActorContext<number>): void {
    if (this.pending >= 0) {
      this.sum += msg;
      if (--this.pending === 0) {
        ctx.parent!.tell(this.sum);
        ctx.stop();
      }
      return;
    }
    const run = this.run;
    run.tally.node();
    const d = msg & 63;
    const first = (msg - d) / 64;
    if (d === 0) {
      ctx.parent!.tell(first);
      ctx.stop();
      return;
    }
    const size = run.sizes[d - 1]!;
    const fanOut = run.fanOut;
    const spawn = { args: [run] as [SkynetRun] };
    for (let i = 0; i < fanOut; i++)
      ctx.spawn(SkynetNode, spawn).tell((first + i * size) * 64 + d - 1);
    this.pending = fanOut;
  }
}

async function zactorSkynet(p: SkynetParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const t = tally(start);
  const sizes: number[] = [1];
  const depth = depthOf(p);
  for (let d = 1; d <= depth; d++) sizes.push(sizes[d - 1]! * p.fanOut);
  const run: SkynetRun = { tally: t, fanOut: p.fanOut, sizes };
  const system = new ActorSystem();
  system
    .spawn<number>((msg, ctx) => {
      if (msg < 0) ctx.spawn(SkynetNode, { args: [run] }).tell(depth);
      else t.answer(msg);
    })
    .tell(-1);
  const outcome = await t.outcome;
  await system.shutdown();
  return outcome;
}

// --- nact: each node a stateless actor with its state in its closure ---------------------------

async function nactSkynet(p: SkynetParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const t = tally(start);
  const depth = depthOf(p);
  const system = startNact();
  const node = (first: number, size: number) => {
    let pending = -1;
    let sum = 0;
    return (msg: number, ctx: { self: Ref<number>; parent: Ref<number> }): void => {
      if (pending >= 0) {
        sum += msg;
        if (--pending === 0) {
          dispatch(ctx.parent, sum);
          stop(ctx.self);
        }
        return;
      }
      t.node();
      if (size === 1) {
        dispatch(ctx.parent, first);
        stop(ctx.self);
        return;
      }
      const child = size / p.fanOut;
      for (let i = 0; i < p.fanOut; i++) {
        dispatch(spawnStateless(ctx.self, node(first + i * child, child), `c${i}`), 0);
      }
      pending = p.fanOut;
    };
  };
  const root = spawnStateless(system, (msg: number, ctx) => {
    if (msg < 0) dispatch(spawnStateless(ctx.self, node(0, p.fanOut ** depth), 'root'), 0);
    else t.answer(msg);
  });
  dispatch(root, -1);
  const outcome = await t.outcome;
  stop(system);
  return outcome;
}

// --- xstate: callback actors; a node creates its children with createActor ---------------------

type XSkynet = { readonly type: 'start' } | { readonly type: 'answer'; readonly value: number };
const X_START = { type: 'start' } as const;
type XNodeInput = { readonly first: number; readonly size: number; readonly parent: AnyActorRef };

async function xstateSkynet(p: SkynetParams): Promise<SavinaOutcome> {
  const start = performance.now();
  const t = tally(start);
  const depth = depthOf(p);
  const logic = fromCallback<XSkynet, XNodeInput>(({ receive, self, input }) => {
    let pending = -1;
    let sum = 0;
    receive((event) => {
      if (event.type === 'answer') {
        sum += event.value;
        if (--pending === 0) {
          input.parent.send({ type: 'answer', value: sum });
          self.stop();
        }
        return;
      }
      t.node();
      if (input.size === 1) {
        input.parent.send({ type: 'answer', value: input.first });
        self.stop();
        return;
      }
      const child = input.size / p.fanOut;
      pending = p.fanOut;
      for (let i = 0; i < p.fanOut; i++) {
        createActor(logic, { input: { first: input.first + i * child, size: child, parent: self } })
          .start()
          .send(X_START);
      }
    });
  });
  const collector = createActor(
    fromCallback<XSkynet>(({ receive }) => {
      receive((event) => {
        if (event.type === 'answer') t.answer(event.value);
      });
    }),
  ).start();
  createActor(logic, { input: { first: 0, size: p.fanOut ** depth, parent: collector } })
    .start()
    .send(X_START);
  const outcome = await t.outcome;
  collector.stop();
  return outcome;
}

export const skynet: SavinaBenchmark<SkynetParams> = {
  name: 'Skynet',
  erlangName: 'skynet',
  rule: 'Skynet (not Savina; github.com/atemerev/skynet): a tree of actors, fan-out 10, each leaf answers its number, each node the sum of its children, each stops once it has answered; checked: the root sum is leaves x (leaves - 1) / 2 and every node ran; operations are the nodes (1,111,111 for 1M leaves)',
  sizes: {
    tiny: { leaves: 1000, fanOut: 10 },
    quick: { leaves: 10_000, fanOut: 10 },
    full: { leaves: 1_000_000, fanOut: 10 },
  },
  messages: skynetNodes,
  expected: (p) => ({ sum: (p.leaves * (p.leaves - 1)) / 2, nodes: skynetNodes(p) }),
  erlangArgs: (p) => [p.leaves, p.fanOut],
  zactor: zactorSkynet,
  nact: nactSkynet,
  xstate: xstateSkynet,
};
