import { freemem } from 'node:os';
import { BenchError } from '../../errors.js';
import type { Implementation, RunResult } from '../../harness/scenario.js';
import {
  detectErlang,
  ERLANG_SETTLE_MS,
  type ErlangPeer,
  expectKind,
  intField,
} from '../../peers/erlang-peer.js';
import { erlangRowName, startSavinaPeer } from '../savina/erlang-savina.js';

/**
 * Erlang/OTP as a peer of the stress suite's resident-actors scenario: erlang/
 * zactor_bench_resident.erl spawns the same number of resident processes once (outside the
 * timing), then each run sends the same small messages (integers) to processes picked with the
 * same stride, each process counting what it receives; the run is timed inside the VM. One VM
 * per row, with one scheduler (`+S 1:1`, the shape of ZActor's one event loop) or two, and room
 * for 1M processes (`+P`), as the Savina rows are started. Without `erl` the rows are skipped
 * with the reason, and so they are when the free memory would not hold the processes.
 */

/** An idle Erlang process with its default heap (233 words): 2,783 B measured on OTP 25, rounded up. */
const BYTES_PER_PROCESS = 3_000;

export type ResidentWorkload = { readonly actors: number; readonly messages: number };

export class ErlangResident implements Implementation<ResidentWorkload> {
  readonly settleMs = ERLANG_SETTLE_MS;
  readonly name: string;
  readonly role = 'peer' as const;
  private peer: ErlangPeer | undefined;
  /** Messages the runs sent since `open`; `close` checks the processes counted exactly these. */
  private sent = 0;

  constructor(
    private readonly schedulers: number,
    private readonly detect = () => detectErlang(),
  ) {
    this.name = erlangRowName(schedulers);
  }

  skip(p: ResidentWorkload): string | undefined {
    const found = this.detect();
    if (!found.ok) return found.reason;
    const need = p.actors * BYTES_PER_PROCESS;
    const free = freemem();
    return need > free / 2
      ? `${p.actors} Erlang processes need about ${Math.round(need / 2 ** 20)} MiB, over half of the ${Math.round(free / 2 ** 20)} MiB of free memory`
      : undefined;
  }

  async open(p: ResidentWorkload): Promise<void> {
    const peer = await startSavinaPeer(this.schedulers);
    this.peer = peer;
    this.sent = 0;
    const opened = await peer.command(`resident_open ${p.actors}`);
    expectKind(opened, 'resident_open');
    expectCount(this.name, 'actors', intField(opened, 'actors'), p.actors);
  }

  async run(p: ResidentWorkload): Promise<RunResult> {
    if (this.peer === undefined) throw new BenchError('erlang', 'NOT_OPEN', 'not opened');
    const r = await this.peer.command(`resident_run ${p.messages}`);
    expectKind(r, 'resident');
    expectCount(this.name, 'actors', intField(r, 'actors'), p.actors);
    const delivered = intField(r, 'delivered');
    expectCount(this.name, 'delivered', delivered, p.messages);
    this.sent += p.messages;
    return { operations: delivered, seconds: intField(r, 'elapsed_ns') / 1e9 };
  }

  /** Checks the processes' own counts add up to every message sent, then stops the VM. */
  async close(): Promise<void> {
    const peer = this.peer;
    this.peer = undefined;
    if (peer === undefined) return;
    try {
      const closed = await peer.command('resident_close');
      expectKind(closed, 'resident_close');
      expectCount(this.name, 'counted', intField(closed, 'counted'), this.sent);
    } finally {
      await peer.close();
    }
  }
}

function expectCount(row: string, what: string, got: number, expected: number): void {
  if (got !== expected) {
    throw new BenchError(
      'erlang',
      'WRONG_RESULT',
      `${row}: wrong result: ${what} ${got} (expected ${expected})`,
    );
  }
}
