import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BenchError } from '../errors.js';

/**
 * Erlang/OTP as a real peer of the cross-worker actor scenarios. The programs are ours, in
 * apps/bench/erlang/*.erl; this module finds `erl` and `erlc`, compiles the programs into a
 * temporary directory, starts one VM with two schedulers and talks to it over stdin/stdout:
 * one command line in, one `zactor-erlang-result key=value ...` line out (see
 * erlang/zactor_bench_peer.erl for the protocol).
 */

/** The Erlang modules shipped in apps/bench/erlang, compiled together. */
export const ERLANG_MODULES = [
  'zactor_bench_peer',
  'zactor_bench_split_pairs',
  'zactor_bench_round_trip',
] as const;

/**
 * The VM's flags: two schedulers online (one per worker of ZActor's 2-worker cluster), each
 * bound to its own cpu (`+sbt db`, Erlang's default bind type, as ActorCluster pins its
 * workers), no shell. Everything else is Erlang's default (scheduler busy-wait included).
 */
export const ERL_FLAGS = ['-noshell', '+S', '2:2', '+sbt', 'db'] as const;

/** How to get the peer, for messages. */
export const ERLANG_INSTALL_HINT =
  'install Erlang/OTP to measure it (Debian/Ubuntu: apt-get install erlang-nox)';

const RESULT_PREFIX = 'zactor-erlang-result ';
const READY_PREFIX = 'zactor-erlang-ready ';
const ERROR_PREFIX = 'zactor-erlang-error ';

export type ErlangAvailability =
  | { readonly ok: true; readonly otpRelease: string }
  | { readonly ok: false; readonly reason: string };

/** The outcome of running one tool synchronously: its output, or why it could not run. */
function probe(command: string, args: readonly string[]): { out: string } | { failure: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (r.error !== undefined) {
    const code = (r.error as NodeJS.ErrnoException).code;
    return {
      failure:
        code === 'ENOENT'
          ? `\`${command}\` was not found on PATH`
          : `\`${command}\` could not run (${r.error.message})`,
    };
  }
  if (r.status !== 0) {
    return { failure: `\`${command} ${args.join(' ')}\` exited with ${r.status}: ${r.stderr}` };
  }
  return { out: r.stdout };
}

/**
 * Whether `erl` and `erlc` can run here, and the OTP release. `commands` exist for tests; the
 * default answer is computed once per process.
 */
export function detectErlang(
  commands: { readonly erl: string; readonly erlc: string } = { erl: 'erl', erlc: 'erlc' },
): ErlangAvailability {
  const isDefault = commands.erl === 'erl' && commands.erlc === 'erlc';
  if (isDefault && cachedAvailability !== undefined) return cachedAvailability;
  const skipped = (why: string): ErlangAvailability => ({
    ok: false,
    reason: `Erlang peer skipped: ${why}; ${ERLANG_INSTALL_HINT}`,
  });
  let answer: ErlangAvailability;
  const erl = probe(commands.erl, [
    '-noshell',
    '-eval',
    'io:put_chars(erlang:system_info(otp_release)), halt().',
  ]);
  if ('failure' in erl) answer = skipped(erl.failure);
  else {
    // erlc with no file prints its usage and exits 0 (older releases: 1); only a spawn error
    // (not found, not executable) means it is missing.
    const r = spawnSync(commands.erlc, [], { encoding: 'utf8', timeout: 30_000 });
    answer =
      r.error !== undefined
        ? skipped(
            (r.error as NodeJS.ErrnoException).code === 'ENOENT'
              ? `\`${commands.erlc}\` was not found on PATH`
              : `\`${commands.erlc}\` could not run (${r.error.message})`,
          )
        : { ok: true, otpRelease: erl.out.trim() };
  }
  if (isDefault) cachedAvailability = answer;
  return answer;
}
let cachedAvailability: ErlangAvailability | undefined;

/** apps/bench/erlang, found from this module whether it runs from src/ or bundled in dist/. */
export function erlangSourceDir(moduleUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'erlang');
    if (existsSync(join(candidate, `${ERLANG_MODULES[0]}.erl`))) return candidate;
    dir = dirname(dir);
  }
  throw new BenchError(
    'erlang',
    'NO_SOURCES',
    `apps/bench/erlang/${ERLANG_MODULES[0]}.erl not found above ${fileURLToPath(moduleUrl)}`,
  );
}

/** Compiles the Erlang programs into `outDir` with erlc. */
export async function compileErlang(outDir: string): Promise<void> {
  const src = erlangSourceDir();
  try {
    await promisify(execFile)('erlc', [
      '-o',
      outDir,
      ...ERLANG_MODULES.map((m) => join(src, `${m}.erl`)),
    ]);
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new BenchError(
      'erlang',
      'COMPILE_FAILED',
      `erlc failed: ${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`,
    );
  }
}

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
  if (fields['kind'] !== 'split_pairs') {
    throw new BenchError('erlang', 'BAD_RESULT_LINE', `expected kind=split_pairs`);
  }
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
  if (fields['kind'] !== 'round_trip') {
    throw new BenchError('erlang', 'BAD_RESULT_LINE', `expected kind=round_trip`);
  }
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

function parseReady(line: string): PeerInfo {
  const fields = parseResultLine(`${RESULT_PREFIX}${line.slice(READY_PREFIX.length)}`);
  return {
    otp: wordField(fields, 'otp'),
    erts: wordField(fields, 'erts'),
    schedulers: intField(fields, 'schedulers'),
    bindings: wordField(fields, 'bindings'),
    placement: wordField(fields, 'placement'),
  };
}

/**
 * One Erlang VM running `zactor_bench_peer:serve/0`, with the compiled programs in its own
 * temporary directory (removed by `close`). One command at a time.
 */
export class ErlangPeer {
  private readonly lines: string[] = [];
  private waiter: ((line: string | Error) => void) | undefined;
  private stderr = '';
  private exited: Error | undefined;
  private readonly exit: Promise<void>;
  private sampleFiles = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly dir: string,
  ) {
    createInterface({ input: child.stdout! }).on('line', (line) => this.deliver(line));
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.exit = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exited = new BenchError(
          'erlang',
          'PEER_EXITED',
          `erl exited (${signal ?? `code ${code}`})${this.stderr ? `: ${this.stderr.trim()}` : ''}`,
        );
        this.waiter?.(this.exited);
        this.waiter = undefined;
        resolve();
      });
    });
  }

  /** The VM's own description, from its ready line. */
  info!: PeerInfo;

  /** The command line the VM was started with (for reports). */
  static commandLine(dir: string): string[] {
    return [...ERL_FLAGS, '-pa', dir, '-run', 'zactor_bench_peer', 'serve'];
  }

  /** Compiles the programs and starts the VM; resolves once it has said it is ready. */
  static async start(): Promise<ErlangPeer> {
    const dir = await mkdtemp(join(tmpdir(), 'zactor-bench-erlang-'));
    try {
      await compileErlang(dir);
      const child = spawn('erl', ErlangPeer.commandLine(dir), {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const peer = new ErlangPeer(child, dir);
      child.on('error', (error) => {
        peer.exited = new BenchError('erlang', 'PEER_EXITED', `erl: ${error.message}`);
        peer.waiter?.(peer.exited);
      });
      const ready = await peer.nextLine();
      if (!ready.startsWith(READY_PREFIX)) {
        await peer.close();
        throw new BenchError(
          'erlang',
          'BAD_RESULT_LINE',
          `expected the ready line, got '${ready}'`,
        );
      }
      peer.info = parseReady(ready);
      return peer;
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private deliver(line: string): void {
    if (this.waiter !== undefined) {
      const w = this.waiter;
      this.waiter = undefined;
      w(line);
    } else this.lines.push(line);
  }

  private nextLine(): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.exited !== undefined) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.waiter = (line) => (line instanceof Error ? reject(line) : resolve(line));
    });
  }

  /** Sends one command and returns the fields of its result line. */
  async command(text: string): Promise<ResultFields> {
    if (this.exited !== undefined) throw this.exited;
    this.child.stdin!.write(`${text}\n`);
    return parseResultLine(await this.nextLine());
  }

  async splitPairs(
    pairs: number,
    inFlight: number,
    perPair: number,
    mode: SplitPairsMode = 'split',
  ): Promise<SplitPairsResult> {
    return parseSplitPairs(
      await this.command(`split_pairs ${pairs} ${inFlight} ${perPair} ${mode}`),
    );
  }

  /** Runs the round trip and reads back every recorded sample (ns, in order). */
  async roundTrip(
    samples: number,
    warmup: number,
    intervalNs: number,
  ): Promise<RoundTripResult & { readonly latenciesNs: Float64Array }> {
    const file = join(this.dir, `round-trip-${this.sampleFiles++}.bin`);
    const result = parseRoundTrip(
      await this.command(`round_trip ${samples} ${warmup} ${intervalNs} ${file}`),
    );
    const bytes = await readFile(file);
    await rm(file, { force: true });
    const latenciesNs = new Float64Array(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    return { ...result, latenciesNs };
  }

  /** Asks the VM to stop (then kills it if it has not within 5 s) and removes the directory. */
  async close(): Promise<void> {
    if (this.exited === undefined) {
      this.child.stdin!.end('quit\n');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exit;
      clearTimeout(timer);
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
