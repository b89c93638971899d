import { describe, expect, it } from 'vitest';
import { runExchange } from '../src/run/run-exchange.js';

describe('runExchange', () => {
  it('passes the conservation check on a short run with faults and restarts', async () => {
    let output = '';
    const report = await runExchange({
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
    expect(report.submitted).toBeGreaterThan(0);
    expect(report.bookRestarts).toBeGreaterThan(0);
    expect(report.traderRestarts).toBeGreaterThan(0);
    expect(report.redelivered).toBeGreaterThan(0);
    expect(report.deadLetters).toBe(0);
    expect(output).toContain('conservation check: PASSED');
    expect(output).toContain('msg/s');
  });

  it('passes without faults and restarts nothing', async () => {
    const report = await runExchange({ durationS: 0.5, symbols: 2, traders: 50, faultRate: 0 });
    expect(report.conservation.ok).toBe(true);
    expect(report.bookRestarts + report.traderRestarts).toBe(0);
  });

  it('refuses more than one worker', async () => {
    await expect(runExchange({ workers: 2 })).rejects.toThrow(/multi-worker placement/);
  });
});
