import { describe, expect, it } from 'vitest';
import { renderMarkdownReport } from '../src/harness/markdown-report.js';
import type { ScenarioResult } from '../src/harness/run-loop.js';
import { summarize } from '../src/harness/statistics.js';
import { testMachine } from './machine-fixture.js';

const machine = testMachine({ memoryBytes: 1 });

const result: ScenarioResult = {
  suite: 'actors',
  scenario: 'cluster | split pairs',
  countingRule: 'every message delivered counts once',
  kind: 'throughput',
  unit: 'msg/s',
  implementations: [
    {
      name: 'ZActor',
      role: 'zactor',
      params: {},
      metrics: [
        {
          metric: 'throughput',
          unit: 'msg/s',
          better: 'higher',
          summary: summarize([3e7, 4e7, 3.5e7]),
        },
        { metric: 'MB/s', unit: 'MB/s', better: 'higher', summary: summarize([10, 10, 10]) },
      ],
    },
    {
      name: 'MessagePort',
      role: 'baseline',
      params: {},
      metrics: [
        { metric: 'throughput', unit: 'msg/s', better: 'higher', summary: summarize([1e5, 1e5]) },
        { metric: 'MB/s', unit: 'MB/s', better: 'higher', summary: summarize([2, 2]) },
      ],
    },
    { name: 'nact', role: 'peer', params: {}, metrics: [], error: 'Error: broke\n  at x' },
    { name: 'xstate', role: 'peer', params: {}, metrics: [], skipped: 'too big' },
  ],
};

describe('the Markdown report', () => {
  it('writes one table per scenario with medians, the main spread flagged above 10%, and the runs', () => {
    const md = renderMarkdownReport([result], machine, 'zactor-bench --markdown r.md');
    expect(md).toContain('Command: `zactor-bench --markdown r.md`');
    expect(md).toContain('v20.20.2, Test CPU, 2 cores');
    expect(md).toContain('**cluster \\| split pairs** — every message delivered counts once');
    expect(md).toContain('| implementation | role | throughput | MB/s | spread | runs |');
    expect(md).toContain('| ZActor | zactor | 35.00 M msg/s | 10 MB/s | 28.6% ⚠ | 3 |');
    expect(md).toContain('| MessagePort | baseline | 100.00 k msg/s | 2 MB/s | 0.0% | 2 |');
    expect(md).toContain('FAILED nact: Error: broke');
    expect(md).not.toContain('at x');
    expect(md).toContain('Skipped xstate: too big');
  });
});
