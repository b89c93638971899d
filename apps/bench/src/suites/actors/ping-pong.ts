import { type ActorRef, ActorSystem } from '@zactor/actor-core';
import { dispatch, type Ref, spawnStateless, start as startNact, stop } from 'nact';
import { type AnyActorRef, createActor, fromCallback } from 'xstate';
import { runBarePairs } from '../../baselines/bare-pairs.js';
import { AllocationMeter } from '../../harness/allocation.js';
import { deferred } from '../../harness/deferred.js';
import {
  defineScenario,
  type Implementation,
  type RunResult,
  type Scenario,
  type SizeName,
} from '../../harness/scenario.js';

/**
 * Proto.Actor's in-process ping-pong benchmark (protoactor-go `examples/inprocessbenchmark`):
 * `pairs` (client, echo) pairs; each client keeps `inFlight` pings outstanding and sends the
 * next one when a pong comes back, until it has sent `perPair`. Every message delivered, ping or
 * pong, counts once, for every implementation: each actor counts what it receives and the
 * harness checks the total against pairs x perPair x 2. Each actor replies to its partner's ref,
 * known from set-up, so no implementation pays for (or skips) sender lookup. Messages are
 * preallocated constants, so what is allocated per message is the library's own doing (measured
 * over the whole run, set-up included, which the scaled runs amortise).
 */

export type PingPongParams = {
  readonly pairs: number;
  readonly inFlight: number;
  /** Pings each client sends in all. */
  readonly perPair: number;
  /** ZActor's dispatcher throughput (messages per actor turn); its default when absent. */
  readonly throughput?: number;
};

/** Counts deliveries and says when every pair is done. */
class Tally {
  delivered = 0;
  private finished = 0;
  private readonly pairs: number;
  private readonly done = deferred();

  constructor(pairs: number) {
    this.pairs = pairs;
  }

  pairDone(): void {
    if (++this.finished === this.pairs) this.done.resolve();
  }

  get allDone(): Promise<void> {
    return this.done.promise;
  }
}

const ALLOCATED = 'allocated per message';

function result(tally: Tally, startMs: number, meter: AllocationMeter): RunResult {
  const seconds = (performance.now() - startMs) / 1000;
  const bytes = meter.stop();
  return {
    operations: tally.delivered,
    seconds,
    extra: { [ALLOCATED]: bytes / Math.max(1, tally.delivered) },
  };
}

// --- ZActor ---------------------------------------------------------------------------------

type ZPing = 0;
type ZClientMsg = 1 | ActorRef<ZPing>;
const Z_PING: ZPing = 0;
const Z_PONG = 1;

async function zactorPingPong(p: PingPongParams): Promise<RunResult> {
  const system = new ActorSystem(p.throughput === undefined ? {} : { throughput: p.throughput });
  const meter = new AllocationMeter();
  const tally = new Tally(p.pairs);
  const clients: ActorRef<ZClientMsg>[] = [];
  const echoes: ActorRef<ZPing>[] = [];
  for (let i = 0; i < p.pairs; i++) {
    let sent = 0;
    let received = 0;
    let echo: ActorRef<ZPing> | null = null;
    const client = system.spawn<ZClientMsg>((msg) => {
      if (msg === Z_PONG) {
        tally.delivered++;
        received++;
        if (sent < p.perPair) {
          sent++;
          echo!.tell(Z_PING);
        } else if (received === p.perPair) {
          tally.pairDone();
        }
        return;
      }
      echo = msg;
      for (; sent < p.inFlight; sent++) echo.tell(Z_PING);
    });
    echoes.push(
      system.spawn<ZPing>(() => {
        tally.delivered++;
        client.tell(Z_PONG);
      }),
    );
    clients.push(client);
  }
  const start = performance.now();
  for (let i = 0; i < p.pairs; i++) clients[i]!.tell(echoes[i]!);
  await tally.allDone;
  const r = result(tally, start, meter);
  await system.shutdown();
  return r;
}

// --- nact -----------------------------------------------------------------------------------

type NactClientMsg = 1 | Ref<0>;

async function nactPingPong(p: PingPongParams): Promise<RunResult> {
  const system = startNact();
  const meter = new AllocationMeter();
  const tally = new Tally(p.pairs);
  const clients: Ref<NactClientMsg>[] = [];
  const echoes: Ref<0>[] = [];
  for (let i = 0; i < p.pairs; i++) {
    let sent = 0;
    let received = 0;
    let echo: Ref<0> | null = null;
    const client = spawnStateless(system, (msg: NactClientMsg) => {
      if (msg === 1) {
        tally.delivered++;
        received++;
        if (sent < p.perPair) {
          sent++;
          dispatch(echo!, 0);
        } else if (received === p.perPair) {
          tally.pairDone();
        }
        return;
      }
      echo = msg;
      for (; sent < p.inFlight; sent++) dispatch(echo, 0);
    });
    echoes.push(
      spawnStateless(system, (_msg: 0) => {
        tally.delivered++;
        dispatch(client, 1);
      }),
    );
    clients.push(client);
  }
  const start = performance.now();
  for (let i = 0; i < p.pairs; i++) dispatch(clients[i]!, echoes[i]!);
  await tally.allDone;
  const r = result(tally, start, meter);
  stop(system);
  return r;
}

// --- xstate ---------------------------------------------------------------------------------

interface XPing {
  readonly type: 'ping';
}
interface XPong {
  readonly type: 'pong';
}
interface XStart {
  readonly type: 'start';
  readonly echo: AnyActorRef;
}
const X_PING: XPing = { type: 'ping' };
const X_PONG: XPong = { type: 'pong' };

async function xstatePingPong(p: PingPongParams): Promise<RunResult> {
  const meter = new AllocationMeter();
  const tally = new Tally(p.pairs);
  const actors: AnyActorRef[] = [];
  const clients: AnyActorRef[] = [];
  const echoes: AnyActorRef[] = [];
  for (let i = 0; i < p.pairs; i++) {
    let sent = 0;
    let received = 0;
    let echo: AnyActorRef | null = null;
    const client = createActor(
      fromCallback<XPong | XStart>(({ receive }) => {
        receive((event) => {
          if (event.type === 'pong') {
            tally.delivered++;
            received++;
            if (sent < p.perPair) {
              sent++;
              echo!.send(X_PING);
            } else if (received === p.perPair) {
              tally.pairDone();
            }
            return;
          }
          echo = event.echo;
          for (; sent < p.inFlight; sent++) echo.send(X_PING);
        });
      }),
    ).start();
    const echoActor = createActor(
      fromCallback<XPing>(({ receive }) => {
        receive(() => {
          tally.delivered++;
          client.send(X_PONG);
        });
      }),
    ).start();
    clients.push(client);
    echoes.push(echoActor);
    actors.push(client, echoActor);
  }
  const start = performance.now();
  for (let i = 0; i < p.pairs; i++) clients[i]!.send({ type: 'start', echo: echoes[i]! });
  await tally.allDone;
  const r = result(tally, start, meter);
  for (const a of actors) a.stop();
  return r;
}

// --- the limit: the same pattern with no runtime (baselines/bare-actor-loop.ts) ---------------

/** The limit row's name; the table prints ZActor / this row. */
export const PING_PONG_LIMIT_NAME = 'limit: bare V8 actor loop (no runtime)';
/** Messages per actor turn in the limit row: ZActor's default dispatcher throughput. */
const BARE_TURN_MESSAGES = 300;

async function barePingPong(p: PingPongParams): Promise<RunResult> {
  const meter = new AllocationMeter();
  const run = await runBarePairs(p, p.throughput ?? BARE_TURN_MESSAGES);
  const bytes = meter.stop();
  return {
    operations: run.delivered,
    seconds: run.seconds,
    extra: { [ALLOCATED]: bytes / Math.max(1, run.delivered) },
  };
}

// --- scenarios ------------------------------------------------------------------------------

const implementations = (): Implementation<PingPongParams>[] => [
  { name: 'ZActor', role: 'zactor', run: zactorPingPong },
  { name: 'nact', role: 'peer', run: nactPingPong },
  { name: 'xstate', role: 'peer', run: xstatePingPong },
  { name: PING_PONG_LIMIT_NAME, role: 'baseline', run: barePingPong },
];

/** A ping-pong scenario for one point of the pairs x in-flight sweep. */
export function pingPongScenario(
  pairs: number,
  inFlight: number,
  perPair: Readonly<Record<SizeName, number>>,
): Scenario {
  const sized = (n: number): PingPongParams => ({
    pairs,
    inFlight,
    perPair: Math.max(n, inFlight),
  });
  return defineScenario<PingPongParams>({
    suite: 'actors',
    name: `ping-pong, ${pairs} pair${pairs === 1 ? '' : 's'} x ${inFlight} in flight`,
    countingRule:
      'Proto.Actor in-process rule: every message delivered, ping or pong, counts once (pairs x pings per pair x 2), counted by the receiving actors; one event loop; heap bytes allocated per message from V8 GC statistics; the limit row runs the same pattern on bare actors (a message ring each, a run queue, one handler call per message, 300 per turn) with no runtime',
    kind: 'throughput',
    unit: 'msg/s',
    sizes: { tiny: sized(perPair.tiny), quick: sized(perPair.quick), full: sized(perPair.full) },
    scaleKey: 'perPair',
    extraMetrics: [{ metric: ALLOCATED, unit: 'B', better: 'lower' }],
    ratioRows: [PING_PONG_LIMIT_NAME, 'nact'],
    operations: (p) => p.pairs * p.perPair * 2,
    implementations,
  });
}

/** Dispatcher throughputs swept by `pingPongThroughputScenario` (Proto.Actor's benchmark sweeps them too). */
const SWEPT_THROUGHPUTS = [50, 100, 200, 300, 800] as const;

/**
 * ZActor alone, 32 pairs x 100 in flight, at several dispatcher throughputs (messages an actor
 * handles per turn): the figure behind actor-core's default. The peers have no such setting.
 */
export function pingPongThroughputScenario(perPair: Readonly<Record<SizeName, number>>): Scenario {
  const sized = (n: number): PingPongParams => ({
    pairs: 32,
    inFlight: 100,
    perPair: Math.max(n, 100),
  });
  return defineScenario<PingPongParams>({
    suite: 'actors',
    name: 'ping-pong throughput sweep, 32 pairs x 100 in flight',
    countingRule:
      'as ping-pong: every message delivered, ping or pong, counts once; one implementation per ZActor dispatcher throughput (messages per actor turn); ZActor only',
    kind: 'throughput',
    unit: 'msg/s',
    sizes: { tiny: sized(perPair.tiny), quick: sized(perPair.quick), full: sized(perPair.full) },
    scaleKey: 'perPair',
    extraMetrics: [{ metric: ALLOCATED, unit: 'B', better: 'lower' }],
    operations: (p) => p.pairs * p.perPair * 2,
    implementations: () =>
      SWEPT_THROUGHPUTS.map((throughput) => ({
        name: `ZActor throughput ${throughput}`,
        role: 'zactor' as const,
        run: (p: PingPongParams) => zactorPingPong({ ...p, throughput }),
      })),
  });
}
