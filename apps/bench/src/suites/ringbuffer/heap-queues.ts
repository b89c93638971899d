import { FixedHeapQueue, SegmentedHeapQueue } from '@zactor/ringbuffer';
import Denque from 'denque';
import { FixedDeque } from 'mnemonist';
import { BenchError } from '../../errors.js';
import { consume } from '../../harness/blackhole.js';
import {
  defineScenario,
  type Implementation,
  type RunResult,
  type Scenario,
  secondsBetween,
} from '../../harness/scenario.js';

/**
 * Single-thread FIFO queues of object references, as an actor mailbox uses them. Every
 * implementation has its own loop functions: a loop shared between queue classes would make its
 * call sites polymorphic and slow every contender down unequally.
 */

type HeapParams = {
  /** Messages that go through the queue (the operations). */
  readonly items: number;
  /** Messages kept waiting in the queue throughout, so it is never trivially empty. */
  readonly backlog: number;
  /** 1 for single push/shift; otherwise messages pushed, then taken, per round. */
  readonly batch: number;
};

interface Message {
  readonly seq: number;
}

const MESSAGE_MASK = 1023;
const MESSAGES: readonly Message[] = Array.from({ length: MESSAGE_MASK + 1 }, (_, seq) => ({
  seq,
}));
/** Capacity for bounded queues: above any backlog + batch used here. */
const CAPACITY = 4096;

function done(p: HeapParams, startMs: number, size: number, what: string): RunResult {
  const seconds = secondsBetween(startMs, performance.now());
  if (size !== p.backlog) {
    throw new BenchError('heap-queues', 'BAD_QUEUE', `${what} ended with ${size} messages`);
  }
  return { operations: p.items, seconds };
}

// --- ZActor FixedHeapQueue -------------------------------------------------------------------

function fixedHeapSingle(p: HeapParams): RunResult {
  const q = new FixedHeapQueue<Message>(CAPACITY);
  for (let i = 0; i < p.backlog; i++) q.push(MESSAGES[i & MESSAGE_MASK]!);
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.items; i++) {
    q.push(MESSAGES[i & MESSAGE_MASK]!);
    sum += q.shift()!.seq;
  }
  consume(sum);
  return done(p, start, q.size, 'FixedHeapQueue');
}

function fixedHeapBatch(p: HeapParams): RunResult {
  const q = new FixedHeapQueue<Message>(CAPACITY);
  for (let i = 0; i < p.backlog; i++) q.push(MESSAGES[i & MESSAGE_MASK]!);
  let sum = 0;
  const take = (m: Message) => {
    sum += m.seq;
  };
  const start = performance.now();
  for (let i = 0; i < p.items; i += p.batch) {
    for (let j = 0; j < p.batch; j++) q.push(MESSAGES[(i + j) & MESSAGE_MASK]!);
    q.drain(take, p.batch);
  }
  consume(sum);
  return done(p, start, q.size, 'FixedHeapQueue');
}

// --- ZActor SegmentedHeapQueue ---------------------------------------------------------------

function segmentedHeapSingle(p: HeapParams): RunResult {
  const q = new SegmentedHeapQueue<Message>();
  for (let i = 0; i < p.backlog; i++) q.push(MESSAGES[i & MESSAGE_MASK]!);
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.items; i++) {
    q.push(MESSAGES[i & MESSAGE_MASK]!);
    sum += q.shift()!.seq;
  }
  consume(sum);
  return done(p, start, q.size, 'SegmentedHeapQueue');
}

function segmentedHeapBatch(p: HeapParams): RunResult {
  const q = new SegmentedHeapQueue<Message>();
  for (let i = 0; i < p.backlog; i++) q.push(MESSAGES[i & MESSAGE_MASK]!);
  let sum = 0;
  const take = (m: Message) => {
    sum += m.seq;
  };
  const start = performance.now();
  for (let i = 0; i < p.items; i += p.batch) {
    for (let j = 0; j < p.batch; j++) q.push(MESSAGES[(i + j) & MESSAGE_MASK]!);
    q.drain(take, p.batch);
  }
  consume(sum);
  return done(p, start, q.size, 'SegmentedHeapQueue');
}

// --- denque ---------------------------------------------------------------------------------

function denqueSingle(p: HeapParams): RunResult {
  const q = new Denque<Message>();
  for (let i = 0; i < p.backlog; i++) q.push(MESSAGES[i & MESSAGE_MASK]!);
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.items; i++) {
    q.push(MESSAGES[i & MESSAGE_MASK]!);
    sum += q.shift()!.seq;
  }
  consume(sum);
  return done(p, start, q.length, 'denque');
}

function denqueBatch(p: HeapParams): RunResult {
  const q = new Denque<Message>();
  for (let i = 0; i < p.backlog; i++) q.push(MESSAGES[i & MESSAGE_MASK]!);
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.items; i += p.batch) {
    for (let j = 0; j < p.batch; j++) q.push(MESSAGES[(i + j) & MESSAGE_MASK]!);
    for (let j = 0; j < p.batch; j++) sum += q.shift()!.seq;
  }
  consume(sum);
  return done(p, start, q.length, 'denque');
}

// --- mnemonist FixedDeque -------------------------------------------------------------------

function fixedDequeSingle(p: HeapParams): RunResult {
  const q = new FixedDeque<Message>(Array, CAPACITY);
  for (let i = 0; i < p.backlog; i++) q.push(MESSAGES[i & MESSAGE_MASK]!);
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.items; i++) {
    q.push(MESSAGES[i & MESSAGE_MASK]!);
    sum += q.shift()!.seq;
  }
  consume(sum);
  return done(p, start, q.size, 'mnemonist FixedDeque');
}

function fixedDequeBatch(p: HeapParams): RunResult {
  const q = new FixedDeque<Message>(Array, CAPACITY);
  for (let i = 0; i < p.backlog; i++) q.push(MESSAGES[i & MESSAGE_MASK]!);
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.items; i += p.batch) {
    for (let j = 0; j < p.batch; j++) q.push(MESSAGES[(i + j) & MESSAGE_MASK]!);
    for (let j = 0; j < p.batch; j++) sum += q.shift()!.seq;
  }
  consume(sum);
  return done(p, start, q.size, 'mnemonist FixedDeque');
}

// --- plain Array ----------------------------------------------------------------------------

function arraySingle(p: HeapParams): RunResult {
  const q: Message[] = [];
  for (let i = 0; i < p.backlog; i++) q.push(MESSAGES[i & MESSAGE_MASK]!);
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.items; i++) {
    q.push(MESSAGES[i & MESSAGE_MASK]!);
    sum += q.shift()!.seq;
  }
  consume(sum);
  return done(p, start, q.length, 'Array');
}

function arrayBatch(p: HeapParams): RunResult {
  const q: Message[] = [];
  for (let i = 0; i < p.backlog; i++) q.push(MESSAGES[i & MESSAGE_MASK]!);
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.items; i += p.batch) {
    for (let j = 0; j < p.batch; j++) q.push(MESSAGES[(i + j) & MESSAGE_MASK]!);
    for (let j = 0; j < p.batch; j++) sum += q.shift()!.seq;
  }
  consume(sum);
  return done(p, start, q.length, 'Array');
}

// --- scenarios ------------------------------------------------------------------------------

type Runner = (p: HeapParams) => RunResult;

function impl(name: string, role: Implementation['role'], run: Runner): Implementation<HeapParams> {
  return { name, role, run };
}

export const heapQueueSingle: Scenario = defineScenario<HeapParams>({
  suite: 'ringbuffer',
  name: 'heap queue, single',
  countingRule:
    'one operation = one message pushed and then shifted (push one, shift one, with 64 messages always waiting)',
  kind: 'throughput',
  unit: 'msg/s',
  sizes: {
    tiny: { items: 2_000, backlog: 64, batch: 1 },
    quick: { items: 1_000_000, backlog: 64, batch: 1 },
    full: { items: 4_000_000, backlog: 64, batch: 1 },
  },
  scaleKey: 'items',
  operations: (p) => p.items,
  implementations: () => [
    impl('FixedHeapQueue', 'zactor', fixedHeapSingle),
    impl('SegmentedHeapQueue', 'zactor', segmentedHeapSingle),
    impl('denque', 'peer', denqueSingle),
    impl('mnemonist FixedDeque', 'peer', fixedDequeSingle),
    impl('Array push/shift', 'baseline', arraySingle),
  ],
});

export const heapQueueBatch: Scenario = defineScenario<HeapParams>({
  suite: 'ringbuffer',
  name: 'heap queue, batch 256',
  countingRule:
    'one operation = one message pushed and then taken (256 pushed, then 256 taken per round: drain(handler, 256) where the queue has it, 256 shifts otherwise; 64 always waiting)',
  kind: 'throughput',
  unit: 'msg/s',
  sizes: {
    tiny: { items: 2_048, backlog: 64, batch: 256 },
    quick: { items: 1_048_576, backlog: 64, batch: 256 },
    full: { items: 4_194_304, backlog: 64, batch: 256 },
  },
  scaleKey: 'items',
  operations: (p) => p.items,
  implementations: () => [
    impl('FixedHeapQueue', 'zactor', fixedHeapBatch),
    impl('SegmentedHeapQueue', 'zactor', segmentedHeapBatch),
    impl('denque', 'peer', denqueBatch),
    impl('mnemonist FixedDeque', 'peer', fixedDequeBatch),
    impl('Array push/shift', 'baseline', arrayBatch),
  ],
});
