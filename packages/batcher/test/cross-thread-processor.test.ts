import { startTsWorker, stressMode } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import { AdaptiveBatcher, BatchProcessor } from '../src/index.js';
import { createSharedIntRing, SharedIntRingSource } from './support/shared-int-ring.js';

const COUNT = stressMode() ? 5_000_000 : 300_000;

describe('BatchProcessor across threads', () => {
  it('drains every item exactly once, in order, from a producer worker, with adaptive sizes in range', async () => {
    // Positions start just below 2^31 so they wrap during the run.
    const sab = createSharedIntRing(1024, 0x7fffffff - 5000);
    const batcher = new AdaptiveBatcher({ minSize: 1, maxSize: 512, targetLatencyMs: 0.05 });
    let expected = 0;
    let outOfOrder = 0;
    let sizeOutOfRange = 0;
    const processor = new BatchProcessor<number>({
      source: new SharedIntRingSource(sab),
      batcher,
      handler: (items, count) => {
        for (let i = 0; i < count; i++) {
          if (items[i] !== expected) outOfOrder++;
          expected++;
        }
      },
      onStats: (stats) => {
        if (stats.items > stats.requested || stats.nextSize < 1 || stats.nextSize > 512) {
          sizeOutOfRange++;
        }
      },
    });

    const worker = startTsWorker(new URL('./workers/int-producer.ts', import.meta.url), {
      workerData: { sab, count: COUNT },
    });
    let failure: Error | undefined;
    let exited = false;
    worker.once('error', (error) => {
      failure = error;
    });
    worker.once('exit', (code) => {
      exited = true;
      if (code !== 0) failure ??= new Error(`producer exited with code ${code}`);
    });

    let idleTurns = 0;
    while (processor.items < COUNT) {
      if (failure !== undefined) throw failure;
      if (processor.runOnce() > 0) continue;
      // Nothing to drain: let the worker's events through, and stop if it is gone for good.
      if (exited && processor.runOnce() === 0) break;
      if (++idleTurns % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await new Promise<void>((resolve) =>
      exited ? resolve() : worker.once('exit', () => resolve()),
    );
    if (failure !== undefined) throw failure;

    expect(processor.items).toBe(COUNT);
    expect(expected).toBe(COUNT);
    expect(outOfOrder).toBe(0);
    expect(sizeOutOfRange).toBe(0);
    expect(batcher.size).toBeGreaterThanOrEqual(1);
    expect(batcher.size).toBeLessThanOrEqual(512);
  });
});
