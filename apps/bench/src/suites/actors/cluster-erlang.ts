import { BenchError } from '../../errors.js';
import type { Implementation, MetricSpec, RunResult, Scenario } from '../../harness/scenario.js';
import {
  detectErlang,
  ERLANG_SETTLE_MS,
  type ErlangAvailability,
  ErlangPeer,
  type PeerInfo,
  type SplitPairsMode,
} from '../../peers/erlang-peer.js';
import { PACING_NS } from '../latency/cross-thread-latency.js';
import { clusterRoundTripScenario, clusterSplitPairsScenario } from './cluster.js';

/**
 * Erlang/OTP as a peer of ZActor's cross-worker scenarios: the same workload shape, run by our
 * Erlang programs (apps/bench/erlang) in one VM with two schedulers, so that one run reports
 * ZActor and Erlang in the same table. When `erl` or `erlc` is missing the implementations are
 * reported as skipped, with the reason and how to install Erlang, never left out.
 */

/**
 * The split-pairs rows (names as in `--filter`): each pair's two processes forced onto different
 * schedulers with spawn_opt `{scheduler, N}` (the scenario's shape, and the BEAM's slow path), and
 * the same processes placed and migrated by the BEAM itself (what an Erlang program gets).
 */
export const ERLANG_SPLIT_IMPL_NAME = 'Erlang/OTP, 2 schedulers, pairs split';
export const ERLANG_BEAM_IMPL_NAME = 'Erlang/OTP, 2 schedulers, BEAM placement';
/** The round-trip row (pinger and replier on different schedulers). */
export const ERLANG_ROUND_TRIP_IMPL_NAME = 'Erlang/OTP, 2 schedulers';

type Detect = () => ErlangAvailability;

let announced = false;
/** One line on stderr per process naming the VM measured (the tables only carry the name). */
function announce(info: PeerInfo, dir: string): void {
  if (announced) return;
  announced = true;
  console.error(
    `zactor-bench: Erlang peer: OTP ${info.otp} (erts ${info.erts}), ` +
      `erl ${ErlangPeer.commandLine(dir).join(' ').replace(dir, '<tmp>')}; ${info.schedulers} schedulers` +
      `${info.bindings === 'unbound' ? ' (unbound)' : ` bound to cpus ${info.bindings}`}, ` +
      (info.placement === 'bound'
        ? 'processes placed with spawn_opt {scheduler, N} (BEAM-placement rows: by the VM)'
        : 'spawn_opt {scheduler, N} unavailable, processes placed by the VM'),
  );
}

/** Starts and stops one Erlang VM per implementation, like the ZActor rows' clusters. */
abstract class ErlangImplementation<P> implements Implementation<P & Record<string, number>> {
  readonly settleMs = ERLANG_SETTLE_MS;
  abstract readonly name: string;
  readonly role = 'peer' as const;
  protected peer: ErlangPeer | undefined;
  /** Whether the row places processes with spawn_opt `{scheduler, N}` (and needs it). */
  protected readonly placesProcesses: boolean = true;

  constructor(private readonly detect: Detect = () => detectErlang()) {}

  skip(): string | undefined {
    const found = this.detect();
    return found.ok ? undefined : found.reason;
  }

  async open(): Promise<void> {
    const peer = await ErlangPeer.start();
    this.peer = peer;
    if (peer.info.schedulers !== 2) {
      await this.close();
      throw new BenchError(
        'erlang',
        'NO_PLACEMENT',
        `the Erlang VM has ${peer.info.schedulers} schedulers; the scenario needs 2`,
      );
    }
    if (this.placesProcesses && peer.info.placement !== 'bound') {
      await this.close();
      throw new BenchError(
        'erlang',
        'NO_PLACEMENT',
        `the Erlang VM has placement '${peer.info.placement}'; ` +
          'this row needs spawn_opt {scheduler, N} so that every message crosses the schedulers',
      );
    }
    announce(peer.info, peer.dir);
  }

  abstract run(params: P & Record<string, number>): Promise<RunResult>;

  async close(): Promise<void> {
    await this.peer?.close();
    this.peer = undefined;
  }

  protected get p(): ErlangPeer {
    if (this.peer === undefined) throw new BenchError('erlang', 'NOT_OPEN', 'not opened');
    return this.peer;
  }

  protected checkPlacement(misplaced: number): void {
    if (misplaced !== 0) {
      throw new BenchError(
        'erlang',
        'MISPLACED',
        `${misplaced} scheduler check(s) found a process off the scheduler it was placed on`,
      );
    }
  }
}

type PairsParams = { readonly pairs: number; readonly inFlight: number; readonly perPair: number };

/** Reports a scenario's utilisation metric as Erlang's lowest scheduler utilisation. */
function utilisationMetric(extra: readonly MetricSpec[] | undefined): string | undefined {
  const unknown = (extra ?? []).filter((m) => !m.metric.includes('utilisation'));
  if (unknown.length > 0) {
    throw new BenchError(
      'erlang',
      'UNKNOWN_METRIC',
      `the Erlang peer cannot report ${unknown.map((m) => m.metric).join(', ')}`,
    );
  }
  return extra?.[0]?.metric;
}

/**
 * 32 pairs x 100 in flight, every ping counted by its echo and every pong by its client. Mode
 * `split`: each pair's client and echo bound to different schedulers (half the clients on each);
 * mode `beam`: spawned with no scheduler option, placed and migrated by the VM.
 */
export class ErlangSplitPairs extends ErlangImplementation<PairsParams> {
  readonly name: string;
  protected override readonly placesProcesses: boolean;

  constructor(
    private readonly utilisation: string | undefined,
    private readonly mode: SplitPairsMode = 'split',
    detect?: Detect,
  ) {
    super(detect);
    this.name = mode === 'split' ? ERLANG_SPLIT_IMPL_NAME : ERLANG_BEAM_IMPL_NAME;
    this.placesProcesses = mode === 'split';
  }

  async run(p: PairsParams): Promise<RunResult> {
    const r = await this.p.splitPairs(p.pairs, p.inFlight, p.perPair, this.mode);
    if (
      r.mode !== this.mode ||
      r.pairs !== p.pairs ||
      r.inFlight !== p.inFlight ||
      r.perPair !== p.perPair
    ) {
      throw new BenchError(
        'erlang',
        'WRONG_WORKLOAD',
        `asked ${JSON.stringify(p)}, ran ${JSON.stringify(r)}`,
      );
    }
    this.checkPlacement(r.misplaced);
    const each = p.pairs * p.perPair;
    if (r.pings !== each || r.pongs !== each) {
      throw new BenchError(
        'erlang',
        'COUNT_MISMATCH',
        `echoes counted ${r.pings} pings and clients ${r.pongs} pongs; expected ${each} of each`,
      );
    }
    return {
      operations: r.pings + r.pongs,
      seconds: r.elapsedNs / 1e9,
      ...(this.utilisation !== undefined ? { extra: { [this.utilisation]: r.utilMin * 100 } } : {}),
    };
  }
}

type LatencyParams = { readonly samples: number };

/** One pinger and one replier on different schedulers, one message in flight, 1 us pacing. */
export class ErlangRoundTrip extends ErlangImplementation<LatencyParams> {
  readonly name = ERLANG_ROUND_TRIP_IMPL_NAME;

  async run(p: LatencyParams): Promise<RunResult> {
    // The warm-up of ZActor's round trip (suites/actors/cluster.ts).
    const warmup = Math.min(2000, p.samples);
    const r = await this.p.roundTrip(p.samples, warmup, PACING_NS);
    this.checkPlacement(r.misplaced);
    if (r.replies !== p.samples + warmup || r.latenciesNs.length !== r.samples) {
      throw new BenchError(
        'erlang',
        'COUNT_MISMATCH',
        `the replier answered ${r.replies} pings and ${r.latenciesNs.length} samples came back; expected ${p.samples + warmup} and ${p.samples}`,
      );
    }
    return {
      operations: r.latenciesNs.length,
      seconds: r.elapsedNs / 1e9,
      latenciesNs: r.latenciesNs,
    };
  }
}

/** A scenario with more implementations and a counting rule that says how they count. */
export function withPeer(scenario: Scenario, rule: string, more: () => Implementation[]): Scenario {
  return {
    ...scenario,
    countingRule: `${scenario.countingRule}; ${rule}`,
    implementations: () => [...scenario.implementations(), ...more()],
  };
}

/** `cluster: ping-pong, 32 pairs x 100 in flight split across 2 workers`, with Erlang. */
export const clusterSplitPairsWithErlang: Scenario = withPeer(
  clusterSplitPairsScenario,
  'the Erlang/OTP rows run the same 32 pairs x 100 in flight in one VM with 2 schedulers (erl +S 2:2 +sbt db): "pairs split" puts each pair\'s client and echo on different schedulers with spawn_opt {scheduler, N} so that every message crosses, "BEAM placement" spawns them with no scheduler option and lets the VM place and migrate them (messages cross only when the VM puts a pair apart); in both, pings counted by the echoes and pongs by the clients, exactly, and utilisation is the lowest scheduler utilisation (scheduler_wall_time)',
  () => [
    new ErlangSplitPairs(utilisationMetric(clusterSplitPairsScenario.extraMetrics), 'split'),
    new ErlangSplitPairs(utilisationMetric(clusterSplitPairsScenario.extraMetrics), 'beam'),
  ],
);

/** `cluster: cross-worker actor round trip`, with Erlang. */
export const clusterRoundTripWithErlang: Scenario = withPeer(
  clusterRoundTripScenario,
  'the Erlang/OTP row is two processes on 2 schedulers (erl +S 2:2 +sbt db, spawn_opt {scheduler, N}) with the same pacing, warm-up and timing by the sender',
  () => [new ErlangRoundTrip()],
);
