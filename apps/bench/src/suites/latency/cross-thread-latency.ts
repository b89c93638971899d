import { MessageChannel, type Transferable } from 'node:worker_threads';
import { SpscRing } from '@zactor/ringbuffer';
import { BenchError } from '../../errors.js';
import { createControl } from '../../harness/run-control.js';
import {
  defineScenario,
  type Implementation,
  type Role,
  type RunResult,
  type Scenario,
} from '../../harness/scenario.js';
import { WorkerSession } from '../../harness/worker-session.js';
import { PINGPONG_BYTES } from '../../layout.js';
import type { PingPongKind, PingPongReply, PingPongRequest } from './latency-protocol.js';

/** The Disruptor's pacing: one round trip, then a 1 us pause. */
export const PACING_NS = 1000;

type LatencyParams = { readonly samples: number };

export class PingPongImplementation implements Implementation<LatencyParams> {
  readonly name: string;
  readonly role: Role;
  private readonly kind: PingPongKind;
  private pinger: WorkerSession | undefined;
  private ponger: WorkerSession | undefined;

  /** `cpus`: the pinger's and the ponger's cpu, each thread pinned there (none: left to the OS). */
  constructor(
    name: string,
    role: Role,
    kind: PingPongKind,
    private readonly cpus?: readonly [number, number],
  ) {
    this.name = name;
    this.role = role;
    this.kind = kind;
  }

  async open(): Promise<void> {
    this.pinger = await WorkerSession.start('latency-pingpong', `${this.name} pinger`);
    this.ponger = await WorkerSession.start('latency-pingpong', `${this.name} ponger`);
  }

  async run(p: LatencyParams): Promise<RunResult> {
    const base = {
      kind: this.kind,
      samples: p.samples,
      intervalNs: PACING_NS,
      control: createControl(),
    };
    const cpus = this.cpus;
    let pingerReq: PingPongRequest = { ...base, role: 'pinger', ...(cpus && { cpu: cpus[0] }) };
    let pongerReq: PingPongRequest = { ...base, role: 'ponger', ...(cpus && { cpu: cpus[1] }) };
    let pingerTransfer: Transferable[] = [];
    let pongerTransfer: Transferable[] = [];
    if (this.kind === 'spsc') {
      const ping = SpscRing.create({ capacity: 64, recordBytes: 4 }).buffer;
      const pong = SpscRing.create({ capacity: 64, recordBytes: 4 }).buffer;
      pingerReq = { ...pingerReq, ping, pong };
      pongerReq = { ...pongerReq, ping, pong };
    } else if (this.kind === 'atomics') {
      const ping = new SharedArrayBuffer(PINGPONG_BYTES);
      pingerReq = { ...pingerReq, ping };
      pongerReq = { ...pongerReq, ping };
    } else {
      const { port1, port2 } = new MessageChannel();
      pingerReq = { ...pingerReq, port: port1 };
      pongerReq = { ...pongerReq, port: port2 };
      pingerTransfer = [port1];
      pongerTransfer = [port2];
    }
    const [ping, pong] = await Promise.all([
      this.pinger!.request<PingPongReply>(pingerReq, pingerTransfer),
      this.ponger!.request<PingPongReply>(pongerReq, pongerTransfer),
    ]);
    if (ping.latenciesNs === undefined || pong.echoed !== p.samples) {
      throw new BenchError('latency', 'LOST_ECHO', `${this.name}: ${pong.echoed} echoes`);
    }
    return {
      operations: ping.latenciesNs.length,
      seconds: ping.seconds,
      latenciesNs: ping.latenciesNs,
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.pinger?.close(), this.ponger?.close()]);
    this.pinger = this.ponger = undefined;
  }
}

export const crossThreadRoundTrip: Scenario = defineScenario<LatencyParams>({
  suite: 'latency',
  name: 'cross-thread round trip',
  countingRule:
    'one sample = one round trip between two spinning worker threads (send, echo, receive), timed by the sender; 1 us pause after each (Disruptor pacing); HDR histogram corrected for coordinated omission',
  kind: 'latency',
  unit: 'ns',
  sizes: { tiny: { samples: 200 }, quick: { samples: 20_000 }, full: { samples: 200_000 } },
  expectedIntervalNs: PACING_NS,
  operations: (p) => p.samples,
  implementations: () => [
    new PingPongImplementation('SpscRing pair', 'zactor', 'spsc'),
    new PingPongImplementation('Atomics word hand-off', 'baseline', 'atomics'),
    new PingPongImplementation('MessagePort postMessage', 'baseline', 'port'),
  ],
});
