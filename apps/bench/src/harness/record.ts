import type { MachineInfo } from './machine-info.js';
import type { ScenarioResult } from './run-loop.js';
import type { Better, Params, Role } from './scenario.js';

/**
 * The JSON output: one flat record per implementation x scenario x metric, each carrying the
 * machine it was measured on, so records from several files can be concatenated and compared.
 */
export interface BenchRecord {
  readonly suite: string;
  readonly scenario: string;
  readonly impl: string;
  readonly role: Role;
  readonly metric: string;
  /** The median over `runs` measured runs. */
  readonly value: number;
  readonly unit: string;
  readonly better: Better;
  readonly runs: number;
  /** (max - min) / median over the runs. */
  readonly spread: number;
  /** True when the spread is above 10%: treat the value with care. */
  readonly flagged: boolean;
  readonly min: number;
  readonly max: number;
  /** Every run's value, in the order measured. */
  readonly samples: readonly number[];
  /** The scenario's counting rule. */
  readonly rule: string;
  /** The workload of the measured runs. */
  readonly params: Params;
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly date: string;
}

/** Version of the record shape; bumped when a field changes meaning. */
export const RECORD_SCHEMA_VERSION = 1;

/** The `--json` file: the records plus what produced them. */
export interface BenchJson {
  readonly schema: 'zactor-bench';
  readonly version: typeof RECORD_SCHEMA_VERSION;
  readonly command: string;
  readonly machine: MachineInfo;
  readonly records: readonly BenchRecord[];
  /** Implementations that failed, with the reason; they have no records. */
  readonly failures: readonly {
    readonly suite: string;
    readonly scenario: string;
    readonly impl: string;
    readonly error: string;
  }[];
  /** Implementations not run because they do not fit this machine, with the reason. */
  readonly skipped: readonly {
    readonly suite: string;
    readonly scenario: string;
    readonly impl: string;
    readonly reason: string;
  }[];
}

export function toRecords(results: readonly ScenarioResult[], machine: MachineInfo): BenchRecord[] {
  const records: BenchRecord[] = [];
  for (const s of results) {
    for (const impl of s.implementations) {
      for (const m of impl.metrics) {
        records.push({
          suite: s.suite,
          scenario: s.scenario,
          impl: impl.name,
          role: impl.role,
          metric: m.metric,
          value: m.summary.median,
          unit: m.unit,
          better: m.better,
          runs: m.summary.runs,
          spread: m.summary.spread,
          flagged: m.summary.flagged,
          min: m.summary.min,
          max: m.summary.max,
          samples: m.summary.samples,
          rule: s.countingRule,
          params: impl.params,
          node: machine.node,
          cpu: machine.cpu,
          cores: machine.cores,
          date: machine.date,
        });
      }
    }
  }
  return records;
}

export function toBenchJson(
  results: readonly ScenarioResult[],
  machine: MachineInfo,
  command: string,
): BenchJson {
  const failures = results.flatMap((s) =>
    s.implementations
      .filter((i) => i.error !== undefined)
      .map((i) => ({ suite: s.suite, scenario: s.scenario, impl: i.name, error: i.error! })),
  );
  const skipped = results.flatMap((s) =>
    s.implementations
      .filter((i) => i.skipped !== undefined)
      .map((i) => ({ suite: s.suite, scenario: s.scenario, impl: i.name, reason: i.skipped! })),
  );
  return {
    schema: 'zactor-bench',
    version: RECORD_SCHEMA_VERSION,
    command,
    machine,
    records: toRecords(results, machine),
    failures,
    skipped,
  };
}
