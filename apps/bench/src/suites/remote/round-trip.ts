import type { ActorContext, AnyActorRef } from '@zactor/actor-core';
import { BenchError } from '../../errors.js';
import { defineScenario, type RunResult, type Scenario } from '../../harness/scenario.js';
import { ErlangDistRoundTrip } from './erlang-dist.js';
import { RawRequestReply } from './raw-nats.js';
import { PING } from './remote-actors.js';
import { PEER_NODE, RemoteImplementation } from './remote-implementation.js';

/**
 * `remote: round trip, one pair, one in flight`: an actor in the bench process tells an actor in
 * the peer process a number with itself as the sender and waits for the reply before the next;
 * beside it the raw NATS client's request-reply between the same two processes, and Erlang/OTP
 * distribution between two nodes.
 */

type LatencyParams = { readonly samples: number };

/** Round trips not recorded before the samples, in every row. */
export function roundTripWarmup(samples: number): number {
  return Math.min(1000, samples);
}

class RemoteRoundTrip extends RemoteImplementation<LatencyParams> {
  readonly name = 'ZActor RemoteNode actors';

  async run(p: LatencyParams): Promise<RunResult> {
    const node = this.node;
    const replier = await node.spawn('replier', { node: PEER_NODE });
    const warmup = roundTripWarmup(p.samples);
    const total = warmup + p.samples;
    const out = new Float64Array(p.samples);
    let sentAt = 0;
    let n = 0;
    let finished!: () => void;
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    const pinger = node.system.spawn<number | 'go'>((message, ctx: ActorContext<number | 'go'>) => {
      const now = performance.now();
      if (message !== 'go') {
        if (n >= warmup) out[n - warmup] = (now - sentAt) * 1e6;
        if (++n === total) {
          finished();
          return;
        }
      }
      sentAt = performance.now();
      (replier as AnyActorRef).tell(PING, ctx.self);
    });
    const start = performance.now();
    pinger.tell('go');
    await done;
    const seconds = (performance.now() - start) / 1000;
    const replies = await replier.ask<number>('count', { timeoutMs: 30_000 });
    node.system.stop(pinger);
    node.system.stop(replier);
    this.envelopes += 2 * replies;
    if (replies !== total) {
      throw new BenchError(
        'remote',
        'COUNT_MISMATCH',
        `the replier answered ${replies} pings; expected ${total}`,
      );
    }
    return { operations: p.samples, seconds, latenciesNs: out };
  }
}

export const remoteRoundTripScenario: Scenario = defineScenario<LatencyParams>({
  suite: 'remote',
  name: 'remote: round trip, one pair, one in flight',
  countingRule:
    'one sample = one round trip between two processes, timed by the sender with performance.now (ZActor: tell with sender, reply; raw NATS: nc.request to a subscriber that responds with the payload; Erlang: {ping, self()} to a process on the other node, pong back); the next leaves as soon as the reply is in (closed loop, no pacing, so no coordinated-omission correction); after 1000 unrecorded round trips; the replier counts what it answered (must be warm-up + samples)',
  kind: 'latency',
  unit: 'ns',
  sizes: { tiny: { samples: 200 }, quick: { samples: 10_000 }, full: { samples: 50_000 } },
  expectedIntervalNs: 0,
  operations: (p) => p.samples,
  implementations: () => [new RemoteRoundTrip(), new RawRequestReply(), new ErlangDistRoundTrip()],
});
