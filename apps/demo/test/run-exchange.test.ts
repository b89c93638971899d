import { startTsWorker } from '@zactor/testing';
import { describe, expect, it } from 'vitest';
import { runExchange } from '../src/run/run-exchange.js';

// The workers load the TypeScript cluster module through the test helper's loader.
const cluster = {
  module: new URL('../src/exchange-cluster.ts', import.meta.url),
  workerFactory: startTsWorker,
  pin: false,
} as const;

describe('runExchange', () => {
  it('passes the conservation check on two workers with faults and restarts', async () => {
    let output = '';
    const report = await runExchange({
      ...cluster,
      workers: 2,
      durationS: 1.5,
      symbols: 4,
      traders: 300,
      faultRate: 0.01,
      seed: 7,
      write: (text) => {
        output += text;
      },
    });
    const failed = report.conservation.items.filter((i) => !i.ok);
    expect(failed).toEqual([]);
    expect(report.conservation.ok).toBe(true);
    expect(report.workers).toBe(2);
    expect(report.submitted).toBeGreaterThan(0);
    expect(report.bookRestarts).toBeGreaterThan(0);
    expect(report.traderRestarts).toBeGreaterThan(0);
    expect(report.redelivered).toBeGreaterThan(0);
    expect(report.deadLetters).toBe(0);
    // Both workers did work, and orders crossed between them.
    expect(report.workerMessages).toHaveLength(2);
    expect(Math.min(...report.workerMessages)).toBeGreaterThan(0);
    expect(report.crossWorkerMessages).toBeGreaterThan(0);
    expect(output).toContain('conservation check: PASSED');
    expect(output).toMatch(/msg\/s \(w0 .* \| w1 /);
  });

  it('passes on one worker without faults and restarts nothing', async () => {
    const report = await runExchange({
      ...cluster,
      workers: 1,
      durationS: 0.5,
      symbols: 2,
      traders: 50,
      faultRate: 0,
    });
    expect(report.conservation.ok).toBe(true);
    expect(report.submitted).toBeGreaterThan(0);
    expect(report.bookRestarts + report.traderRestarts).toBe(0);
    // One worker: every actor shares it; only the main thread's asks cross.
    expect(report.workerMessages).toHaveLength(1);
  });
});
