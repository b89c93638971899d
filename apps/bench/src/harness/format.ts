/** Number formatting shared by the text tables and the HTML report. */

/** 12_345_678 -> '12.35 M'; values below 1000 keep up to 3 significant digits (no prefix). */
export function formatSi(value: number): string {
  const abs = Math.abs(value);
  const scales: readonly [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, prefix] of scales) {
    if (abs >= scale) return `${(value / scale).toFixed(2)} ${prefix}`;
  }
  return Number.isInteger(value) ? `${value}` : value.toPrecision(3);
}

/** A value with its unit: throughput with SI prefixes, durations in ns/us/ms, bytes plainly. */
export function formatValue(value: number, unit: string): string {
  if (unit === 'ns') {
    if (value < 1e3) return `${Math.round(value)} ns`;
    if (value < 1e6) return `${(value / 1e3).toFixed(2)} us`;
    return `${(value / 1e6).toFixed(2)} ms`;
  }
  if (unit === 's') return `${value.toPrecision(3)} s`;
  if (unit === 'B') return value < 10 ? `${value.toFixed(2)} B` : `${Math.round(value)} B`;
  return `${formatSi(value)} ${unit}`;
}

/** 0.0432 -> '4.3%'. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
