/**
 * The model every suite is written in. A scenario fixes the workload and the counting rule; each
 * implementation (ours, a peer, or a baseline) runs that same workload and reports how many
 * operations it completed. The harness checks that count against `Scenario.operations`, so no
 * implementation can be credited with work counted by a different rule.
 */

/** How big a run is: `tiny` for smoke tests, `quick` by default, `full` with `--full`. */
export type SizeName = 'tiny' | 'quick' | 'full';

/** Whose code an implementation measures. */
export type Role = 'zactor' | 'peer' | 'baseline';

/** A scenario's workload parameters; all numbers, so they print and serialise plainly. */
export type Params = Readonly<Record<string, number>>;

/** Which direction of a metric is better. */
export type Better = 'higher' | 'lower';

export interface MetricSpec {
  readonly metric: string;
  readonly unit: string;
  readonly better: Better;
}

/** One worker's share of a cross-thread run. */
export interface WorkerUtilisation {
  readonly worker: string;
  /** Fraction of the run spent doing work rather than waiting, in [0, 1]. */
  readonly busy: number;
}

/** What one measured run of one implementation returns. */
export interface RunResult {
  /** Operations completed, counted by the scenario's rule; must equal `Scenario.operations`. */
  readonly operations: number;
  /** Wall-clock seconds the operations took (warm-up and set-up excluded). */
  readonly seconds: number;
  /** Extra figures named in `Scenario.extraMetrics`. */
  readonly extra?: Readonly<Record<string, number>>;
  /** Latency scenarios: each measured latency in ns, in the order taken. */
  readonly latenciesNs?: Float64Array;
  /** Cross-thread scenarios: how busy each worker was. */
  readonly utilisation?: readonly WorkerUtilisation[];
}

/** One contender in a scenario. */
export interface Implementation<P extends Params = Params> {
  readonly name: string;
  readonly role: Role;
  /**
   * Why this implementation cannot run these parameters on this machine (e.g. the heap would not
   * hold them), or undefined when it can. A skipped implementation is reported as skipped, with
   * the reason, never as a figure or a failure.
   */
  skip?(params: P): string | undefined;
  /** Acquires what the runs share (workers, buffers); called once before any run. */
  open?(params: P): Promise<void> | void;
  /** Runs the workload once and reports it. */
  run(params: P): Promise<RunResult> | RunResult;
  /** Releases what `open` acquired; called once, also after a failed run. */
  close?(): Promise<void> | void;
  /**
   * How long what this implementation started goes on using the machine after a run ends (a
   * BEAM VM's schedulers busy-wait, then it collects): the harness waits this long after each of
   * its runs, so none of it lands in the next contender's timed run.
   */
  readonly settleMs?: number;
}

export interface Scenario<P extends Params = Params> {
  readonly suite: string;
  readonly name: string;
  /** What one operation is and how it is counted; printed with every result. */
  readonly countingRule: string;
  /** `throughput`: operations per second; `latency`: percentiles of `latenciesNs`. */
  readonly kind: 'throughput' | 'latency';
  /** Throughput unit, e.g. `msg/s`; latency scenarios report ns. */
  readonly unit: string;
  /** The workload at each size. */
  readonly sizes: Readonly<Record<SizeName, P>>;
  /**
   * The parameter the harness may multiply so a run lasts about the target time; absent when the
   * workload is fixed (latency scenarios, spawn counts).
   */
  readonly scaleKey?: keyof P & string;
  /** Latency scenarios: the sender's pause between samples, for coordinated-omission correction. */
  readonly expectedIntervalNs?: number;
  /** Figures reported besides the main metric(s). */
  readonly extraMetrics?: readonly MetricSpec[];
  /**
   * Warm-up runs this scenario needs at least, whatever the plan says: a workload whose code
   * paths V8 is still optimising after one run (cross-worker fan-in/out: throughput kept
   * climbing for ~3M messages, with deopts in the send and receive paths) would otherwise be
   * measured while it warms up. The scenario's counting rule says so.
   */
  readonly minWarmups?: number;
  /**
   * Rows (implementation names) the table prints ZActor / row ratios against, besides the
   * reference peers every scenario gets them for (Erlang/OTP, see harness/peer-ratio.ts): e.g.
   * ping-pong's limit row and nact, the figures its targets are stated against.
   */
  readonly ratioRows?: readonly string[];
  /** How many operations a run with these parameters must report. */
  operations(params: P): number;
  /** Fresh implementation objects (they may hold state between `open` and `close`). */
  implementations(): readonly Implementation<P>[];
}

export interface Suite {
  readonly name: string;
  readonly description: string;
  readonly scenarios: readonly Scenario[];
}

/**
 * Erases a scenario's parameter type so scenarios of different shapes share one list. The
 * harness only hands an implementation the parameters built from its own scenario's `sizes`.
 */
export function defineScenario<P extends Params>(scenario: Scenario<P>): Scenario {
  return scenario as unknown as Scenario;
}

/** Seconds between two `performance.now()` readings. */
export function secondsBetween(startMs: number, endMs: number): number {
  return (endMs - startMs) / 1000;
}
