import { formatPercent, formatValue } from './format.js';
import { peerRatioLines } from './peer-ratio.js';
import type { ScenarioResult } from './run-loop.js';

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function grid(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    `  ${row.map((cell, i) => pad(cell, widths[i]!, rightAligned.has(i))).join('  ')}`.trimEnd(),
  );
}

/**
 * One scenario as text: a title with its counting rule, then one row per implementation with
 * the median, the spread over the runs (flagged with `!` above 10%) and the run count.
 */
export function formatScenario(result: ScenarioResult): string {
  const lines = [`${result.suite} / ${result.scenario}`, `  counting rule: ${result.countingRule}`];
  const failed = result.implementations.filter((i) => i.error !== undefined);
  const skipped = result.implementations.filter((i) => i.skipped !== undefined);
  const ok = result.implementations.filter((i) => i.metrics.length > 0);
  if (ok.length > 0) {
    const metricNames = ok[0]!.metrics.map((m) => m.metric);
    const header = ['impl', 'role', ...metricNames, 'spread', 'runs'];
    const rows: string[][] = [header];
    for (const impl of ok) {
      const main = impl.metrics[result.kind === 'latency' ? 2 : 0]!;
      rows.push([
        impl.name,
        impl.role,
        ...impl.metrics.map((m) => formatValue(m.summary.median, m.unit)),
        `${formatPercent(main.summary.spread)}${main.summary.flagged ? ' !' : ''}`,
        String(main.summary.runs),
      ]);
    }
    const right = new Set<number>();
    for (let i = 2; i < header.length; i++) right.add(i);
    lines.push(...grid(rows, right));
    if (ok.some((i) => i.metrics.some((m) => m.summary.flagged))) {
      lines.push('  ! spread (max - min) / median above 10%: rerun on a quieter machine');
    }
    if (result.kind === 'latency') {
      lines.push(
        '  p50..max corrected for coordinated omission, raw = as measured; spread is that of p99',
      );
    }
    lines.push(...peerRatioLines(result));
  }
  for (const impl of skipped) lines.push(`  skipped ${impl.name}: ${impl.skipped}`);
  for (const impl of failed) {
    lines.push(`  FAILED ${impl.name}: ${impl.error!.split('\n')[0]}`);
  }
  return lines.join('\n');
}
