/**
 * Micro-benchmarks: per-item overhead of BatchAccumulator and BatchProcessor, and the cost of
 * one AdaptiveBatcher.record. Run (one at a time on the shared machine):
 *   cd packages/batcher && flock /tmp/zactor-bench.lock npx tsx --conditions=@zactor/source bench/index.ts
 * Figures are indicative; the official ones come from apps/bench.
 */
import { Bench } from 'tinybench';
import {
  AdaptiveBatcher,
  BatchAccumulator,
  BatchProcessor,
  type DrainSource,
  FixedBatcher,
} from '../src/index.js';

const ITEMS = 1 << 16; // items per benchmark iteration
const BATCH = 256;

interface Message {
  value: number;
}
const messages: Message[] = Array.from({ length: 1024 }, (_, value) => ({ value }));

// Handlers read every item but keep the sum local, so the figures are the batching overhead
// plus one property read per item, not the cost of a module-level variable.
let sink = 0;
const sumBatch = (items: readonly Message[], count: number) => {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += items[i]!.value;
  sink += sum;
};

/** An in-heap power-of-two ring refilled before each drain: what a mailbox queue does. */
class HeapRing implements DrainSource<Message> {
  private readonly slots: (Message | undefined)[] = new Array(1 << 12).fill(undefined);
  private readonly mask = (1 << 12) - 1;
  private head = 0;
  private tail = 0;

  offer(item: Message): boolean {
    if (this.tail - this.head === this.slots.length) return false;
    this.slots[this.tail++ & this.mask] = item;
    return true;
  }

  drain(handler: (item: Message) => void, max = Number.POSITIVE_INFINITY): number {
    let n = 0;
    while (n < max && this.head !== this.tail) {
      const at = this.head++ & this.mask;
      const item = this.slots[at]!;
      this.slots[at] = undefined;
      handler(item);
      n++;
    }
    return n;
  }
}

/** A source that always has `max` items ready: isolates the processor's own cost. */
const endless: DrainSource<Message> = {
  drain(handler, max = BATCH) {
    for (let i = 0; i < max; i++) handler(messages[i & 1023]!);
    return max;
  },
};

function accumulator(size: number | AdaptiveBatcher, lingerMs: number) {
  return new BatchAccumulator<Message>({ size, lingerMs, onFlush: sumBatch });
}

const fixedNoLinger = accumulator(BATCH, Number.POSITIVE_INFINITY);
const fixedLinger = accumulator(BATCH, 5);
const adaptiveAccumulator = accumulator(
  new AdaptiveBatcher({ minSize: 16, maxSize: 1024, initialSize: BATCH, targetLatencyMs: 1 }),
  5,
);
const fixedProcessor = new BatchProcessor<Message>({
  source: endless,
  batcher: new FixedBatcher(BATCH),
  handler: sumBatch,
});
const adaptiveProcessor = new BatchProcessor<Message>({
  source: endless,
  batcher: new AdaptiveBatcher({
    minSize: 16,
    maxSize: 1024,
    initialSize: BATCH,
    targetLatencyMs: 1,
  }),
  handler: sumBatch,
});
const ring = new HeapRing();
const ringProcessor = new BatchProcessor<Message>({
  source: ring,
  batcher: new FixedBatcher(BATCH),
  handler: sumBatch,
});
const lone = new AdaptiveBatcher({ minSize: 1, maxSize: 4096, targetLatencyMs: 1 });

function addAll(target: BatchAccumulator<Message>) {
  for (let i = 0; i < ITEMS; i++) target.add(messages[i & 1023]!);
}

function processAll(processor: BatchProcessor<Message>) {
  let done = 0;
  while (done < ITEMS) done += processor.runOnce();
}

const bench = new Bench({ name: '@zactor/batcher', time: 400, warmupTime: 100 });
bench
  .add('baseline: read each item in a plain loop', () => {
    let sum = 0;
    for (let i = 0; i < ITEMS; i++) sum += messages[i & 1023]!.value;
    sink += sum;
  })
  .add('accumulator add, size 256, no linger', () => addAll(fixedNoLinger))
  .add('accumulator add, size 256, linger 5 ms', () => addAll(fixedLinger))
  .add('accumulator add, adaptive size', () => addAll(adaptiveAccumulator))
  .add('processor runOnce, fixed 256, endless source', () => processAll(fixedProcessor))
  .add('processor runOnce, adaptive, endless source', () => processAll(adaptiveProcessor))
  .add('processor runOnce, fixed 256, heap ring (incl. ring cost)', () => {
    let done = 0;
    while (done < ITEMS) {
      for (let i = 0; i < BATCH; i++) ring.offer(messages[i]!);
      done += ringProcessor.runOnce();
    }
  })
  .add('AdaptiveBatcher.record x 65536 (per call)', () => {
    for (let i = 0; i < ITEMS; i++) lone.record(lone.size, 0.5 + (i & 7) * 0.01, 0.6);
  });

await bench.run();

const rows = bench.tasks.map((task) => {
  const result = task.result;
  const meanMs = 'latency' in result ? result.latency.mean : Number.NaN;
  const rme = 'latency' in result ? result.latency.rme : Number.NaN;
  return {
    scenario: task.name,
    'ns/item': Number(((meanMs * 1e6) / ITEMS).toFixed(2)),
    'M items/s': Number((ITEMS / meanMs / 1000).toFixed(1)),
    '±%': Number(rme.toFixed(1)),
  };
});
console.log(`${bench.name} (${ITEMS} items per iteration; Node ${process.version})`);
console.table(rows);
fixedLinger.close();
adaptiveAccumulator.close();
if (sink === -1) console.log(sink);
