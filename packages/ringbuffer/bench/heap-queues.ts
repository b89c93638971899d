import Denque from 'denque';
import { FixedDeque } from 'mnemonist';
import { Bench } from 'tinybench';
import { FixedHeapQueue, SegmentedHeapQueue } from '../src/index.js';

/** Items pushed then shifted per benchmark iteration (amortises tinybench's own overhead). */
export const BURST = 1024;

interface QueueLike {
  push(item: object): unknown;
  shift(): object | undefined;
}

const message = { kind: 'tell', payload: 1 };

/** A burst of pushes followed by as many shifts: a mailbox filling and being drained. */
function burst(queue: QueueLike): void {
  for (let i = 0; i < BURST; i++) queue.push(message);
  for (let i = 0; i < BURST; i++) queue.shift();
}

/** One push then one shift on a queue holding a few items: a mailbox in steady state. */
function pairs(queue: QueueLike): void {
  for (let i = 0; i < BURST; i++) {
    queue.push(message);
    queue.shift();
  }
}

function contenders(): [string, () => QueueLike][] {
  return [
    ['FixedHeapQueue', () => new FixedHeapQueue<object>(BURST)],
    ['SegmentedHeapQueue', () => new SegmentedHeapQueue<object>()],
    ['denque', () => new Denque<object>()],
    ['mnemonist FixedDeque', () => new FixedDeque<object>(Array, BURST)],
    ['plain array', () => [] as object[]],
  ];
}

/** In-heap queues, push+shift, with tinybench. Returns one row per (queue, pattern). */
export async function runHeapQueueBench(timeMs = 400): Promise<Record<string, string>[]> {
  const bench = new Bench({ time: timeMs, warmupTime: 100 });
  for (const [name, make] of contenders()) {
    const a = make();
    bench.add(`${name}: burst ${BURST} push, ${BURST} shift`, () => burst(a));
    const b = make();
    for (let i = 0; i < 8; i++) b.push(message);
    bench.add(`${name}: push+shift pairs`, () => pairs(b));
  }
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result;
    const hz = 'throughput' in result ? result.throughput.mean : 0;
    return {
      task: task.name,
      'M items/s (push+shift)': ((hz * BURST) / 1e6).toFixed(1),
      'ns per item': hz > 0 ? (1e9 / (hz * BURST)).toFixed(2) : '-',
    };
  });
}
