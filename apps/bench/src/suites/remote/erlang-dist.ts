import { BenchError } from '../../errors.js';
import type { Implementation, RunResult } from '../../harness/scenario.js';
import { ErlangDistPeer, erlangDistMissing } from '../../peers/erlang-dist-peer.js';
import { ERLANG_SETTLE_MS } from '../../peers/erlang-peer.js';

/**
 * Erlang/OTP distribution as the peer of the remote scenarios: two `erl -sname` nodes on this
 * machine (peers/erlang-dist-peer.ts), started once per implementation. Reported as skipped,
 * with the reason, when erl is missing or distribution cannot start here.
 */

export const ERLANG_DIST_SPLIT_NAME = 'Erlang/OTP distribution, 2 nodes';
export const ERLANG_DIST_ROUND_TRIP_NAME = 'Erlang/OTP distribution, 2 nodes';

let announced = false;
function announce(peer: ErlangDistPeer): void {
  if (announced) return;
  announced = true;
  console.error(
    `zactor-bench: Erlang distribution peer: OTP ${peer.info.otp} (erts ${peer.info.erts}), ` +
      `${ErlangDistPeer.commandLine()}; ${peer.info.schedulers} + ${peer.info.farSchedulers} schedulers`,
  );
}

abstract class ErlangDistImplementation<P> implements Implementation<P & Record<string, number>> {
  readonly settleMs = ERLANG_SETTLE_MS;
  abstract readonly name: string;
  readonly role = 'peer' as const;
  private peer: ErlangDistPeer | undefined;

  skip(): string | undefined {
    return erlangDistMissing();
  }

  async open(): Promise<void> {
    this.peer = await ErlangDistPeer.start();
    announce(this.peer);
  }

  abstract run(params: P & Record<string, number>): Promise<RunResult>;

  async close(): Promise<void> {
    await this.peer?.close();
    this.peer = undefined;
  }

  protected get p(): ErlangDistPeer {
    if (this.peer === undefined) throw new BenchError('erlang-dist', 'NOT_OPEN', 'not opened');
    return this.peer;
  }
}

type PairsParams = { readonly pairs: number; readonly inFlight: number; readonly perPair: number };

/** 32 pairs x 100 in flight, half the clients on each node, every message across nodes. */
export class ErlangDistSplitPairs extends ErlangDistImplementation<PairsParams> {
  readonly name = ERLANG_DIST_SPLIT_NAME;

  async run(p: PairsParams): Promise<RunResult> {
    const r = await this.p.splitPairs(p.pairs, p.inFlight, p.perPair);
    if (r.pairs !== p.pairs || r.inFlight !== p.inFlight || r.perPair !== p.perPair) {
      throw new BenchError(
        'erlang-dist',
        'WRONG_WORKLOAD',
        `asked ${JSON.stringify(p)}, ran ${JSON.stringify(r)}`,
      );
    }
    const each = p.pairs * p.perPair;
    if (r.pings !== each || r.pongs !== each) {
      throw new BenchError(
        'erlang-dist',
        'COUNT_MISMATCH',
        `echoes counted ${r.pings} pings and clients ${r.pongs} pongs; expected ${each} of each`,
      );
    }
    return { operations: r.pings + r.pongs, seconds: r.elapsedNs / 1e9 };
  }
}

/** One pinger on the runner node, one replier on the far node, one message in flight. */
export class ErlangDistRoundTrip extends ErlangDistImplementation<{ readonly samples: number }> {
  readonly name = ERLANG_DIST_ROUND_TRIP_NAME;

  async run(p: { readonly samples: number }): Promise<RunResult> {
    const warmup = Math.min(1000, p.samples);
    const r = await this.p.roundTrip(p.samples, warmup);
    if (r.replies !== p.samples + warmup || r.latenciesNs.length !== p.samples) {
      throw new BenchError(
        'erlang-dist',
        'COUNT_MISMATCH',
        `the replier answered ${r.replies} pings and ${r.latenciesNs.length} samples came back; expected ${p.samples + warmup} and ${p.samples}`,
      );
    }
    return { operations: p.samples, seconds: r.elapsedNs / 1e9, latenciesNs: r.latenciesNs };
  }
}
