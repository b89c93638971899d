import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtmlReport } from '../src/harness/html-report.js';
import type { ScenarioResult } from '../src/harness/run-loop.js';
import { summarize } from '../src/harness/statistics.js';
import { testMachine } from './machine-fixture.js';

const machine = testMachine({ cpu: 'Test <CPU>', memoryBytes: 1 });

const throughput: ScenarioResult = {
  suite: 'actors',
  scenario: 'ping-pong <32 pairs>',
  countingRule: 'every message delivered counts once',
  kind: 'throughput',
  unit: 'msg/s',
  implementations: [
    {
      name: 'ZActor',
      role: 'zactor',
      params: {},
      metrics: [
        { metric: 'throughput', unit: 'msg/s', better: 'higher', summary: summarize([5e7, 6e7]) },
      ],
      utilisation: [{ worker: 'producer 1', busy: 0.75 }],
    },
    {
      name: 'nact',
      role: 'peer',
      params: {},
      metrics: [
        { metric: 'throughput', unit: 'msg/s', better: 'higher', summary: summarize([1e6]) },
      ],
    },
    { name: 'xstate', role: 'peer', params: {}, metrics: [], error: 'Error: broke' },
  ],
};

const latency: ScenarioResult = {
  suite: 'latency',
  scenario: 'round trip',
  countingRule: 'one sample per round trip',
  kind: 'latency',
  unit: 'ns',
  implementations: [
    {
      name: 'ring',
      role: 'zactor',
      params: {},
      metrics: ['p50', 'p95', 'p99', 'p99.9', 'max'].map((metric) => ({
        metric,
        unit: 'ns',
        better: 'lower' as const,
        summary: summarize([300]),
      })),
      latencyCurve: [
        { percentile: 0, valueNs: 100 },
        { percentile: 99, valueNs: 900 },
        { percentile: 100, valueNs: 20_000 },
      ],
      rawLatencyCurve: [
        { percentile: 0, valueNs: 100 },
        { percentile: 99, valueNs: 800 },
        { percentile: 100, valueNs: 20_000 },
      ],
    },
  ],
};

describe('the HTML report', () => {
  const html = renderHtmlReport([throughput, latency], machine, 'zactor-bench --html r.html');

  it('is one self-contained document: no scripts, links or remote assets', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|href=|https?:\/\//i);
  });

  it('draws throughput bars, latency curves and per-worker utilisation as inline SVG', () => {
    expect(html).toMatch(/aria-label="ping-pong &lt;32 pairs&gt; throughput"/);
    expect(html).toMatch(/aria-label="round trip latency percentiles"/);
    expect(html).toMatch(/<polyline [^>]*points="/);
    expect(html).toMatch(/<polyline [^>]*stroke-dasharray/);
    expect(html).toMatch(/per-worker utilisation/);
    expect(html).toMatch(/75\.0%/);
  });

  it('shows each counting rule, the machine and the failures, escaped', () => {
    expect(html).toContain('Counting rule: every message delivered counts once');
    expect(html).toContain('Test &lt;CPU&gt;');
    expect(html).toContain('FAILED xstate: Error: broke');
  });

  it('escapes every HTML-special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
