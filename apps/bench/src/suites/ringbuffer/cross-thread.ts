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
import { createQueueBuffer, type QueueKind } from './int-queue.js';
import type { RingRunReply, RingRunRequest } from './ring-protocol.js';

/**
 * Shared queues between worker threads: producers and consumers each on their own worker
 * (started once per implementation, outside the timing). A run is timed from the first worker
 * through the common start barrier to the last one finishing, and counts only values taken by a
 * consumer, checked against what the producers pushed (count and checksum).
 */

export type QueueParams = {
  readonly producers: number;
  readonly consumers: number;
  /** Values pushed in total, split evenly between producers (the operations). */
  readonly items: number;
  /** Values a producer pushes per call (1: single). */
  readonly batch: number;
  /** Queue capacity in values (power of two). */
  readonly capacity: number;
};

export class CrossThreadQueueImplementation implements Implementation<QueueParams> {
  readonly name: string;
  readonly role: Role;
  private readonly kind: QueueKind;
  private sessions: WorkerSession[] = [];

  constructor(name: string, role: Role, kind: QueueKind) {
    this.name = name;
    this.role = role;
    this.kind = kind;
  }

  async open(p: QueueParams): Promise<void> {
    const labels = [
      ...Array.from({ length: p.producers }, (_, i) => `producer ${i + 1}`),
      ...Array.from({ length: p.consumers }, (_, i) => `consumer ${i + 1}`),
    ];
    for (const label of labels) {
      this.sessions.push(await WorkerSession.start('ring-throughput', `${this.name} ${label}`));
    }
  }

  async run(p: QueueParams): Promise<RunResult> {
    if (p.items % p.producers !== 0) {
      throw new BenchError(
        'cross-thread',
        'BAD_PARAMS',
        'items must split evenly between producers',
      );
    }
    const queue = createQueueBuffer(this.kind, p.capacity);
    const control = createControl();
    const requests = this.sessions.map((session, i) => {
      const producer = i < p.producers;
      const request: RingRunRequest = {
        kind: this.kind,
        queue,
        control,
        role: producer ? 'producer' : 'consumer',
        index: producer ? i : i - p.producers,
        producers: p.producers,
        consumers: p.consumers,
        items: p.items / p.producers,
        batch: p.batch,
      };
      return session.request<RingRunReply>(request);
    });
    const replies = await Promise.all(requests);
    const produced = replies.slice(0, p.producers);
    const consumed = replies.slice(p.producers);
    const count = consumed.reduce((n, r) => n + r.count, 0);
    const sumIn = produced.reduce((s, r) => (s + r.checksum) | 0, 0);
    const sumOut = consumed.reduce((s, r) => (s + r.checksum) | 0, 0);
    if (count !== p.items || sumIn !== sumOut) {
      throw new BenchError(
        'cross-thread',
        'LOST_OR_DUPLICATED',
        `${this.name}: ${p.items} values pushed, ${count} taken; checksums ${sumIn} vs ${sumOut}`,
      );
    }
    const start = Math.min(...replies.map((r) => r.startMs));
    const end = Math.max(...replies.map((r) => r.endMs));
    return {
      operations: count,
      seconds: (end - start) / 1000,
      utilisation: replies.map((r, i) => ({ worker: this.sessions[i]!.label, busy: r.busy })),
    };
  }

  async close(): Promise<void> {
    const sessions = this.sessions;
    this.sessions = [];
    await Promise.all(sessions.map((s) => s.close()));
  }
}

CrossThreadQueueImplementation satisfies new (
  ...args: never[]
) => Implementation<QueueParams>;

interface Shape {
  readonly producers: number;
  readonly consumers: number;
  readonly batch: number;
}

function queueScenario(
  name: string,
  shape: Shape,
  implementations: () => readonly Implementation<QueueParams>[],
): Scenario {
  const sized = (items: number): QueueParams => ({ ...shape, items, capacity: 4096 });
  const unit = shape.producers * shape.batch;
  const how =
    shape.batch === 1
      ? 'producers push one value per call'
      : `producers push up to ${shape.batch} values per call, through each structure's batch API where it has one (SpscRing claim/publish, one lock per batch for the locked queue), otherwise a loop of single pushes`;
  return defineScenario<QueueParams>({
    suite: 'ringbuffer',
    name,
    countingRule: `one operation = one Int32 value taken by a consumer (pushes are not counted again); ${shape.producers} producer and ${shape.consumers} consumer worker(s); ${how}; consumers take what is available, up to 256 values per call`,
    kind: 'throughput',
    unit: 'items/s',
    sizes: {
      tiny: sized(unit * 64),
      quick: sized(unit * 4096),
      full: sized(unit * 65536),
    },
    scaleKey: 'items',
    operations: (p) => p.items,
    implementations,
  });
}

const locked = (): Implementation<QueueParams> =>
  new CrossThreadQueueImplementation('locked queue (Atomics mutex)', 'baseline', 'locked');
/** The limit: a bare SAB loop with no API (baselines/raw-spsc-loop.ts); SPSC shapes only. */
const rawSpsc = (): Implementation<QueueParams> =>
  new CrossThreadQueueImplementation('raw SAB loop (no API)', 'baseline', 'raw-spsc');
const spsc = (): Implementation<QueueParams> =>
  new CrossThreadQueueImplementation('SpscRing', 'zactor', 'spsc');
const mpsc = (): Implementation<QueueParams> =>
  new CrossThreadQueueImplementation('MpscRing', 'zactor', 'mpsc');
const mpmc = (): Implementation<QueueParams> =>
  new CrossThreadQueueImplementation('MpmcQueue', 'zactor', 'mpmc');

export const spscSingle = queueScenario(
  'SPSC, single',
  { producers: 1, consumers: 1, batch: 1 },
  () => [spsc(), mpsc(), mpmc(), locked(), rawSpsc()],
);

export const spscBatch = queueScenario(
  'SPSC, batch 256',
  { producers: 1, consumers: 1, batch: 256 },
  () => [spsc(), mpsc(), mpmc(), locked(), rawSpsc()],
);

export const mpscSingle = queueScenario(
  'MPSC 2->1, single',
  { producers: 2, consumers: 1, batch: 1 },
  () => [mpsc(), mpmc(), locked()],
);

export const mpscBatch = queueScenario(
  'MPSC 2->1, batch 256',
  { producers: 2, consumers: 1, batch: 256 },
  () => [mpsc(), mpmc(), locked()],
);

export const mpmcSingle = queueScenario(
  'MPMC 2x2, single',
  { producers: 2, consumers: 2, batch: 1 },
  () => [mpmc(), locked()],
);
