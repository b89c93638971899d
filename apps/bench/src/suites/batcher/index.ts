import { AdaptiveBatcher, BatchAccumulator, BatchProcessor, FixedBatcher } from '@zactor/batcher';
import { FixedHeapQueue } from '@zactor/ringbuffer';
import { BenchError } from '../../errors.js';
import { consume } from '../../harness/blackhole.js';
import {
  defineScenario,
  type RunResult,
  type Scenario,
  type Suite,
} from '../../harness/scenario.js';

/**
 * What batching costs per item: the package's accumulator and processor against the loops one
 * would write by hand. Every handler reads every item. One loop function per implementation.
 */

interface Message {
  readonly value: number;
}

const MESSAGE_MASK = 1023;
const MESSAGES: readonly Message[] = Array.from({ length: MESSAGE_MASK + 1 }, (_, value) => ({
  value,
}));
const BATCH = 256;

type ItemParams = { readonly items: number };

function result(p: ItemParams, start: number, delivered: number, sum: number): RunResult {
  const seconds = (performance.now() - start) / 1000;
  consume(sum);
  if (delivered !== p.items) {
    throw new BenchError('batcher', 'LOST_ITEMS', `${delivered} of ${p.items} items delivered`);
  }
  return { operations: delivered, seconds };
}

// --- accumulate -------------------------------------------------------------------------------

function accumulator(p: ItemParams): RunResult {
  let delivered = 0;
  let sum = 0;
  const acc = new BatchAccumulator<Message>({
    size: BATCH,
    lingerMs: Number.POSITIVE_INFINITY,
    onFlush: (items, count) => {
      for (let i = 0; i < count; i++) sum += items[i]!.value;
      delivered += count;
    },
  });
  const start = performance.now();
  for (let i = 0; i < p.items; i++) acc.add(MESSAGES[i & MESSAGE_MASK]!);
  acc.flush();
  return result(p, start, delivered, sum);
}

function handArray(p: ItemParams): RunResult {
  let delivered = 0;
  let sum = 0;
  const onBatch = (items: readonly Message[]) => {
    for (let i = 0; i < items.length; i++) sum += items[i]!.value;
    delivered += items.length;
  };
  let batch: Message[] = [];
  const start = performance.now();
  for (let i = 0; i < p.items; i++) {
    batch.push(MESSAGES[i & MESSAGE_MASK]!);
    if (batch.length === BATCH) {
      onBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) onBatch(batch);
  return result(p, start, delivered, sum);
}

export const accumulateScenario: Scenario = defineScenario<ItemParams>({
  suite: 'batcher',
  name: 'accumulate, batches of 256',
  countingRule:
    'one operation = one item added and delivered to the batch handler, which reads it (size-triggered flushes of 256, no linger timer)',
  kind: 'throughput',
  unit: 'items/s',
  sizes: {
    tiny: { items: 10_000 },
    quick: { items: 1_048_576 },
    full: { items: 1_048_576 },
  },
  scaleKey: 'items',
  operations: (p) => p.items,
  implementations: () => [
    { name: 'BatchAccumulator', role: 'zactor', run: accumulator },
    { name: 'array + new array per batch', role: 'baseline', run: handArray },
  ],
});

// --- drain ------------------------------------------------------------------------------------

function processorWith(batcher: FixedBatcher | AdaptiveBatcher) {
  return (p: ItemParams): RunResult => {
    const queue = new FixedHeapQueue<Message>(4096);
    let delivered = 0;
    let sum = 0;
    const processor = new BatchProcessor<Message>({
      source: queue,
      batcher,
      handler: (items, count) => {
        for (let i = 0; i < count; i++) sum += items[i]!.value;
        delivered += count;
      },
    });
    const start = performance.now();
    for (let i = 0; i < p.items; i += BATCH) {
      for (let j = 0; j < BATCH; j++) queue.push(MESSAGES[(i + j) & MESSAGE_MASK]!);
      while (queue.size > 0) processor.runOnce();
    }
    return result(p, start, delivered, sum);
  };
}

function handDrain(p: ItemParams): RunResult {
  const queue = new FixedHeapQueue<Message>(4096);
  let delivered = 0;
  let sum = 0;
  const take = (m: Message) => {
    sum += m.value;
    delivered++;
  };
  const start = performance.now();
  for (let i = 0; i < p.items; i += BATCH) {
    for (let j = 0; j < BATCH; j++) queue.push(MESSAGES[(i + j) & MESSAGE_MASK]!);
    while (queue.size > 0) queue.drain(take, BATCH);
  }
  return result(p, start, delivered, sum);
}

// BatchProcessor keeps the batcher's feedback; each scenario run builds fresh ones through these
// two separately written functions so neither shares a call site with the other.
const fixedProcessor = (p: ItemParams) => processorWith(new FixedBatcher(BATCH))(p);
const adaptiveProcessor = (p: ItemParams) =>
  processorWith(
    new AdaptiveBatcher({ minSize: 16, maxSize: 1024, initialSize: BATCH, targetLatencyMs: 1 }),
  )(p);

export const drainScenario: Scenario = defineScenario<ItemParams>({
  suite: 'batcher',
  name: 'drain a mailbox in batches',
  countingRule:
    'one operation = one item taken from a FixedHeapQueue (refilled 256 at a time) and handed to the batch handler, which reads it',
  kind: 'throughput',
  unit: 'items/s',
  sizes: {
    tiny: { items: 10_240 },
    quick: { items: 1_048_576 },
    full: { items: 1_048_576 },
  },
  scaleKey: 'items',
  operations: (p) => p.items,
  implementations: () => [
    { name: 'BatchProcessor + FixedBatcher(256)', role: 'zactor', run: fixedProcessor },
    { name: 'BatchProcessor + AdaptiveBatcher', role: 'zactor', run: adaptiveProcessor },
    { name: 'queue.drain(handler, 256) by hand', role: 'baseline', run: handDrain },
  ],
});

export const batcherSuite: Suite = {
  name: 'batcher',
  description: 'per-item cost of BatchAccumulator and BatchProcessor against hand-written batching',
  scenarios: [accumulateScenario, drainScenario],
};
