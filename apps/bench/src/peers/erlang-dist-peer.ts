import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { BenchError } from '../errors.js';
import { detectErlang, erlangSourceDir } from './erlang-peer.js';
import {
  intField,
  parseResultLine,
  READY_PREFIX,
  type ResultFields,
  wordField,
} from './erlang-results.js';

/**
 * Erlang/OTP distribution as the peer of the remote suite: two `erl -sname` nodes on this
 * machine with one cookie, a "far" node that only hosts processes and a runner that answers
 * commands on stdin (erlang/zactor_remote_dist.erl has the protocol and the programs). Messages
 * between them go through Erlang distribution: TCP on loopback, the nodes found through epmd.
 */

/** The modules compiled for the two nodes (zactor_bench_peer for its result-line helpers). */
export const ERLANG_DIST_MODULES = ['zactor_remote_dist', 'zactor_bench_peer'] as const;

/** Flags of both nodes besides their names: Erlang's defaults (schedulers, binding, busy wait). */
export const ERL_DIST_FLAGS = ['-noshell'] as const;

let distProbe: string | undefined | null = null;

/**
 * Why the distribution peer cannot run here (no erl, or distribution cannot start: no epmd, a
 * host name that does not resolve), or undefined when it can. Probed once per process by
 * starting one named node.
 */
export function erlangDistMissing(): string | undefined {
  if (distProbe !== null) return distProbe;
  const erlang = detectErlang();
  if (!erlang.ok) distProbe = erlang.reason;
  else {
    const name = `zactor_probe_${process.pid}`;
    const r = spawnSync(
      'erl',
      [...ERL_DIST_FLAGS, '-sname', name, '-eval', 'io:put_chars(atom_to_list(node())), halt().'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    distProbe =
      r.status === 0 && r.stdout.startsWith(`${name}@`)
        ? undefined
        : `Erlang distribution peer skipped: \`erl -sname ${name}\` could not start a distributed node (epmd, host name?): ${(r.stdout + r.stderr).trim().slice(0, 400) || `exit ${r.status}`}`;
  }
  return distProbe;
}

/** What the runner's ready line says. */
export interface DistPeerInfo {
  readonly otp: string;
  readonly erts: string;
  readonly schedulers: number;
  readonly far: string;
  readonly farSchedulers: number;
}

export interface DistSplitPairsResult {
  readonly pairs: number;
  readonly inFlight: number;
  readonly perPair: number;
  readonly pings: number;
  readonly pongs: number;
  readonly elapsedNs: number;
}

export interface DistRoundTripResult {
  readonly replies: number;
  readonly elapsedNs: number;
  readonly latenciesNs: Float64Array;
}

/** One node's process and the lines it printed. */
class ErlNode {
  private readonly lines: string[] = [];
  private waiter: ((line: string | Error) => void) | undefined;
  private stderr = '';
  failure: Error | undefined;
  readonly exit: Promise<void>;

  constructor(
    readonly child: ChildProcess,
    label: string,
  ) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const w = this.waiter;
      this.waiter = undefined;
      if (w !== undefined) w(line);
      else this.lines.push(line);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.failure = new BenchError(
          'erlang-dist',
          'PEER_EXITED',
          `the ${label} node exited (${signal ?? `code ${code}`})${this.stderr ? `: ${this.stderr.trim()}` : ''}`,
        );
        this.waiter?.(this.failure);
        this.waiter = undefined;
        resolve();
      });
    });
    child.once('error', (error) => {
      this.failure = new BenchError('erlang-dist', 'PEER_EXITED', `${label}: ${error.message}`);
      this.waiter?.(this.failure);
    });
  }

  nextLine(): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiter = (line) => (line instanceof Error ? reject(line) : resolve(line));
    });
  }

  /** Closes stdin (both programs halt on end of input); kills the node after 5 s. */
  async close(): Promise<void> {
    if (this.failure === undefined) {
      this.child.stdin!.end('quit\n');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exit;
      clearTimeout(timer);
    }
  }
}

/** The two nodes, their compiled programs in a temporary directory (removed by `close`). */
export class ErlangDistPeer {
  info!: DistPeerInfo;
  private files = 0;

  private constructor(
    private readonly runner: ErlNode,
    private readonly far: ErlNode,
    readonly dir: string,
  ) {}

  /** The runner's command line, with `<far>`, `<cookie>` and `<dir>` for what varies (reports). */
  static commandLine(): string {
    return `erl ${ERL_DIST_FLAGS.join(' ')} -sname <runner> -setcookie <cookie> -pa <dir> -run zactor_remote_dist serve <far>@<host>`;
  }

  static async start(): Promise<ErlangDistPeer> {
    const dir = await mkdtemp(join(tmpdir(), 'zactor-bench-erlang-dist-'));
    const nodes: ErlNode[] = [];
    try {
      const src = erlangSourceDir();
      await promisify(execFile)('erlc', [
        '-o',
        dir,
        ...ERLANG_DIST_MODULES.map((m) => join(src, `${m}.erl`)),
      ]).catch((error: { stdout?: string; stderr?: string; message: string }) => {
        throw new BenchError(
          'erlang-dist',
          'COMPILE_FAILED',
          `erlc failed: ${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`,
        );
      });
      const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;
      const cookie = randomBytes(12).toString('hex');
      const farName = `zactor_far_${tag}`;
      const host = hostname().split('.')[0]!;
      const common = [...ERL_DIST_FLAGS, '-setcookie', cookie, '-pa', dir];
      const far = new ErlNode(
        spawn('erl', ['-sname', farName, ...common, '-run', 'zactor_remote_dist', 'hold'], {
          stdio: ['pipe', 'pipe', 'pipe'],
        }),
        'far',
      );
      nodes.push(far);
      const runner = new ErlNode(
        spawn(
          'erl',
          [
            '-sname',
            `zactor_runner_${tag}`,
            ...common,
            '-run',
            'zactor_remote_dist',
            'serve',
            `${farName}@${host}`,
          ],
          { stdio: ['pipe', 'pipe', 'pipe'] },
        ),
        'runner',
      );
      nodes.push(runner);
      const ready = await runner.nextLine();
      if (!ready.startsWith(READY_PREFIX)) {
        throw new BenchError(
          'erlang-dist',
          'BAD_RESULT_LINE',
          `expected the ready line, got '${ready}'`,
        );
      }
      const peer = new ErlangDistPeer(runner, far, dir);
      const fields = parseResultLine(`zactor-erlang-result ${ready.slice(READY_PREFIX.length)}`);
      peer.info = {
        otp: wordField(fields, 'otp'),
        erts: wordField(fields, 'erts'),
        schedulers: intField(fields, 'schedulers'),
        far: wordField(fields, 'far'),
        farSchedulers: intField(fields, 'far_schedulers'),
      };
      return peer;
    } catch (error) {
      for (const n of nodes.reverse()) await n.close();
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private async command(text: string): Promise<ResultFields> {
    if (this.runner.failure !== undefined) throw this.runner.failure;
    this.runner.child.stdin!.write(`${text}\n`);
    return parseResultLine(await this.runner.nextLine());
  }

  async splitPairs(
    pairs: number,
    inFlight: number,
    perPair: number,
  ): Promise<DistSplitPairsResult> {
    const f = await this.command(`split_pairs ${pairs} ${inFlight} ${perPair}`);
    return {
      pairs: intField(f, 'pairs'),
      inFlight: intField(f, 'in_flight'),
      perPair: intField(f, 'per_pair'),
      pings: intField(f, 'pings'),
      pongs: intField(f, 'pongs'),
      elapsedNs: intField(f, 'elapsed_ns'),
    };
  }

  /** Runs the round trip and reads back every recorded sample (ns, in order). */
  async roundTrip(samples: number, warmup: number): Promise<DistRoundTripResult> {
    const file = join(this.dir, `round-trip-${this.files++}.bin`);
    const f = await this.command(`round_trip ${samples} ${warmup} ${file}`);
    const bytes = await readFile(file);
    await rm(file, { force: true });
    return {
      replies: intField(f, 'replies'),
      elapsedNs: intField(f, 'elapsed_ns'),
      latenciesNs: new Float64Array(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      ),
    };
  }

  /** Stops the runner, then the far node, and removes the directory. */
  async close(): Promise<void> {
    await this.runner.close();
    await this.far.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
