import { startTsWorker, testSeed } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import { runSoak } from '../src/run-soak.js';

describe('runSoak', () => {
  it('accounts for every load message sent in a short run with failures, churn and asks', async () => {
    const lines: string[] = [];
    const result = await runSoak({
      durationMs: 5000,
      workers: 2,
      seed: testSeed('soak short run'),
      pin: false,
      reportEveryMs: 1000,
      module: new URL('../src/soak-cluster.ts', import.meta.url),
      workerFactory: (entry, options) => startTsWorker(entry, options),
      log: (line) => lines.push(line),
    });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.unaccounted).toBe(0);
    expect(result.sent).toBeGreaterThan(0);
    expect(result.sent).toBe(result.received + result.failed + result.deadLettered + result.thrown);
    // The run exercised what it claims to: failures with restarts, churn, stale refs, asks.
    expect(result.failed).toBeGreaterThan(0);
    expect(result.restarts).toBe(result.failed);
    expect(result.churned).toBeGreaterThan(0);
    expect(result.asks.answered).toBeGreaterThan(0);
    // Some load crossed workers in shared slab blocks, and every block came back.
    expect(result.largeMessages.crossed).toBeGreaterThan(0);
    expect(result.largeMessages.blocksInUse).toBe(0);
    expect(result.samples.length).toBeGreaterThanOrEqual(3);
    expect(result.samples[0]!.nodes).toHaveLength(3);
    expect(lines.at(-1)).toBe('check: ok');
  });
});
