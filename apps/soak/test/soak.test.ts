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

describe('runSoak in fault mode', () => {
  it('accounts for every load message while workers hang and constructors throw on restart', async () => {
    const lines: string[] = [];
    const result = await runSoak({
      durationMs: 6000,
      workers: 2,
      seed: testSeed('soak fault run'),
      pin: false,
      reportEveryMs: 2000,
      faults: { hangEveryMs: 2500 },
      module: new URL('../src/soak-cluster.ts', import.meta.url),
      workerFactory: (entry, options) => startTsWorker(entry, options),
      log: (line) => lines.push(line),
    });
    expect(result.problems).toEqual([]);
    expect(result.unaccounted).toBe(0);
    const faults = result.faults!;
    // Every hang was noticed and the worker replaced; what its mailboxes held is the only loss.
    expect(faults.hangs).toBeGreaterThanOrEqual(1);
    expect(faults.unresponsive).toBe(faults.hangs);
    expect(faults.workerRestarts).toBe(faults.hangs);
    expect(result.lostInHungWorkers).toBeGreaterThanOrEqual(0);
    expect(result.deadLettersByReason['worker-dead']).toBeGreaterThan(0);
    expect(faults.victimReceived).toBeGreaterThan(0);
    expect(faults.restartFailures).toBeGreaterThan(0);
    expect(faults.corruptRecords).toBeGreaterThan(0);
    expect(result.sent).toBe(
      result.received +
        result.failed +
        result.deadLettered +
        result.thrown +
        result.lostInHungWorkers,
    );
    expect(result.largeMessages.blocksInUse).toBe(0);
    expect(lines.at(-1)).toBe('check: ok');
  });
});
