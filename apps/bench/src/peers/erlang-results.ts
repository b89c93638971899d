import { BenchError } from '../errors.js';

/**
 * The lines the Erlang peer answers with (see erlang/zactor_bench_peer.erl): a result line
 * `zactor-erlang-result key=value ...`, its typed readings for the split-pairs and round-trip
 * programs, and the ready line a VM prints when it starts.
 */

export const RESULT_PREFIX = 'zactor-erlang-result ';
export const READY_PREFIX = 'zactor-erlang-ready ';
export const ERROR_PREFIX = 'zactor-erlang-error ';

/** The key=value fields of one result line. `samples_file`, a path, is always last. */
export type ResultFields = Readonly<Record<string, string>>;

/**
 * Parses a `zactor-erlang-result key=value ...` line. Throws `BenchError` `BAD_RESULT_LINE` for
 * anything else (an error line's text is reported as the Erlang side's error).
 */
export function parseResultLine(line: string): ResultFields {
  if (line.startsWith(ERROR_PREFIX)) {
    throw new BenchError('erlang', 'PEER_ERROR', `the Erlang peer failed: ${line}`);
  }
  if (!line.startsWith(RESULT_PREFIX)) {
    throw new BenchError('erlang', 'BAD_RESULT_LINE', `not a result line: '${line}'`);
  }
  const fields: Record<string, string> = {};
  let rest = line.slice(RESULT_PREFIX.length);
  const file = rest.indexOf(' samples_file=');
  if (file >= 0) {
    fields['samples_file'] = rest.slice(file + ' samples_file='.length);
    rest = rest.slice(0, file);
  }
  for (const part of rest.split(' ')) {
    const eq = part.indexOf('=');
    if (eq <= 0)
      throw new BenchError('erlang', 'BAD_RESULT_LINE', `bad field '${part}' in '${line}'`);
    fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return fields;
}

/** A field as a whole number; throws when it is missing or not one. */
export function intField(fields: ResultFields, key: string): number {
  const text = fields[key];
  const value = Number(text);
  if (text === undefined || !/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new BenchError('erlang', 'BAD_RESULT_LINE', `field ${key}='${text}' is not an integer`);
  }
  return value;
}

/** A field as a finite number; throws when it is missing or not one. */
export function numberField(fields: ResultFields, key: string): number {
  const text = fields[key];
  const value = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(value)) {
    throw new BenchError('erlang', 'BAD_RESULT_LINE', `field ${key}='${text}' is not a number`);
  }
  return value;
}

/** A field as text; throws when it is missing. */
export function wordField(fields: ResultFields, key: string): string {
  const text = fields[key];
  if (text === undefined) {
    throw new BenchError('erlang', 'BAD_RESULT_LINE', `field ${key} is missing`);
  }
  return text;
}

/** Checks the line's `kind` field; throws `BenchError` `BAD_RESULT_LINE` when it is another. */
export function expectKind(fields: ResultFields, kind: string): void {
  if (fields['kind'] !== kind) {
    throw new BenchError(
      'erlang',
      'BAD_RESULT_LINE',
      `expected kind=${kind}, got ${JSON.stringify(fields)}`,
    );
  }
}

/**
 * How the split-pairs program places its processes: `split` puts each pair's client and echo on
 * different schedulers with spawn_opt `{scheduler, N}`; `beam` spawns them with no scheduler
 * option and lets the VM place and migrate them.
 */
export type SplitPairsMode = 'split' | 'beam';

export interface SplitPairsResult {
  readonly mode: SplitPairsMode;
  /** `bound` when the processes were spawned with `{scheduler, N}`, `default` otherwise. */
  readonly placement: string;
  readonly pairs: number;
  readonly inFlight: number;
  readonly perPair: number;
  /** Pings counted by the echoes. */
  readonly pings: number;
  /** Pongs counted by the clients. */
  readonly pongs: number;
  /**
   * Scheduler checks (each process at start and end) that found a process off its scheduler;
   * always 0 in `beam` mode, where nothing is checked.
   */
  readonly misplaced: number;
  readonly elapsedNs: number;
  /** The lowest active fraction of the two schedulers during the timed part, in [0, 1]. */
  readonly utilMin: number;
}

export function parseSplitPairs(fields: ResultFields): SplitPairsResult {
  expectKind(fields, 'split_pairs');
  const mode = wordField(fields, 'mode');
  if (mode !== 'split' && mode !== 'beam') {
    throw new BenchError('erlang', 'BAD_RESULT_LINE', `mode='${mode}' is not split or beam`);
  }
  return {
    mode,
    placement: wordField(fields, 'placement'),
    pairs: intField(fields, 'pairs'),
    inFlight: intField(fields, 'in_flight'),
    perPair: intField(fields, 'per_pair'),
    pings: intField(fields, 'pings'),
    pongs: intField(fields, 'pongs'),
    misplaced: intField(fields, 'misplaced'),
    elapsedNs: intField(fields, 'elapsed_ns'),
    utilMin: numberField(fields, 'util_min'),
  };
}

export interface RoundTripResult {
  readonly placement: string;
  readonly samples: number;
  readonly warmup: number;
  readonly intervalNs: number;
  /** Pings the replier answered (warm-up included). */
  readonly replies: number;
  readonly misplaced: number;
  readonly elapsedNs: number;
  /** Uncorrected nearest-rank percentiles, computed by the Erlang program. */
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly maxNs: number;
  readonly samplesFile?: string;
}

export function parseRoundTrip(fields: ResultFields): RoundTripResult {
  expectKind(fields, 'round_trip');
  return {
    placement: wordField(fields, 'placement'),
    samples: intField(fields, 'samples'),
    warmup: intField(fields, 'warmup'),
    intervalNs: intField(fields, 'interval_ns'),
    replies: intField(fields, 'replies'),
    misplaced: intField(fields, 'misplaced'),
    elapsedNs: intField(fields, 'elapsed_ns'),
    p50Ns: intField(fields, 'p50_ns'),
    p99Ns: intField(fields, 'p99_ns'),
    maxNs: intField(fields, 'max_ns'),
    ...(fields['samples_file'] !== undefined ? { samplesFile: fields['samples_file'] } : {}),
  };
}

/** What the VM said about itself when it started. */
export interface PeerInfo {
  readonly otp: string;
  readonly erts: string;
  readonly schedulers: number;
  /** The cpu each scheduler is bound to, e.g. `0,1`, or `unbound`. */
  readonly bindings: string;
  /**
   * `bound`: spawn_opt `{scheduler, N}` works here, so the `split` mode places processes with it;
   * `default`: it does not, and every process is left to the VM.
   */
  readonly placement: string;
}

export function parseReady(line: string): PeerInfo {
  const fields = parseResultLine(`${RESULT_PREFIX}${line.slice(READY_PREFIX.length)}`);
  return {
    otp: wordField(fields, 'otp'),
    erts: wordField(fields, 'erts'),
    schedulers: intField(fields, 'schedulers'),
    bindings: wordField(fields, 'bindings'),
    placement: wordField(fields, 'placement'),
  };
}
