import type { AnyActorRef } from '@zactor/actor-core';
import { Reports } from '../../harness/reports.js';
import { defineScenario, type RunResult, type Scenario } from '../../harness/scenario.js';
import { ErlangDistSplitPairs } from './erlang-dist.js';
import { BENCH_NODE, PEER_NODE, RemoteImplementation } from './remote-implementation.js';

/**
 * `remote: ping-pong, 32 pairs x 100 in flight split across 2 processes`: the actor layer of
 * @zactor/remote between two Node processes on one nats-server, against Erlang/OTP distribution
 * between two `erl` nodes. Half the pairs have their client in the bench process and their echo
 * in the peer process, half the other way round, so every message crosses processes and traffic
 * flows both ways.
 */

type PairsParams = { readonly pairs: number; readonly inFlight: number; readonly perPair: number };

class RemoteSplitPairs extends RemoteImplementation<PairsParams> {
  readonly name: string;

  /** `workers`: each process an ActorCluster of that many pool workers (the actors run there). */
  constructor(
    private readonly typed: boolean,
    workers?: number,
  ) {
    super(workers);
    const what = typed ? 'schema {type, seq: u32}' : 'number messages';
    this.name =
      workers === undefined
        ? `ZActor RemoteNode, ${what}`
        : `ZActor RemoteNode of ActorClusters (${workers} pool worker${workers === 1 ? '' : 's'} each, actors on them), ${what}`;
  }

  async run(p: PairsParams): Promise<RunResult> {
    const node = this.node;
    const reports = new Reports(node.system);
    const half = p.pairs / 2;
    const args = { perPair: p.perPair, inFlight: p.inFlight, typed: this.typed ? 1 : 0 };
    const on = (i: number, clientSide: boolean): string =>
      i < half === clientSide ? BENCH_NODE : PEER_NODE;
    const clients: AnyActorRef[] = [];
    const echoes: AnyActorRef[] = [];
    for (let i = 0; i < p.pairs; i++) {
      clients.push(await node.spawn('client', { node: on(i, true), args }));
      echoes.push(await node.spawn('echo', { node: on(i, false) }));
    }
    for (let i = 0; i < p.pairs; i++)
      echoes[i]!.tell({ partner: clients[i]!, reportTo: reports.ref });
    // The introductions must land before the first ping: wait until every echo answers.
    await Promise.all(echoes.map((e) => e.ask('count', { timeoutMs: 30_000 })));
    const done = reports.expect(p.pairs);
    const start = performance.now();
    for (let i = 0; i < p.pairs; i++)
      clients[i]!.tell({ partner: echoes[i]!, reportTo: reports.ref });
    await done;
    const seconds = (performance.now() - start) / 1000;
    const pongs = reports.total;
    const counts = await Promise.all(
      echoes.map((e) => e.ask<number>('count', { timeoutMs: 30_000 })),
    );
    const pings = counts.reduce((a, b) => a + b, 0);
    for (const r of [...clients, ...echoes, reports.ref]) node.system.stop(r);
    this.envelopes += pings + pongs;
    return { operations: pongs + pings, seconds };
  }
}

export const remoteSplitPairsScenario: Scenario = defineScenario<PairsParams>({
  suite: 'remote',
  name: 'remote: ping-pong, 32 pairs x 100 in flight split across 2 processes',
  countingRule:
    'Proto.Actor rule (every ping and pong delivered counts once, both directions); each pair has its client in one process and its echo in the other (half the clients in each), so every message crosses processes through the nats-server (ZActor) or the distribution link (Erlang); pongs counted by the clients, pings by the echoes; timed from the first go to the last client report, after calibration and warm-up runs',
  kind: 'throughput',
  unit: 'msg/s',
  // About 1 s (quick) or 2 s (full) per run at 2M msg/s: shorter runs of the link (batches of
  // ~240 envelopes, ~10k NATS messages/s) spread by 50-85% here. The run loop may scale perPair
  // further up to the plan's target time, never down.
  sizes: {
    tiny: { pairs: 32, inFlight: 100, perPair: 100 },
    quick: { pairs: 32, inFlight: 100, perPair: 30_000 },
    full: { pairs: 32, inFlight: 100, perPair: 60_000 },
  },
  scaleKey: 'perPair',
  operations: (p) => p.pairs * p.perPair * 2,
  implementations: () => [
    new RemoteSplitPairs(false),
    new RemoteSplitPairs(true),
    new RemoteSplitPairs(false, 1),
    new ErlangDistSplitPairs(),
  ],
});
