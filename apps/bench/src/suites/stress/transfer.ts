import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, type Transferable } from 'node:worker_threads';
import { SharedSlabPool } from '@zactor/mempool';
import { MpscRing, SpscRing } from '@zactor/ringbuffer';
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
import type { TransferKind, TransferReply, TransferRequest } from './stress-protocol.js';

/**
 * Payloads between worker threads, scaled to the machine: one producer per cpu but one, into a
 * single consumer. Every payload is written in full by its producer and checked at both ends by
 * the consumer; only payloads the consumer received count.
 */

type TransferParams = {
  readonly producers: number;
  /** Messages per producer (the operations are producers x messages). */
  readonly messages: number;
  readonly bytes: number;
};

const SLAB_BLOCK = 16_384;
const SLAB_BLOCKS = 256;

class TransferImplementation implements Implementation<TransferParams> {
  readonly name: string;
  readonly role: Role;
  private readonly kind: TransferKind;
  private sessions: WorkerSession[] = [];

  constructor(name: string, role: Role, kind: TransferKind) {
    this.name = name;
    this.role = role;
    this.kind = kind;
  }

  async open(p: TransferParams): Promise<void> {
    for (let i = 0; i < p.producers; i++) {
      this.sessions.push(
        await WorkerSession.start('stress-transfer', `${this.name} producer ${i + 1}`),
      );
    }
    this.sessions.push(await WorkerSession.start('stress-transfer', `${this.name} consumer`));
  }

  async run(p: TransferParams): Promise<RunResult> {
    const total = p.producers * p.messages;
    const base = {
      kind: this.kind,
      control: createControl(),
      bytes: p.bytes,
      producers: p.producers,
    };
    let ring: SharedArrayBuffer | undefined;
    let slab: SharedArrayBuffer | undefined;
    const producerPorts: MessagePort[] = [];
    const consumerPorts: MessagePort[] = [];
    if (this.kind === 'ring') {
      ring = MpscRing.create({ capacityBytes: 1 << 20 }).buffer;
    } else if (this.kind === 'slab') {
      slab = SharedSlabPool.create({ blockSize: SLAB_BLOCK, blockCount: SLAB_BLOCKS }).buffer;
      ring = SpscRing.create({ capacity: SLAB_BLOCKS, recordBytes: 4 }).buffer;
    } else {
      for (let i = 0; i < p.producers; i++) {
        const { port1, port2 } = new MessageChannel();
        producerPorts.push(port1);
        consumerPorts.push(port2);
      }
    }
    const shared = {
      ...(ring !== undefined ? { ring } : {}),
      ...(slab !== undefined ? { slab } : {}),
    };
    const replies = await Promise.all(
      this.sessions.map((session, i) => {
        const producer = i < p.producers;
        const ports: MessagePort[] =
          this.kind !== 'port' ? [] : producer ? [producerPorts[i]!] : consumerPorts;
        const request: TransferRequest = {
          ...base,
          ...shared,
          role: producer ? 'producer' : 'consumer',
          index: producer ? i : 0,
          messages: producer ? p.messages : total,
          ...(ports.length > 0 ? { ports } : {}),
        };
        return session.request<TransferReply>(request, ports as Transferable[]);
      }),
    );
    const consumer = replies.at(-1)!;
    const sent = replies.slice(0, -1).reduce((s, r) => (s + r.checksum) | 0, 0);
    if (consumer.count !== total || consumer.checksum !== sent) {
      throw new BenchError(
        'stress',
        'LOST_OR_CORRUPT',
        `${this.name}: ${total} payloads sent, ${consumer.count} received; checksums ${sent} vs ${consumer.checksum}`,
      );
    }
    const start = Math.min(...replies.map((r) => r.startMs));
    const end = Math.max(...replies.map((r) => r.endMs));
    return {
      operations: consumer.count,
      seconds: (end - start) / 1000,
      ...(this.kind === 'port'
        ? {}
        : {
            utilisation: replies.map((r, i) => ({ worker: this.sessions[i]!.label, busy: r.busy })),
          }),
    };
  }

  async close(): Promise<void> {
    const sessions = this.sessions;
    this.sessions = [];
    await Promise.all(sessions.map((s) => s.close()));
  }
}

/** One producer per cpu but the consumer's, at least one. */
export function stressProducers(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function transferScenario(
  bytes: number,
  producers: number,
  messages: { readonly tiny: number; readonly quick: number },
  implementations: () => Implementation<TransferParams>[],
  name: string,
  how: string,
): Scenario {
  const sized = (n: number): TransferParams => ({ producers, messages: n, bytes });
  return defineScenario<TransferParams>({
    suite: 'stress',
    name,
    countingRule: `one operation = one ${bytes}-byte payload written in full by a producer and received whole by the consumer (checked at both ends); ${producers} producer worker(s), 1 consumer worker; ${how}`,
    kind: 'throughput',
    unit: 'msg/s',
    sizes: {
      tiny: sized(messages.tiny),
      quick: sized(messages.quick),
      full: sized(messages.quick),
    },
    scaleKey: 'messages',
    operations: (p) => p.producers * p.messages,
    implementations,
  });
}

export const oneKilobyte = transferScenario(
  1024,
  stressProducers(),
  { tiny: 200, quick: 10_000 },
  () => [
    new TransferImplementation('MpscRing, written in place', 'zactor', 'ring'),
    new TransferImplementation('MessagePort postMessage (copy)', 'baseline', 'port'),
  ],
  '1 KB messages between workers',
  'MpscRing: claimed, written in place and committed; postMessage: a structured-clone copy, at most 1024 unacknowledged',
);

export const tenKilobytes = transferScenario(
  10_240,
  1,
  { tiny: 100, quick: 2_000 },
  () => [
    new TransferImplementation('SharedSlabPool block + SpscRing handle', 'zactor', 'slab'),
    new TransferImplementation('MessagePort postMessage (copy)', 'baseline', 'port'),
  ],
  '10 KB messages through slab blocks',
  'slab: written into a 16 KB shared block whose offset goes through an SpscRing, freed by the consumer; postMessage: a structured-clone copy, at most 1024 unacknowledged',
);
