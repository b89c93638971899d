import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BenchError } from './errors.js';
import { compileFilter, scenarioImplId } from './harness/filter.js';
import { renderHtmlReport } from './harness/html-report.js';
import { type MachineInfo, machineInfo } from './harness/machine-info.js';
import { renderMarkdownReport } from './harness/markdown-report.js';
import { defaultProgress, type Progress } from './harness/progress.js';
import { type BenchJson, toBenchJson } from './harness/record.js';
import {
  progressSteps,
  type RunPlan,
  runScenario,
  type ScenarioResult,
} from './harness/run-loop.js';
import type { Implementation, Scenario, SizeName } from './harness/scenario.js';
import { formatScenario } from './harness/table.js';
import { selectSuites } from './suites/index.js';

/** What a benchmark session was asked to do (the CLI's flags, parsed). */
export interface BenchOptions {
  /** Suite names (entries may be comma lists); empty for all. */
  readonly suites: readonly string[];
  readonly filter?: string;
  readonly size: SizeName;
  /** Measured runs per implementation; the size's default when absent. */
  readonly runs?: number;
  readonly json?: string;
  readonly html?: string;
  /** Markdown tables of the session, as BENCHMARKS.md shows them. */
  readonly markdown?: string;
  /** Show a progress bar (only ever on a terminal's stderr). */
  readonly progress: boolean;
  /** Where the tables go (stdout for the CLI). */
  readonly out: (text: string) => void;
  /** The command line, recorded in the JSON and HTML outputs. */
  readonly command: string;
  /** Fails a run that takes longer; the size's default when absent. */
  readonly runTimeoutMs?: number;
}

export interface BenchOutcome {
  readonly machine: MachineInfo;
  readonly results: readonly ScenarioResult[];
  readonly json: BenchJson;
  /** Implementations that failed. */
  readonly failures: number;
}

/** Runs, warm-ups and run length for each size. */
export const PLANS: Readonly<Record<SizeName, RunPlan>> = {
  tiny: { size: 'tiny', runs: 1, warmups: 0, targetSeconds: 0, maxScale: 1, runTimeoutMs: 60_000 },
  quick: {
    size: 'quick',
    runs: 3,
    warmups: 1,
    targetSeconds: 0.1,
    maxScale: 1000,
    runTimeoutMs: 120_000,
  },
  full: {
    size: 'full',
    runs: 5,
    warmups: 2,
    targetSeconds: 0.5,
    maxScale: 10_000,
    runTimeoutMs: 600_000,
  },
};

export function planFor(options: Pick<BenchOptions, 'size' | 'runs' | 'runTimeoutMs'>): RunPlan {
  const base = PLANS[options.size];
  if (options.runs !== undefined && !(Number.isInteger(options.runs) && options.runs >= 1)) {
    throw new BenchError(
      'runBench',
      'BAD_RUNS',
      `--runs (${options.runs}) must be a whole number >= 1`,
    );
  }
  return {
    ...base,
    ...(options.runs !== undefined ? { runs: options.runs } : {}),
    ...(options.runTimeoutMs !== undefined ? { runTimeoutMs: options.runTimeoutMs } : {}),
  };
}

interface Selected {
  readonly scenario: Scenario;
  readonly impls: readonly Implementation[];
}

/**
 * The scenarios and implementations the options select (fresh implementation objects). Throws
 * `BenchError` `NOTHING_SELECTED` when the filter leaves nothing.
 */
export function selectWork(options: Pick<BenchOptions, 'suites' | 'filter'>): Selected[] {
  const matches = compileFilter(options.filter);
  const work: Selected[] = [];
  for (const suite of selectSuites(options.suites)) {
    for (const scenario of suite.scenarios) {
      const impls = scenario
        .implementations()
        .filter((i) => matches(scenarioImplId(suite.name, scenario.name, i.name)));
      if (impls.length > 0) work.push({ scenario, impls });
    }
  }
  if (work.length === 0) {
    throw new BenchError(
      'runBench',
      'NOTHING_SELECTED',
      'no scenario matches the suites and filter given',
    );
  }
  return work;
}

async function writeOutput(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

/** Runs a benchmark session: selection, measurement, tables, and the JSON / HTML files. */
export async function runBench(
  options: BenchOptions,
  progress: Progress = defaultProgress(options.progress),
): Promise<BenchOutcome> {
  const plan = planFor(options);
  const work = selectWork(options);
  if (work.length === 0) {
    throw new BenchError(
      'runBench',
      'NOTHING_SELECTED',
      'no scenario matches the suites and filter given',
    );
  }
  const machine = machineInfo();
  options.out(
    `zactor-bench: ${options.size} run, ${plan.runs} measured run(s) per implementation, median reported\n` +
      `node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, ${machine.date}\n`,
  );
  const startedMs = performance.now();
  const results: ScenarioResult[] = [];
  progress.begin(work.reduce((n, w) => n + progressSteps(plan, w.impls.length), 0));
  try {
    for (const { scenario, impls } of work) {
      const scenarioStart = performance.now();
      const result = await runScenario(scenario, impls, plan, progress);
      results.push(result);
      const took = ((performance.now() - scenarioStart) / 1000).toFixed(1);
      options.out(`${formatScenario(result)}\n  (${took} s)\n`);
    }
  } finally {
    progress.end();
  }
  const json = toBenchJson(results, machine, options.command);
  if (options.json !== undefined) {
    await writeOutput(options.json, `${JSON.stringify(json, null, 2)}\n`);
    options.out(`JSON written to ${options.json}`);
  }
  if (options.html !== undefined) {
    await writeOutput(options.html, renderHtmlReport(results, machine, options.command));
    options.out(`HTML report written to ${options.html}`);
  }
  if (options.markdown !== undefined) {
    await writeOutput(options.markdown, renderMarkdownReport(results, machine, options.command));
    options.out(`Markdown tables written to ${options.markdown}`);
  }
  const failures = json.failures.length;
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  options.out(
    `done in ${seconds} s: ${results.length} scenario(s), ${json.records.length} record(s)` +
      (failures > 0 ? `, ${failures} implementation(s) FAILED` : ''),
  );
  return { machine, results, json, failures };
}
