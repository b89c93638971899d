import { BenchError } from '../../errors.js';
import type { Implementation, Params, RunResult } from '../../harness/scenario.js';
import {
  detectErlang,
  ERLANG_SETTLE_MS,
  ErlangPeer,
  expectKind,
  intField,
  wordField,
} from '../../peers/erlang-peer.js';
import { checkCounts, type SavinaBenchmark } from './savina-benchmark.js';

/**
 * Erlang/OTP as a peer of the Savina suite: our programs (erlang/zactor_savina*.erl) run in a
 * VM with one scheduler (`+S 1:1`, the shape of ZActor's one event loop) or two (`+S 2:2`, all
 * of this machine), started and stopped once per scenario. Skynet's 1.1M processes need a
 * bigger process table than the default 262,144 (`+P`). When `erl` or `erlc` is missing the
 * rows are reported as skipped, with the reason and how to install Erlang.
 */

/** Room for Skynet's 1,111,111 processes and the VM's own. */
export const SAVINA_ERL_EXTRA_FLAGS = ['+P', '2097152'] as const;

/**
 * Starts a VM with `schedulers` schedulers and `SAVINA_ERL_EXTRA_FLAGS`; when another number
 * comes online it stops the VM and throws BenchError `WRONG_SCHEDULERS`.
 */
export async function startSavinaPeer(schedulers: number): Promise<ErlangPeer> {
  const peer = await ErlangPeer.start({ schedulers, extraFlags: SAVINA_ERL_EXTRA_FLAGS });
  if (peer.info.schedulers !== schedulers) {
    await peer.close();
    throw new BenchError(
      'erlang',
      'WRONG_SCHEDULERS',
      `the Erlang VM has ${peer.info.schedulers} schedulers online; asked for ${schedulers}`,
    );
  }
  return peer;
}

/** The row name for a VM with `schedulers` schedulers. */
export function erlangRowName(schedulers: number): string {
  return `Erlang/OTP, ${schedulers} scheduler${schedulers === 1 ? '' : 's'}`;
}

const announced = new Set<number>();
/** One stderr line per VM shape and process naming what was measured. */
function announce(peer: ErlangPeer, schedulers: number): void {
  if (announced.has(schedulers)) return;
  announced.add(schedulers);
  const info = peer.info;
  const flags = ErlangPeer.commandLine('<tmp>', { schedulers, extraFlags: SAVINA_ERL_EXTRA_FLAGS });
  console.error(
    `zactor-bench: Erlang peer for savina: OTP ${info.otp} (erts ${info.erts}), erl ${flags.join(' ')}; ` +
      `${info.schedulers} scheduler(s)${info.bindings === 'unbound' ? ' (unbound)' : ` bound to cpus ${info.bindings}`}`,
  );
}

/** One Savina benchmark run by the Erlang programs in a VM with `schedulers` schedulers. */
export class ErlangSavina<P extends Params> implements Implementation<P> {
  readonly settleMs = ERLANG_SETTLE_MS;
  readonly name: string;
  readonly role = 'peer' as const;
  private peer: ErlangPeer | undefined;

  constructor(
    private readonly benchmark: SavinaBenchmark<P>,
    private readonly schedulers: number,
    private readonly detect = () => detectErlang(),
  ) {
    this.name = erlangRowName(schedulers);
  }

  skip(): string | undefined {
    const found = this.detect();
    return found.ok ? undefined : found.reason;
  }

  async open(): Promise<void> {
    const peer = await startSavinaPeer(this.schedulers);
    this.peer = peer;
    announce(peer, this.schedulers);
  }

  async run(params: P): Promise<RunResult> {
    if (this.peer === undefined) throw new BenchError('erlang', 'NOT_OPEN', 'not opened');
    return runOnErlang(this.peer, this.benchmark, params, this.name);
  }

  async close(): Promise<void> {
    await this.peer?.close();
    this.peer = undefined;
  }
}

/**
 * Runs one Savina benchmark on a started VM and checks its counts: the `RunResult` of a correct
 * run; `BenchError` `WRONG_RESULT` for a wrong one, `BAD_RESULT_LINE` for an unreadable answer.
 */
export async function runOnErlang<P extends Params>(
  peer: ErlangPeer,
  b: SavinaBenchmark<P>,
  params: P,
  rowName: string,
): Promise<RunResult> {
  const fields = await peer.command(`savina ${b.erlangName} ${b.erlangArgs(params).join(' ')}`);
  expectKind(fields, 'savina');
  if (wordField(fields, 'bench') !== b.erlangName) {
    throw new BenchError(
      'erlang',
      'BAD_RESULT_LINE',
      `expected bench=${b.erlangName}, got ${JSON.stringify(fields)}`,
    );
  }
  const expected = b.expected(params);
  const counts: Record<string, number> = {};
  for (const key of Object.keys(expected)) counts[key] = intField(fields, key);
  checkCounts(b.name, rowName, expected, counts);
  return savinaRunResult(b, params, intField(fields, 'elapsed_ns') / 1e9);
}

/** The extra metric every Savina row reports: the run's wall-clock time. */
export const RUN_TIME = 'time per run';

/** A checked run as the harness takes it: the scenario's operations, its time. */
export function savinaRunResult<P extends Params>(
  b: SavinaBenchmark<P>,
  params: P,
  seconds: number,
): RunResult {
  return { operations: b.messages(params), seconds, extra: { [RUN_TIME]: seconds * 1e9 } };
}
