import {
  ActorCluster,
  type ActorRef,
  type AnyActorRef,
  type ClusterMode,
} from '@zactor/actor-core';
import { BenchError } from '../../errors.js';
import { clusterCpus } from '../../harness/cluster-cpus.js';
import { Reports } from '../../harness/reports.js';
import {
  defineScenario,
  type Implementation,
  type RunResult,
  type Scenario,
} from '../../harness/scenario.js';
import { sourceWorkerFactory, workerModuleUrl } from '../../harness/worker-launcher.js';
import { PACING_NS, PingPongImplementation } from '../latency/cross-thread-latency.js';

/**
 * ZActor's actor system across two pinned worker threads (ActorCluster): the scenarios of the
 * multi-worker issue. Actors live in src/workers/bench-cluster.ts; every count is made by the
 * receiving actors and reported back. Cluster start-up and spawning are outside the timing.
 */

const WORKERS = 2;

const ELU = 'lowest worker event-loop utilisation';
const eluMetric = [{ metric: ELU, unit: '%', better: 'higher' as const }];
/**
 * Each worker's own rate, timed on that worker from 'go' to its last delivery: when one
 * worker's cpu is slower, the other finishes early and idles, so the lowest utilisation is the
 * *fast* worker's; these two say which it was.
 */
const SLOWER = 'slower worker msg/s';
const FASTER = 'faster worker msg/s';
const pairsMetrics = [
  ...eluMetric,
  { metric: SLOWER, unit: 'msg/s', better: 'higher' as const },
  { metric: FASTER, unit: 'msg/s', better: 'higher' as const },
];

/** One probe per worker; `start` before the timed part, `lowest` after it. */
class EluProbes {
  private constructor(
    private readonly cluster: ActorCluster,
    private readonly probes: readonly ActorRef<string>[],
  ) {}

  static async start(cluster: ActorCluster): Promise<EluProbes> {
    const probes = await Promise.all(
      Array.from({ length: WORKERS }, (_, worker) => cluster.spawn('eluProbe', { worker })),
    );
    await Promise.all(probes.map((p) => cluster.ask(p, 'start')));
    return new EluProbes(cluster, probes);
  }

  /** The lowest utilisation of the workers since `start`, in percent; stops the probes. */
  async lowest(): Promise<number> {
    const values = await Promise.all(
      this.probes.map((p) => this.cluster.ask<string, number>(p, 'stop')),
    );
    for (const p of this.probes) this.cluster.system.stop(p);
    return Math.min(...values) * 100;
  }
}

/** Starts and stops one cluster per implementation. */
export abstract class ClusterImplementation<P>
  implements Implementation<P & Record<string, number>>
{
  abstract readonly name: string;
  readonly role = 'zactor' as const;
  protected cluster: ActorCluster | undefined;
  protected reports: Reports | undefined;
  protected readonly mode: ClusterMode;

  constructor(mode: ClusterMode = 'efficiency') {
    this.mode = mode;
  }

  async open(): Promise<void> {
    const factory = await sourceWorkerFactory();
    this.cluster = await ActorCluster.start({
      module: workerModuleUrl('bench-cluster'),
      workers: WORKERS,
      mode: this.mode,
      latencySampleEvery: 0,
      ...(factory === undefined ? {} : { workerFactory: factory }),
    });
    this.reports = new Reports(this.cluster.system);
  }

  abstract run(params: P & Record<string, number>): Promise<RunResult>;

  async close(): Promise<void> {
    await this.cluster?.shutdown();
    this.cluster = undefined;
  }

  protected get c(): ActorCluster {
    if (this.cluster === undefined) throw new BenchError('cluster', 'NOT_OPEN', 'not opened');
    return this.cluster;
  }
}

// ---- ping-pong inside each worker --------------------------------------------------------------

type PairsParams = { readonly pairs: number; readonly inFlight: number; readonly perPair: number };

class LocalPairs extends ClusterImplementation<PairsParams> {
  readonly name = 'ZActor cluster, 2 workers';

  async run(p: PairsParams): Promise<RunResult> {
    const c = this.c;
    const reports = this.reports!;
    const drivers = await Promise.all(
      Array.from({ length: WORKERS }, (_, worker) =>
        c.spawn('localPairs', {
          worker,
          args: { pairs: p.pairs, inFlight: p.inFlight, perPair: p.perPair },
        }),
      ),
    );
    const probes = await EluProbes.start(c);
    const done = reports.expect(WORKERS);
    const start = performance.now();
    for (const d of drivers) d.tell('go', reports.ref);
    await done;
    const seconds = (performance.now() - start) / 1000;
    const elu = await probes.lowest();
    const rates = await Promise.all(drivers.map((d) => c.ask<string, number>(d, 'rate')));
    for (const d of drivers) c.system.stop(d);
    return {
      operations: reports.total,
      seconds,
      extra: { [ELU]: elu, [SLOWER]: Math.min(...rates), [FASTER]: Math.max(...rates) },
    };
  }
}

/** Both ping-pong scenarios: 32 pairs x 100 in flight (the run loop scales `perPair`). */
const pairsSizes = {
  tiny: { pairs: 32, inFlight: 100, perPair: 100 },
  quick: { pairs: 32, inFlight: 100, perPair: 300 },
  full: { pairs: 32, inFlight: 100, perPair: 300 },
};

export const clusterLocalPairsScenario: Scenario = defineScenario<PairsParams>({
  suite: 'actors',
  name: 'cluster: ping-pong, 32 pairs x 100 in flight inside each of 2 workers',
  countingRule:
    'Proto.Actor rule per worker (every ping and pong delivered counts once), summed over both workers; each worker runs its own pairs, counted by the receiving actors',
  kind: 'throughput',
  unit: 'msg/s',
  sizes: pairsSizes,
  scaleKey: 'perPair',
  extraMetrics: pairsMetrics,
  operations: (p) => WORKERS * p.pairs * p.perPair * 2,
  implementations: () => [new LocalPairs()],
});

// ---- ping-pong across workers ------------------------------------------------------------------

class SplitPairs extends ClusterImplementation<PairsParams> {
  readonly name: string;

  constructor(mode: ClusterMode) {
    super(mode);
    this.name = `ZActor cluster, ${mode} mode`;
  }

  async run(p: PairsParams): Promise<RunResult> {
    const c = this.c;
    const reports = this.reports!;
    const half = p.pairs / 2;
    // Half the pairs have their client on worker 0, half on worker 1: traffic both ways.
    const clients = [
      ...(await c.spawnMany('client', half, { worker: 0, args: p })),
      ...(await c.spawnMany('client', p.pairs - half, { worker: 1, args: p })),
    ];
    const echoes = [
      ...(await c.spawnMany('echo', half, { worker: 1 })),
      ...(await c.spawnMany('echo', p.pairs - half, { worker: 0 })),
    ];
    for (let i = 0; i < p.pairs; i++)
      echoes[i]!.tell({ partner: clients[i]!, reportTo: reports.ref });
    // The introductions must land before the first ping: wait until every echo answers.
    await Promise.all(echoes.map((e) => c.ask(e, 'count')));
    const probes = await EluProbes.start(c);
    const done = reports.expect(p.pairs);
    const start = performance.now();
    for (let i = 0; i < p.pairs; i++)
      clients[i]!.tell({ partner: echoes[i]!, reportTo: reports.ref });
    await done;
    const seconds = (performance.now() - start) / 1000;
    const elu = await probes.lowest();
    const pongs = reports.total;
    const pings = (await Promise.all(echoes.map((e) => c.ask<string, number>(e, 'count')))).reduce(
      (a, b) => a + b,
      0,
    );
    for (const r of [...clients, ...echoes]) c.system.stop(r);
    return { operations: pongs + pings, seconds, extra: { [ELU]: elu } };
  }
}

export const clusterSplitPairsScenario: Scenario = defineScenario<PairsParams>({
  suite: 'actors',
  name: 'cluster: ping-pong, 32 pairs x 100 in flight split across 2 workers',
  countingRule:
    'Proto.Actor rule (every ping and pong delivered counts once); each pair has its client on one worker and its echo on the other, so every message crosses workers; pongs counted by the clients, pings by the echoes',
  kind: 'throughput',
  unit: 'msg/s',
  sizes: pairsSizes,
  scaleKey: 'perPair',
  extraMetrics: eluMetric,
  operations: (p) => p.pairs * p.perPair * 2,
  implementations: () => [new SplitPairs('efficiency'), new SplitPairs('latency')],
});

// ---- round-trip latency ------------------------------------------------------------------------

type LatencyParams = { readonly samples: number };

class RoundTrip extends ClusterImplementation<LatencyParams> {
  readonly name: string;

  constructor(mode: ClusterMode) {
    super(mode);
    this.name = `ZActor cluster actors, ${mode} mode`;
  }

  async run(p: LatencyParams): Promise<RunResult> {
    const c = this.c;
    const reports = this.reports!;
    const warmup = Math.min(2000, p.samples);
    const out = new SharedArrayBuffer(p.samples * 8);
    const pinger = await c.spawn('pacedPinger', {
      worker: 0,
      args: { samples: p.samples, warmup, intervalNs: PACING_NS, out },
    });
    const replier = await c.spawn('replier', { worker: 1 });
    const done = reports.expect(1);
    const start = performance.now();
    pinger.tell({ partner: replier, reportTo: reports.ref } satisfies {
      partner: AnyActorRef;
      reportTo: AnyActorRef;
    });
    await done;
    const seconds = (performance.now() - start) / 1000;
    c.system.stop(pinger);
    c.system.stop(replier);
    return { operations: reports.total, seconds, latenciesNs: new Float64Array(out) };
  }
}

/**
 * The machine's own floor for a round trip between two threads, measured beside the actors: one
 * shared Int32 word handed back and forth by two spinning threads, nothing else (the latency
 * suite's "Atomics word hand-off"). On this shared VM it has read 0.23 µs P50 in some minutes and
 * 0.9-1.0 µs in others, so the actor round trip is read against it in the same run.
 */
const ROUND_TRIP_LIMIT_NAME = 'limit: Atomics word hand-off (two bare threads)';

/** The cpus of the cluster's two workers, for the limit row's threads (none: one cpu here). */
function clusterPair(): readonly [number, number] | undefined {
  const [first, second] = clusterCpus(WORKERS);
  return first === undefined || second === undefined ? undefined : [first, second];
}

export const clusterRoundTripScenario: Scenario = defineScenario<LatencyParams>({
  suite: 'actors',
  name: 'cluster: cross-worker actor round trip',
  countingRule:
    'one sample = one ask-style round trip between actors on two workers (tell with sender, reply), timed by the sending actor; 1 us pacing (Disruptor way: the actor pinger sends at most one ping per microsecond, the bare pingers pause 1 us after each reply); HDR corrected for coordinated omission; the limit row is two bare spinning threads, pinned to the same cpus as the cluster workers, handing one shared word back and forth; the MessagePort row two bare threads with postMessage',
  kind: 'latency',
  unit: 'ns',
  sizes: { tiny: { samples: 200 }, quick: { samples: 20_000 }, full: { samples: 200_000 } },
  expectedIntervalNs: PACING_NS,
  operations: (p) => p.samples,
  implementations: () => [
    new RoundTrip('latency'),
    new RoundTrip('efficiency'),
    new PingPongImplementation(ROUND_TRIP_LIMIT_NAME, 'baseline', 'atomics', clusterPair()),
    new PingPongImplementation('MessagePort postMessage', 'baseline', 'port'),
  ],
  ratioRows: [ROUND_TRIP_LIMIT_NAME],
});

// ---- fan-out and fan-in ------------------------------------------------------------------------

type FanParams = { readonly actors: number; readonly rounds: number };

class FanOut extends ClusterImplementation<FanParams> {
  readonly name = 'ZActor cluster, 2 workers';

  async run(p: FanParams): Promise<RunResult> {
    const c = this.c;
    const reports = this.reports!;
    const sum = await c.spawn('sum', { worker: 1, args: { expect: p.actors * p.rounds } });
    sum.tell({ reportTo: reports.ref });
    const targets = await c.spawnMany('target', p.actors, {
      worker: 1,
      args: { tally: sum.id, rounds: p.rounds },
    });
    const ids = new SharedArrayBuffer(p.actors * 8);
    new Float64Array(ids).set(targets.map((t) => t.id));
    const broadcaster = await c.spawn('broadcaster', {
      worker: 0,
      args: { ids, rounds: p.rounds },
    });
    const done = reports.expect(1);
    const start = performance.now();
    broadcaster.tell('go');
    await done;
    const seconds = (performance.now() - start) / 1000;
    for (const r of [sum, broadcaster, ...targets]) c.system.stop(r);
    return { operations: reports.total, seconds };
  }
}

class FanIn extends ClusterImplementation<FanParams> {
  readonly name = 'ZActor cluster, 2 workers';

  async run(p: FanParams): Promise<RunResult> {
    const c = this.c;
    const reports = this.reports!;
    const sink = await c.spawn('tally', { worker: 0, args: { expect: p.actors * p.rounds } });
    sink.tell({ reportTo: reports.ref });
    const sources = await c.spawnMany('source', p.actors, {
      worker: 1,
      args: { sink: sink.id, count: p.rounds },
    });
    const ids = new SharedArrayBuffer(p.actors * 8);
    new Float64Array(ids).set(sources.map((s) => s.id));
    const trigger = await c.spawn('trigger', { worker: 1, args: { ids } });
    const done = reports.expect(1);
    const start = performance.now();
    trigger.tell('go');
    await done;
    const seconds = (performance.now() - start) / 1000;
    for (const r of [sink, trigger, ...sources]) c.system.stop(r);
    return { operations: reports.total, seconds };
  }
}

/** Fan-in/out keep speeding up for the first few million messages (V8 still optimising). */
const FAN_WARMUPS = 5;

const fanSizes = {
  tiny: { actors: 1000, rounds: 2 },
  quick: { actors: 10_000, rounds: 20 },
  full: { actors: 10_000, rounds: 100 },
};

export const clusterFanOutScenario: Scenario = defineScenario<FanParams>({
  suite: 'actors',
  name: 'cluster: fan-out 1 -> 10,000 actors on another worker',
  countingRule:
    'one actor on worker 0 tells each of 10,000 actors on worker 1 one number per round; a message counts when the target has received it: each target counts its own, checks the rounds come in order, and tells a sum on its own worker once it has them all (before 2026-12-06 each target told a tally once per message, two actor turns per counted message); measured after 5 warm-up runs',
  kind: 'throughput',
  unit: 'msg/s',
  sizes: fanSizes,
  scaleKey: 'rounds',
  minWarmups: FAN_WARMUPS,
  operations: (p) => p.actors * p.rounds,
  implementations: () => [new FanOut()],
});

export const clusterFanInScenario: Scenario = defineScenario<FanParams>({
  suite: 'actors',
  name: 'cluster: fan-in 10,000 actors -> 1 on another worker',
  countingRule:
    '10,000 actors on worker 1 each tell one actor on worker 0 `rounds` numbers; counted by the receiving actor; measured after 5 warm-up runs',
  kind: 'throughput',
  unit: 'msg/s',
  sizes: fanSizes,
  scaleKey: 'rounds',
  minWarmups: FAN_WARMUPS,
  operations: (p) => p.actors * p.rounds,
  implementations: () => [new FanIn()],
});
