import { describe, expect, it } from 'vitest';
import { toBenchJson } from '../src/harness/record.js';
import type { ScenarioResult } from '../src/harness/run-loop.js';
import { summarize } from '../src/harness/statistics.js';
import { testMachine } from './machine-fixture.js';

const machine = testMachine();

const result: ScenarioResult = {
  suite: 'actors',
  scenario: 'ping-pong',
  countingRule: 'every delivered message counts once',
  kind: 'throughput',
  unit: 'msg/s',
  implementations: [
    {
      name: 'ZActor',
      role: 'zactor',
      params: { pairs: 2 },
      metrics: [
        { metric: 'throughput', unit: 'msg/s', better: 'higher', summary: summarize([3, 1, 2]) },
        { metric: 'heap per actor', unit: 'B', better: 'lower', summary: summarize([100]) },
      ],
    },
    {
      name: 'broken',
      role: 'peer',
      params: { pairs: 2 },
      metrics: [],
      error: 'Error: boom\n at x',
    },
    { name: 'too big', role: 'peer', params: { pairs: 2 }, metrics: [], skipped: 'heap' },
  ],
};

describe('the JSON output', () => {
  it('has one record per implementation, scenario and metric with the machine on each', () => {
    const json = toBenchJson([result], machine, 'zactor-bench --suite actors');
    expect(json).toMatchObject({
      schema: 'zactor-bench',
      version: 1,
      command: 'zactor-bench --suite actors',
      machine,
    });
    expect(json.records).toHaveLength(2);
    expect(json.records[0]).toEqual({
      suite: 'actors',
      scenario: 'ping-pong',
      impl: 'ZActor',
      role: 'zactor',
      metric: 'throughput',
      value: 2,
      unit: 'msg/s',
      better: 'higher',
      runs: 3,
      spread: 1,
      flagged: true,
      min: 1,
      max: 3,
      samples: [3, 1, 2],
      rule: 'every delivered message counts once',
      params: { pairs: 2 },
      node: 'v20.20.2',
      cpu: 'Test CPU',
      cores: 2,
      date: '2026-01-01T00:00:00.000Z',
    });
    expect(json.records[1]).toMatchObject({ metric: 'heap per actor', value: 100, unit: 'B' });
  });

  it('lists failed and skipped implementations separately instead of inventing figures for them', () => {
    const json = toBenchJson([result], machine, 'cmd');
    expect(json.failures).toEqual([
      { suite: 'actors', scenario: 'ping-pong', impl: 'broken', error: 'Error: boom\n at x' },
    ]);
    expect(json.records.some((r) => r.impl === 'broken')).toBe(false);
    expect(json.skipped).toEqual([
      { suite: 'actors', scenario: 'ping-pong', impl: 'too big', reason: 'heap' },
    ]);
    expect(json.records.some((r) => r.impl === 'too big')).toBe(false);
  });

  it('survives a JSON round trip unchanged', () => {
    const json = toBenchJson([result], machine, 'cmd');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
