import { BenchError } from '../errors.js';
import { LATENCY_METRICS, type LatencyPoint, LatencyRecorder } from './latency-recorder.js';
import type { Progress } from './progress.js';
import type {
  Implementation,
  MetricSpec,
  Params,
  Role,
  RunResult,
  Scenario,
  SizeName,
  WorkerUtilisation,
} from './scenario.js';
import { median, type Summary, summarize } from './statistics.js';

/**
 * The run loop: for each scenario, open every selected implementation, calibrate and warm each
 * one up, then take the measured runs in rounds (one run of each implementation per round, the
 * order rotated every round) so that drift on a shared machine spreads over all contenders
 * instead of landing on whoever ran last. Every run's operation count is checked against the
 * scenario's counting rule.
 */

export interface RunPlan {
  readonly size: SizeName;
  /** Measured runs per implementation. */
  readonly runs: number;
  /** Warm-up runs per implementation, after calibration. */
  readonly warmups: number;
  /** Calibrated scenarios scale their workload so a run lasts about this long; 0 turns it off. */
  readonly targetSeconds: number;
  /** Upper bound for the calibration multiplier. */
  readonly maxScale: number;
  /** A run that has not finished after this long fails. */
  readonly runTimeoutMs: number;
}

export interface MetricResult extends MetricSpec {
  readonly summary: Summary;
}

export interface ImplementationResult {
  readonly name: string;
  readonly role: Role;
  /** The parameters of the measured runs (after calibration). */
  readonly params: Params;
  readonly metrics: readonly MetricResult[];
  /** Latency scenarios: the corrected percentile curve over all measured runs. */
  readonly latencyCurve?: readonly LatencyPoint[];
  /** Latency scenarios: the same curve without the coordinated-omission correction. */
  readonly rawLatencyCurve?: readonly LatencyPoint[];
  /** Cross-thread scenarios: each worker's median busy fraction. */
  readonly utilisation?: readonly WorkerUtilisation[];
  /** Why this implementation has no figures, when it failed. */
  readonly error?: string;
  /** Why this implementation was not run (it does not fit this machine); not a failure. */
  readonly skipped?: string;
}

export interface ScenarioResult {
  readonly suite: string;
  readonly scenario: string;
  readonly countingRule: string;
  readonly kind: 'throughput' | 'latency';
  readonly unit: string;
  /** The scenario's `ratioRows`, when it names any. */
  readonly ratioRows?: readonly string[];
  readonly implementations: readonly ImplementationResult[];
}

/** The metrics a scenario reports, main metric(s) first. */
export function metricSpecs(scenario: Scenario): MetricSpec[] {
  const main: MetricSpec[] =
    scenario.kind === 'throughput'
      ? [{ metric: 'throughput', unit: scenario.unit, better: 'higher' }]
      : LATENCY_METRICS.map(({ metric }) => ({ metric, unit: 'ns', better: 'lower' as const }));
  return [...main, ...(scenario.extraMetrics ?? [])];
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BenchError('run-loop', 'RUN_TIMEOUT', `${what} did not finish in ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

interface Contender {
  readonly impl: Implementation;
  params: Params;
  readonly results: RunResult[];
  error?: string;
  skipped?: string;
}

async function runChecked(scenario: Scenario, c: Contender, plan: RunPlan): Promise<RunResult> {
  try {
    return await runOnce(scenario, c, plan);
  } finally {
    // Also after a failed run: what the implementation left running must not land in the next.
    const settle = c.impl.settleMs ?? 0;
    if (settle > 0) await new Promise((resolve) => setTimeout(resolve, settle));
  }
}

/** One run of `c`, checked against the counting rule. */
async function runOnce(scenario: Scenario, c: Contender, plan: RunPlan): Promise<RunResult> {
  const what = `${scenario.suite}/${scenario.name} [${c.impl.name}]`;
  const result = await withTimeout(
    Promise.resolve().then(() => c.impl.run(c.params)),
    plan.runTimeoutMs,
    what,
  );
  const expected = scenario.operations(c.params);
  if (result.operations !== expected) {
    throw new BenchError(
      'run-loop',
      'COUNT_MISMATCH',
      `${what} reported ${result.operations} operations; the counting rule expects ${expected}`,
    );
  }
  if (!(result.seconds > 0) || !Number.isFinite(result.seconds)) {
    throw new BenchError('run-loop', 'BAD_DURATION', `${what} reported ${result.seconds} s`);
  }
  if (scenario.kind === 'latency' && (result.latenciesNs?.length ?? 0) === 0) {
    throw new BenchError('run-loop', 'NO_LATENCIES', `${what} reported no latencies`);
  }
  return result;
}

function scaled(base: Params, key: string, factor: number): Params {
  return { ...base, [key]: (base[key] ?? 0) * factor };
}

/** Calibrates the workload (when the scenario allows) and warms the implementation up. */
async function prepare(scenario: Scenario, c: Contender, plan: RunPlan): Promise<void> {
  const base = c.params;
  const key = scenario.scaleKey;
  if (key !== undefined && plan.targetSeconds > 0) {
    let factor = 1;
    let seconds = (await runChecked(scenario, c, plan)).seconds;
    for (let i = 0; i < 6 && seconds < plan.targetSeconds * 0.6 && factor < plan.maxScale; i++) {
      const grow = Math.max(2, Math.ceil(plan.targetSeconds / Math.max(seconds, 1e-6)));
      factor = Math.min(plan.maxScale, factor * grow);
      c.params = scaled(base, key, factor);
      seconds = (await runChecked(scenario, c, plan)).seconds;
    }
  }
  const warmups = Math.max(plan.warmups, scenario.minWarmups ?? 0);
  for (let i = 0; i < warmups; i++) await runChecked(scenario, c, plan);
}

function summarise(scenario: Scenario, c: Contender): ImplementationResult {
  const base = { name: c.impl.name, role: c.impl.role, params: c.params };
  if (c.skipped !== undefined) return { ...base, metrics: [], skipped: c.skipped };
  if (c.error !== undefined) return { ...base, metrics: [], error: c.error };
  const metrics: MetricResult[] = [];
  let latencyCurve: LatencyPoint[] | undefined;
  let rawLatencyCurve: LatencyPoint[] | undefined;
  if (scenario.kind === 'throughput') {
    const values = c.results.map((r) => r.operations / r.seconds);
    metrics.push({ ...metricSpecs(scenario)[0]!, summary: summarize(values) });
  } else {
    const perRun = c.results.map((r) => {
      const recorder = new LatencyRecorder(scenario.expectedIntervalNs ?? 0);
      recorder.recordAll(r.latenciesNs!);
      const p = recorder.percentiles();
      recorder.destroy();
      return p;
    });
    for (const { metric } of LATENCY_METRICS) {
      const values = perRun.map((p) => p[metric]!);
      metrics.push({ metric, unit: 'ns', better: 'lower', summary: summarize(values) });
    }
    const merged = new LatencyRecorder(scenario.expectedIntervalNs ?? 0);
    for (const r of c.results) merged.recordAll(r.latenciesNs!);
    latencyCurve = merged.curve();
    rawLatencyCurve = merged.curve(true);
    merged.destroy();
  }
  for (const spec of scenario.extraMetrics ?? []) {
    const values = c.results.map((r) => {
      const v = r.extra?.[spec.metric];
      if (v === undefined) {
        throw new BenchError(
          'run-loop',
          'MISSING_METRIC',
          `${scenario.suite}/${scenario.name} [${c.impl.name}] did not report ${spec.metric}`,
        );
      }
      return v;
    });
    metrics.push({ ...spec, summary: summarize(values) });
  }
  const workers = c.results[0]?.utilisation?.map((u) => u.worker) ?? [];
  const utilisation = workers.map((worker) => ({
    worker,
    busy: median(c.results.map((r) => r.utilisation?.find((u) => u.worker === worker)?.busy ?? 0)),
  }));
  return {
    ...base,
    metrics,
    ...(latencyCurve !== undefined ? { latencyCurve } : {}),
    ...(rawLatencyCurve !== undefined ? { rawLatencyCurve } : {}),
    ...(utilisation.length > 0 ? { utilisation } : {}),
  };
}

/** How many progress steps `runScenario` takes for `implCount` implementations. */
export function progressSteps(plan: RunPlan, implCount: number): number {
  return implCount * (1 + plan.runs);
}

/**
 * Measures the given implementations of one scenario. An implementation that fails is reported
 * with its error and the others still run.
 */
export async function runScenario(
  scenario: Scenario,
  impls: readonly Implementation[],
  plan: RunPlan,
  progress: Progress,
): Promise<ScenarioResult> {
  const contenders: Contender[] = impls.map((impl) => {
    const params = scenario.sizes[plan.size];
    const skipped = impl.skip?.(params);
    return { impl, params, results: [], ...(skipped !== undefined ? { skipped } : {}) };
  });
  const label = (c: Contender) => `${scenario.suite}/${scenario.name} ${c.impl.name}`;
  const opened = new Set<Contender>();
  // A failed contender releases its resources at once: a worker stuck in a spin loop must not
  // keep a core busy while the others are measured.
  const retire = async (c: Contender): Promise<void> => {
    if (!opened.delete(c)) return;
    try {
      await c.impl.close?.();
    } catch (error) {
      c.error ??= describe(error);
    }
  };
  try {
    for (const c of contenders) {
      if (c.skipped !== undefined) {
        progress.advance(`${label(c)} skipped`);
        continue;
      }
      try {
        await c.impl.open?.(c.params);
        opened.add(c);
        await prepare(scenario, c, plan);
      } catch (error) {
        c.error = describe(error);
        await retire(c);
      }
      progress.advance(`${label(c)} warmed up`);
    }
    for (let round = 0; round < plan.runs; round++) {
      for (let i = 0; i < contenders.length; i++) {
        const c = contenders[(i + round) % contenders.length]!;
        if (c.error === undefined && c.skipped === undefined) {
          try {
            c.results.push(await runChecked(scenario, c, plan));
          } catch (error) {
            c.error = describe(error);
            await retire(c);
          }
        }
        progress.advance(label(c));
      }
    }
  } finally {
    for (const c of [...opened]) await retire(c);
  }
  const implementations = contenders.map((c) => {
    try {
      return summarise(scenario, c);
    } catch (error) {
      return {
        name: c.impl.name,
        role: c.impl.role,
        params: c.params,
        metrics: [],
        error: describe(error),
      };
    }
  });
  return {
    suite: scenario.suite,
    scenario: scenario.name,
    countingRule: scenario.countingRule,
    kind: scenario.kind,
    unit: scenario.unit,
    ...(scenario.ratioRows === undefined ? {} : { ratioRows: scenario.ratioRows }),
    implementations,
  };
}
