import { formatPercent, formatValue } from './format.js';
import type { LatencyPoint } from './latency-recorder.js';
import type { MachineInfo } from './machine-info.js';
import type { ImplementationResult, ScenarioResult } from './run-loop.js';
import type { Role } from './scenario.js';

/**
 * The `--html` report: one self-contained file (inline CSS and SVG, no script, no network) with,
 * per scenario, its counting rule, a bar chart of throughput against peers (whiskers span the
 * runs' min..max), latency percentile curves, and each worker's busy fraction.
 */

const COLOURS: Readonly<Record<Role, string>> = {
  zactor: '#2563eb',
  peer: '#d97706',
  baseline: '#6b7280',
};
const LINE_COLOURS = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#6b7280'];

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function num(n: number): string {
  return Number.isFinite(n) ? n.toFixed(1) : '0';
}

function barChart(result: ScenarioResult, impls: readonly ImplementationResult[]): string {
  const rows = impls.map((i) => ({ impl: i, m: i.metrics[0]! }));
  const max = Math.max(...rows.map((r) => r.m.summary.max), 1e-12);
  const labelW = 260;
  const chartW = 420;
  const valueW = 200;
  const rowH = 26;
  const height = rows.length * rowH + 8;
  const width = labelW + chartW + valueW;
  const bars = rows.map(({ impl, m }, k) => {
    const y = 4 + k * rowH;
    const w = (m.summary.median / max) * chartW;
    const x0 = labelW + (m.summary.min / max) * chartW;
    const x1 = labelW + (m.summary.max / max) * chartW;
    const mid = y + rowH / 2 - 2;
    const flag = m.summary.flagged ? ' !' : '';
    return [
      `<text x="${labelW - 8}" y="${mid + 4}" text-anchor="end">${escapeHtml(impl.name)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${num(w)}" height="${rowH - 10}" fill="${COLOURS[impl.role]}"><title>${escapeHtml(`${impl.name} (${impl.role}): median ${formatValue(m.summary.median, m.unit)}, min ${formatValue(m.summary.min, m.unit)}, max ${formatValue(m.summary.max, m.unit)}`)}</title></rect>`,
      `<line x1="${num(x0)}" x2="${num(x1)}" y1="${mid}" y2="${mid}" stroke="#111" stroke-width="1.5"/>`,
      `<text x="${labelW + chartW + 8}" y="${mid + 4}">${escapeHtml(`${formatValue(m.summary.median, m.unit)} (spread ${formatPercent(m.summary.spread)})${flag}`)}</text>`,
    ].join('');
  });
  return `<svg class="chart" role="img" aria-label="${escapeHtml(`${result.scenario} throughput`)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars.join('')}</svg>`;
}

/** Where a percentile sits on the x axis: its number of nines, so the tail gets room. */
function ninesOf(percentile: number): number {
  if (percentile >= 100) return 5.5;
  return Math.min(5, -Math.log10(1 - percentile / 100));
}

function latencyChart(result: ScenarioResult, impls: readonly ImplementationResult[]): string {
  const series = impls.filter((i) => i.latencyCurve !== undefined);
  if (series.length === 0) return '';
  const w = 640;
  const h = 300;
  const left = 70;
  const bottom = 40;
  const top = 10;
  const right = 160;
  const values = series.flatMap((s) =>
    [...s.latencyCurve!, ...(s.rawLatencyCurve ?? [])].map((p) => Math.max(1, p.valueNs)),
  );
  const lo = Math.floor(Math.log10(Math.min(...values)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...values))));
  const plotW = w - left - right;
  const plotH = h - top - bottom;
  const x = (p: number) => left + (ninesOf(p) / 5.5) * plotW;
  const y = (v: number) => top + plotH - ((Math.log10(Math.max(1, v)) - lo) / (hi - lo)) * plotH;
  const grid: string[] = [];
  for (let e = lo; e <= hi; e++) {
    const yy = y(10 ** e);
    grid.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${num(yy)}" y2="${num(yy)}" stroke="#e5e7eb"/>`,
      `<text x="${left - 6}" y="${num(yy + 4)}" text-anchor="end">${escapeHtml(formatValue(10 ** e, 'ns'))}</text>`,
    );
  }
  const ticks: [number, string][] = [
    [0, '0%'],
    [90, '90%'],
    [99, '99%'],
    [99.9, '99.9%'],
    [99.99, '99.99%'],
    [99.999, '99.999%'],
    [100, 'max'],
  ];
  for (const [p, label] of ticks) {
    grid.push(`<text x="${num(x(p))}" y="${h - bottom + 18}" text-anchor="middle">${label}</text>`);
  }
  const points = (curve: readonly LatencyPoint[]) =>
    curve.map((p) => `${num(x(p.percentile))},${num(y(p.valueNs))}`).join(' ');
  const lines = series.map((s, k) => {
    const colour = LINE_COLOURS[k % LINE_COLOURS.length]!;
    const raw =
      s.rawLatencyCurve === undefined
        ? ''
        : `<polyline fill="none" stroke="${colour}" stroke-width="1" stroke-dasharray="4 3" points="${points(s.rawLatencyCurve)}"/>`;
    return (
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points(s.latencyCurve!)}"/>` +
      raw +
      `<rect x="${w - right + 12}" y="${top + k * 20}" width="12" height="12" fill="${colour}"/>` +
      `<text x="${w - right + 30}" y="${top + k * 20 + 11}">${escapeHtml(s.name)}</text>`
    );
  });
  return `<svg class="chart" role="img" aria-label="${escapeHtml(`${result.scenario} latency percentiles`)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}"><rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#9ca3af"/>${grid.join('')}${lines.join('')}<text x="${left + plotW / 2}" y="${h - 4}" text-anchor="middle">percentile (solid: corrected for coordinated omission; dashed: as measured)</text></svg>`;
}

function utilisationChart(impls: readonly ImplementationResult[]): string {
  const rows = impls.flatMap((i) => (i.utilisation ?? []).map((u) => ({ impl: i, u })));
  if (rows.length === 0) return '';
  const labelW = 420;
  const chartW = 300;
  const rowH = 20;
  const height = rows.length * rowH + 8;
  const width = labelW + chartW + 80;
  const bars = rows.map(({ impl, u }, k) => {
    const yy = 4 + k * rowH;
    return (
      `<text x="${labelW - 8}" y="${yy + 14}" text-anchor="end">${escapeHtml(u.worker)}</text>` +
      `<rect x="${labelW}" y="${yy + 3}" width="${chartW}" height="${rowH - 6}" fill="#f3f4f6"/>` +
      `<rect x="${labelW}" y="${yy + 3}" width="${num(u.busy * chartW)}" height="${rowH - 6}" fill="${COLOURS[impl.role]}"/>` +
      `<text x="${labelW + chartW + 8}" y="${yy + 14}">${formatPercent(u.busy)}</text>`
    );
  });
  return `<h4>Per-worker utilisation (time not spent in long stalls)</h4><svg class="chart" role="img" aria-label="per-worker utilisation" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars.join('')}</svg>`;
}

function metricsTable(impls: readonly ImplementationResult[]): string {
  const names = impls[0]?.metrics.map((m) => m.metric) ?? [];
  const head = `<tr><th>implementation</th><th>role</th>${names.map((n) => `<th>${escapeHtml(n)}</th>`).join('')}<th>spread</th><th>runs</th></tr>`;
  const body = impls.map((i) => {
    const main = i.metrics[0]!;
    const cells = i.metrics
      .map((m) => `<td class="num">${escapeHtml(formatValue(m.summary.median, m.unit))}</td>`)
      .join('');
    const flagged = i.metrics.some((m) => m.summary.flagged);
    return `<tr><td>${escapeHtml(i.name)}</td><td>${i.role}</td>${cells}<td class="num${flagged ? ' flag' : ''}">${formatPercent(main.summary.spread)}${flagged ? ' !' : ''}</td><td class="num">${main.summary.runs}</td></tr>`;
  });
  return `<table>${head}${body.join('')}</table>`;
}

function scenarioSection(result: ScenarioResult): string {
  const ok = result.implementations.filter((i) => i.metrics.length > 0);
  const failed = result.implementations.filter((i) => i.error !== undefined);
  const skipped = result.implementations.filter((i) => i.skipped !== undefined);
  const parts = [
    `<section><h3>${escapeHtml(result.scenario)}</h3>`,
    `<p class="rule">Counting rule: ${escapeHtml(result.countingRule)}</p>`,
  ];
  if (ok.length > 0) {
    parts.push(result.kind === 'throughput' ? barChart(result, ok) : latencyChart(result, ok));
    parts.push(metricsTable(ok));
    parts.push(utilisationChart(ok));
  }
  for (const k of skipped) {
    parts.push(`<p>Skipped ${escapeHtml(k.name)}: ${escapeHtml(k.skipped!)}</p>`);
  }
  for (const f of failed) {
    parts.push(
      `<p class="flag">FAILED ${escapeHtml(f.name)}: ${escapeHtml(f.error!.split('\n')[0]!)}</p>`,
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

export function renderHtmlReport(
  results: readonly ScenarioResult[],
  machine: MachineInfo,
  command: string,
): string {
  const suites = [...new Set(results.map((r) => r.suite))];
  const body = suites.map(
    (suite) =>
      `<h2>${escapeHtml(suite)}</h2>\n${results
        .filter((r) => r.suite === suite)
        .map(scenarioSection)
        .join('\n')}`,
  );
  const legend = (Object.keys(COLOURS) as Role[])
    .map((r) => `<span class="key" style="background:${COLOURS[r]}"></span>${r}`)
    .join(' ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ZActor benchmarks</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 960px; color: #111; }
h1 { margin-bottom: 0.2em; }
h2 { border-bottom: 1px solid #d1d5db; margin-top: 2em; }
section { margin: 1.5em 0; }
.rule { color: #374151; margin: 0.2em 0 0.6em; }
.chart { display: block; max-width: 100%; height: auto; font-size: 12px; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { padding: 2px 10px; border-bottom: 1px solid #e5e7eb; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.flag { color: #b91c1c; }
.key { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: -1px; }
code { background: #f3f4f6; padding: 1px 4px; }
</style>
</head>
<body>
<h1>ZActor benchmarks</h1>
<p>Node ${escapeHtml(machine.node)} on ${escapeHtml(machine.cpu)}, ${machine.cores} cores, ${escapeHtml(machine.platform)}/${escapeHtml(machine.arch)}, ${escapeHtml(machine.date)}.<br>
Command: <code>${escapeHtml(command)}</code></p>
<p>Each figure is the median of the measured runs; whiskers span the fastest and slowest run, and a
spread ((max - min) / median) above 10% is marked with !. Roles: ${legend}</p>
${body.join('\n')}
</body>
</html>
`;
}
