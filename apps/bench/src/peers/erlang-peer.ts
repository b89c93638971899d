import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BenchError } from '../errors.js';
import {
  type PeerInfo,
  parseReady,
  parseResultLine,
  parseRoundTrip,
  parseSplitPairs,
  READY_PREFIX,
  type ResultFields,
  type RoundTripResult,
  type SplitPairsMode,
  type SplitPairsResult,
} from './erlang-results.js';

export {
  expectKind,
  intField,
  numberField,
  type PeerInfo,
  parseResultLine,
  parseRoundTrip,
  parseSplitPairs,
  type ResultFields,
  type RoundTripResult,
  type SplitPairsMode,
  type SplitPairsResult,
  wordField,
} from './erlang-results.js';

/**
 * Erlang/OTP as a real peer of the cross-worker actor scenarios. The programs are ours, in
 * apps/bench/erlang/*.erl; this module finds `erl` and `erlc`, compiles the programs into a
 * temporary directory, starts one VM with two schedulers and talks to it over stdin/stdout:
 * one command line in, one `zactor-erlang-result key=value ...` line out (see
 * erlang/zactor_bench_peer.erl for the protocol).
 */

/** The Savina programs (erlang/zactor_savina*.erl), served by the same peer. */
export const SAVINA_ERLANG_MODULES = [
  'zactor_savina',
  'zactor_savina_ping_pong',
  'zactor_savina_counting',
  'zactor_savina_fork_join',
  'zactor_savina_thread_ring',
  'zactor_savina_chameneos',
  'zactor_savina_big',
  'zactor_savina_skynet',
] as const;

/** The Erlang modules shipped in apps/bench/erlang, compiled together. */
export const ERLANG_MODULES = [
  'zactor_bench_peer',
  'zactor_bench_split_pairs',
  'zactor_bench_round_trip',
  'zactor_bench_resident',
  ...SAVINA_ERLANG_MODULES,
] as const;

/**
 * The VM's flags: two schedulers online (one per worker of ZActor's 2-worker cluster), each
 * bound to its own cpu (`+sbt db`, Erlang's default bind type, as ActorCluster pins its
 * workers), no shell. Everything else is Erlang's default (scheduler busy-wait included).
 */
export const ERL_FLAGS = ['-noshell', '+S', '2:2', '+sbt', 'db'] as const;

/**
 * How long a VM goes on using the machine after a run (`Implementation.settleMs`): its
 * schedulers busy-wait after work (Erlang's default, kept), and it collects. Measured on the
 * resident-actors scenario (2026-12-06, 1M processes, ZActor measured right after each Erlang
 * run): ZActor read 1.30-1.36M msg/s beside the VM with no wait, 1.79-1.88M with the VM's
 * busy-wait turned off (`+sbwt none`), 2.11-2.17M with this wait, and 2.14M alone.
 */
export const ERLANG_SETTLE_MS = 200;

/** How to start a VM: its schedulers (default 2, `ERL_FLAGS`) and flags added after them. */
export interface ErlangVmOptions {
  readonly schedulers?: number;
  readonly extraFlags?: readonly string[];
}

/** `ERL_FLAGS` with the scheduler count of `options` and its extra flags. */
export function erlFlags(options: ErlangVmOptions = {}): string[] {
  const s = options.schedulers ?? 2;
  return [...ERL_FLAGS.map((f) => (f === '2:2' ? `${s}:${s}` : f)), ...(options.extraFlags ?? [])];
}

/** How to get the peer, for messages. */
export const ERLANG_INSTALL_HINT =
  'install Erlang/OTP to measure it (Debian/Ubuntu: apt-get install erlang-nox)';

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
  static commandLine(dir: string, options: ErlangVmOptions = {}): string[] {
    return [...erlFlags(options), '-pa', dir, '-run', 'zactor_bench_peer', 'serve'];
  }

  /** Compiles the programs and starts the VM; resolves once it has said it is ready. */
  static async start(options: ErlangVmOptions = {}): Promise<ErlangPeer> {
    const dir = await mkdtemp(join(tmpdir(), 'zactor-bench-erlang-'));
    try {
      await compileErlang(dir);
      const child = spawn('erl', ErlangPeer.commandLine(dir, options), {
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
