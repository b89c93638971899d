import { connect, type NatsConnection } from '@nats-io/transport-node';
import { BenchError } from '../../errors.js';
import {
  defineScenario,
  type Implementation,
  type RunResult,
  type Scenario,
} from '../../harness/scenario.js';
import { acquireNats, natsMissing, releaseNats } from './nats-launcher.js';
import { PeerProcess } from './peer-process.js';
import { peerExecArgv } from './remote-implementation.js';
import type { SinkCount } from './remote-protocol.js';

/**
 * What NATS itself costs, with the client @zactor/remote uses (@nats-io/transport-node) between
 * the same two processes on the same server: request-reply round trips, and publish/subscribe
 * throughput for small messages and for ~16 KiB payloads (the size of the link's batches).
 */

/** A raw NATS client here and one in a forked peer process, on the suite's server. */
abstract class RawNatsImplementation<P> implements Implementation<P & Record<string, number>> {
  abstract readonly name: string;
  readonly role = 'baseline' as const;
  private connection: NatsConnection | undefined;
  private peerProcess: PeerProcess | undefined;
  private holdsNats = false;
  protected servers = '';

  skip(): string | undefined {
    return natsMissing();
  }

  async open(): Promise<void> {
    // The run loop closes only what opened: a failed open releases what it took itself.
    try {
      this.servers = await acquireNats();
      this.holdsNats = true;
      this.peerProcess = await PeerProcess.start(peerExecArgv());
      this.connection = await connect({ servers: this.servers, name: 'zactor-bench:raw' });
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  abstract run(params: P & Record<string, number>): Promise<RunResult>;

  async close(): Promise<void> {
    await this.connection?.close();
    this.connection = undefined;
    await this.peerProcess?.close();
    this.peerProcess = undefined;
    if (this.holdsNats) await releaseNats();
    this.holdsNats = false;
  }

  protected get nc(): NatsConnection {
    if (this.connection === undefined) throw new BenchError('remote', 'NOT_OPEN', 'not opened');
    return this.connection;
  }

  protected get peer(): PeerProcess {
    if (this.peerProcess === undefined) throw new BenchError('remote', 'NOT_OPEN', 'not opened');
    return this.peerProcess;
  }
}

/** `nc.request` to a subscriber in the peer process that responds with the 8-byte payload. */
export class RawRequestReply extends RawNatsImplementation<{ readonly samples: number }> {
  readonly name = 'raw NATS nc.request, same client';
  private readonly subject = `zactor-bench.rr.${process.pid}`;

  override async open(): Promise<void> {
    await super.open();
    await this.peer
      .request({ op: 'serve-requests', servers: this.servers, subject: this.subject })
      .catch(async (error: unknown) => {
        await this.close();
        throw error;
      });
  }

  async run(p: { readonly samples: number }): Promise<RunResult> {
    const nc = this.nc;
    const warmup = Math.min(1000, p.samples);
    const out = new Float64Array(p.samples);
    const payload = new Uint8Array(8);
    const view = new DataView(payload.buffer);
    let answered = 0;
    const start = performance.now();
    for (let n = 0; n < warmup + p.samples; n++) {
      view.setFloat64(0, n);
      const sentAt = performance.now();
      const reply = await nc.request(this.subject, payload, { timeout: 10_000 });
      const now = performance.now();
      if (
        reply.data.length === 8 &&
        new DataView(reply.data.buffer, reply.data.byteOffset).getFloat64(0) === n
      )
        answered++;
      if (n >= warmup) out[n - warmup] = (now - sentAt) * 1e6;
    }
    const seconds = (performance.now() - start) / 1000;
    if (answered !== warmup + p.samples) {
      throw new BenchError(
        'remote',
        'COUNT_MISMATCH',
        `${answered} of ${warmup + p.samples} replies carried their request's payload`,
      );
    }
    return { operations: p.samples, seconds, latenciesNs: out };
  }
}

type PubSubParams = {
  readonly messages: number;
  readonly bytes: number;
  readonly window: number;
  readonly ackEvery: number;
};

/**
 * One publisher (this process), one subscriber (the peer process). The subscriber publishes an
 * empty ack after every `ackEvery` messages and the publisher keeps at most `window` messages
 * unacknowledged, so a slow subscriber slows the publisher down instead of being cut off by the
 * server as a slow consumer (the actor rows have their in-flight window for the same reason).
 */
class RawPublishSubscribe extends RawNatsImplementation<PubSubParams> {
  readonly name = 'raw NATS publish/subscribe, same client';
  private readonly subject = `zactor-bench.ps.${process.pid}`;
  private readonly ackSubject = `zactor-bench.ps-ack.${process.pid}`;
  private acked = 0;
  private wake: (() => void) | null = null;
  private ackEvery = 0;

  async run(p: PubSubParams): Promise<RunResult> {
    const nc = this.nc;
    if (this.ackEvery !== p.ackEvery) {
      this.ackEvery = p.ackEvery;
      nc.subscribe(this.ackSubject, {
        callback: () => {
          this.acked += p.ackEvery;
          const w = this.wake;
          this.wake = null;
          w?.();
        },
      });
      await nc.flush();
      await this.peer.request({
        op: 'sink',
        servers: this.servers,
        subject: this.subject,
        ackSubject: this.ackSubject,
        ackEvery: p.ackEvery,
      });
    }
    if (p.messages % p.ackEvery !== 0) {
      throw new BenchError('remote', 'BAD_PARAMS', 'messages must be a multiple of ackEvery');
    }
    this.acked = 0;
    const counted = this.peer.request<SinkCount>({ op: 'sink-wait', expect: p.messages });
    const payload = new Uint8Array(p.bytes);
    const start = performance.now();
    for (let sent = 0; sent < p.messages; sent++) {
      while (sent - this.acked >= p.window) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
      nc.publish(this.subject, payload);
    }
    while (this.acked < p.messages) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    const seconds = (performance.now() - start) / 1000;
    const got = await counted;
    if (got.bytes !== got.messages * p.bytes) {
      throw new BenchError(
        'remote',
        'COUNT_MISMATCH',
        `received ${got.bytes} bytes in ${got.messages} messages`,
      );
    }
    return {
      operations: got.messages,
      seconds,
      extra: { [MIB_PER_S]: got.bytes / 2 ** 20 / seconds },
    };
  }
}

const MIB_PER_S = 'payload MiB/s';

export const rawPublishSmallScenario: Scenario = defineScenario<PubSubParams>({
  suite: 'remote',
  name: 'remote: raw NATS publish/subscribe, 16-byte messages',
  countingRule:
    'one message = one 16-byte NATS message published by the bench process and received by a subscriber in the peer process (counted there); at most `window` messages unacknowledged (the subscriber acks every `ackEvery`); timed from the first publish to the last ack',
  kind: 'throughput',
  unit: 'msg/s',
  sizes: {
    tiny: { messages: 10_000, bytes: 16, window: 20_000, ackEvery: 1000 },
    quick: { messages: 500_000, bytes: 16, window: 20_000, ackEvery: 1000 },
    full: { messages: 2_000_000, bytes: 16, window: 20_000, ackEvery: 1000 },
  },
  scaleKey: 'messages',
  extraMetrics: [{ metric: MIB_PER_S, unit: 'MiB/s', better: 'higher' }],
  operations: (p) => p.messages,
  implementations: () => [new RawPublishSubscribe()],
});

export const rawPublishBatchedScenario: Scenario = defineScenario<PubSubParams>({
  suite: 'remote',
  name: 'remote: raw NATS publish/subscribe, 16 KiB payloads',
  countingRule:
    'one operation = one 16 KiB NATS message (the order of the batches of the link: up to 256 envelopes, about 8 KiB of numbers or 12 KiB of the small schema) published by the bench process and received by a subscriber in the peer process (counted there); at most 64 unacknowledged (1 MiB, acks every 8); timed from the first publish to the last ack',
  kind: 'throughput',
  unit: 'payload/s',
  sizes: {
    tiny: { messages: 200, bytes: 16_384, window: 64, ackEvery: 8 },
    quick: { messages: 20_000, bytes: 16_384, window: 64, ackEvery: 8 },
    full: { messages: 80_000, bytes: 16_384, window: 64, ackEvery: 8 },
  },
  scaleKey: 'messages',
  extraMetrics: [{ metric: MIB_PER_S, unit: 'MiB/s', better: 'higher' }],
  operations: (p) => p.messages,
  implementations: () => [new RawPublishSubscribe()],
});
