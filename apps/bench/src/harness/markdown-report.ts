import { formatPercent, formatValue } from './format.js';
import type { MachineInfo } from './machine-info.js';
import type { ImplementationResult, ScenarioResult } from './run-loop.js';

/**
 * The session as Markdown tables, one per scenario, in the shape BENCHMARKS.md uses: the
 * scenario and its counting rule in bold, then implementation, role, every metric's median,
 * the spread of the main metric (P99 for latency; ⚠ when any metric's is above 10%) and the runs. Figures come straight from the
 * results, so a table pasted from here is the run as measured.
 */
export function renderMarkdownReport(
  results: readonly ScenarioResult[],
  machine: MachineInfo,
  command: string,
): string {
  const parts = [
    `Command: \`${command}\``,
    '',
    `${machine.date}, ${machine.node}, ${machine.cpu}, ${machine.cores} cores, ${machine.platform} ${machine.arch}; medians of the measured runs (⚠ = spread (max - min) / median above 10%).`,
  ];
  for (const result of results) parts.push('', scenarioTable(result));
  return `${parts.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function scenarioTable(result: ScenarioResult): string {
  const ok = result.implementations.filter((i) => i.metrics.length > 0);
  const lines = [`**${cell(result.scenario)}** — ${cell(result.countingRule)}`, ''];
  if (ok.length > 0) {
    const names = ok[0]!.metrics.map((m) => (m.metric === 'throughput' ? 'throughput' : m.metric));
    lines.push(`| implementation | role | ${names.map(cell).join(' | ')} | spread | runs |`);
    lines.push(`| --- | --- | ${names.map(() => '---').join(' | ')} | --- | --- |`);
    for (const impl of ok) lines.push(row(impl));
  }
  for (const impl of result.implementations) {
    if (impl.skipped !== undefined) lines.push('', `Skipped ${impl.name}: ${impl.skipped}`);
    if (impl.error !== undefined) {
      lines.push('', `FAILED ${impl.name}: ${impl.error.split('\n')[0]}`);
    }
  }
  return lines.join('\n');
}

function row(impl: ImplementationResult): string {
  // Latency rows show the spread of P99, as the text tables do.
  const main = impl.metrics.find((m) => m.metric === 'p99') ?? impl.metrics[0]!;
  const values = impl.metrics.map((m) => cell(formatValue(m.summary.median, m.unit)));
  const flagged = impl.metrics.some((m) => m.summary.flagged);
  const spread = `${formatPercent(main.summary.spread)}${flagged ? ' ⚠' : ''}`;
  return `| ${cell(impl.name)} | ${impl.role} | ${values.join(' | ')} | ${spread} | ${main.summary.runs} |`;
}
