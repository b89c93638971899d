/*
 * Micro benchmarks of @zactor/ringbuffer. Run (it takes about half a minute):
 *   cd packages/ringbuffer && flock /tmp/zactor-bench.lock npx tsx --conditions=@zactor/source bench/index.ts
 * An optional argument keeps only the scenarios whose name contains it (case-insensitive),
 * e.g. `bench/index.ts spsc`; `heap` selects the in-heap table.
 * Figures on a shared machine are indicative only; the official ones come from apps/bench.
 */
import { runBatchThroughput } from './batch-throughput.js';
import { runHeapQueueBench } from './heap-queues.js';
import { runLockedThroughput } from './locked-throughput.js';
import { runMpmcThroughput } from './mpmc-throughput.js';
import { runMpscThroughput } from './mpsc-throughput.js';
import type { ThroughputResult } from './run-workers.js';
import { runSpscThroughput } from './spsc-throughput.js';

function row(name: string, result: ThroughputResult): Record<string, string> {
  return {
    scenario: name,
    'M items/s': (result.itemsPerSecond / 1e6).toFixed(1),
    items: String(result.items),
    seconds: result.seconds.toFixed(3),
    ok: result.ok ? 'yes' : 'NO',
  };
}

const filter = (process.argv[2] ?? '').toLowerCase();
const wanted = (name: string) => name.toLowerCase().includes(filter);

if (wanted('in-heap queues')) {
  console.log('In-heap queues (one thread)');
  console.table(await runHeapQueueBench());
}

const M = 1_000_000;
const scenarios: [string, () => Promise<ThroughputResult>][] = [
  [
    'SpscRing single-item publish, eager consumer (cap 4096)',
    () => runSpscThroughput({ capacity: 4096, batch: 1, items: 20 * M }),
  ],
  [
    'SpscRing single-item publish, consumer poll delay 400 (cap 4096)',
    () => runSpscThroughput({ capacity: 4096, batch: 1, pollDelay: 400, items: 20 * M }),
  ],
  [
    'SpscRing single item on both sides (cap 4096)',
    () => runSpscThroughput({ capacity: 4096, batch: 1, consumerBatch: 1, items: 10 * M }),
  ],
  [
    'SpscRing batch 256 on both sides (cap 4096)',
    () => runSpscThroughput({ capacity: 4096, batch: 256, consumerBatch: 256, items: 100 * M }),
  ],
  [
    'MpscRing 1 producer, 4-byte payload (64 KiB)',
    () => runMpscThroughput({ capacityBytes: 1 << 16, producers: 1, items: 10 * M }),
  ],
  [
    'MpscRing 4 producers -> 1 (64 KiB)',
    () => runMpscThroughput({ capacityBytes: 1 << 16, producers: 4, items: 4 * M }),
  ],
  [
    'Batches of 16 KiB, 1 producer: MpscRing records (128 KiB)',
    () =>
      runBatchThroughput({
        ring: 'mpsc-record',
        capacityBytes: 1 << 17,
        batchBytes: 1 << 14,
        items: 100_000,
      }),
  ],
  [
    'Batches of 16 KiB, 1 producer: SpscRing 64-byte slot runs (128 KiB)',
    () =>
      runBatchThroughput({
        ring: 'spsc-slots',
        capacityBytes: 1 << 17,
        batchBytes: 1 << 14,
        items: 100_000,
      }),
  ],
  [
    'MpmcQueue 1 x 1 (cap 4096)',
    () => runMpmcThroughput({ capacity: 4096, producers: 1, consumers: 1, items: 10 * M }),
  ],
  [
    'MpmcQueue 2 x 2 (cap 4096)',
    () => runMpmcThroughput({ capacity: 4096, producers: 2, consumers: 2, items: 4 * M }),
  ],
  [
    'LockedQueue baseline single item',
    () =>
      runLockedThroughput({ capacity: 4096, producers: 1, consumers: 1, batch: 1, items: 4 * M }),
  ],
  [
    'LockedQueue baseline batch 256',
    () =>
      runLockedThroughput({
        capacity: 4096,
        producers: 1,
        consumers: 1,
        batch: 256,
        items: 40 * M,
      }),
  ],
];

if (scenarios.some(([name]) => wanted(name))) {
  console.log('Between worker threads (busy-spin; warm-up round, then the measured round)');
}
const rows: Record<string, string>[] = [];
for (const [name, run] of scenarios) if (wanted(name)) rows.push(row(name, await run()));
if (rows.length > 0) console.table(rows);
