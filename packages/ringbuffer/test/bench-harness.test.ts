import { describe, expect, it } from 'vitest';
import { runBatchThroughput } from '../bench/batch-throughput.js';
import { runLockedThroughput } from '../bench/locked-throughput.js';
import { runMpmcThroughput } from '../bench/mpmc-throughput.js';
import { runMpscThroughput } from '../bench/mpsc-throughput.js';
import { runSpscThroughput } from '../bench/spsc-throughput.js';

// The benchmark harnesses apps/bench will reuse: small runs that check every record arrives
// with the right checksum. Speed is not checked here; figures belong to the benchmarks.
describe('benchmark harnesses', () => {
  it('moves every record through SpscRing, single and batched', async () => {
    for (const batch of [1, 256]) {
      const result = await runSpscThroughput({ capacity: 64, batch, items: 20_000 });
      expect(result).toMatchObject({ items: 20_000, ok: true });
      expect(result.seconds).toBeGreaterThan(0);
    }
  });

  it('moves every record from two producers through MpscRing', async () => {
    const result = await runMpscThroughput({ capacityBytes: 1024, producers: 2, items: 20_001 });
    expect(result).toMatchObject({ items: 20_001, ok: true });
  });

  it('moves every word of every batch as MpscRing records and as SpscRing slot runs', async () => {
    const records = await runBatchThroughput({
      ring: 'mpsc-record',
      capacityBytes: 1024,
      batchBytes: 128,
      items: 3_000,
    });
    expect(records).toMatchObject({ items: 3_000 * 4, ok: true });
    // 3 slots a batch in a 16-slot ring: most batches are cut at the end of the buffer.
    const slots = await runBatchThroughput({
      ring: 'spsc-slots',
      capacityBytes: 1024,
      batchBytes: 192,
      items: 3_000,
    });
    expect(slots).toMatchObject({ items: 3_000 * 6, ok: true });
  });

  it('moves every record through MpmcQueue with two producers and two consumers', async () => {
    const result = await runMpmcThroughput({
      capacity: 64,
      producers: 2,
      consumers: 2,
      items: 20_000,
    });
    expect(result).toMatchObject({ items: 20_000, ok: true });
  });

  it('moves every value through the lock-based baseline, single and batched', async () => {
    for (const batch of [1, 32]) {
      const result = await runLockedThroughput({
        capacity: 64,
        producers: 1,
        consumers: 1,
        batch,
        items: 20_000,
      });
      expect(result).toMatchObject({ items: 20_000, ok: true });
    }
  });
});
