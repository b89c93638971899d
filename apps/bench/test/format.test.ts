import { describe, expect, it } from 'vitest';
import { formatPercent, formatSi, formatValue } from '../src/harness/format.js';

describe('number formatting', () => {
  it('uses SI prefixes for rates', () => {
    expect(formatSi(12_345_678)).toBe('12.35 M');
    expect(formatValue(2_390_000, 'msg/s')).toBe('2.39 M msg/s');
    expect(formatValue(950, 'ops/s')).toBe('950 ops/s');
  });

  it('shows durations in ns, us or ms', () => {
    expect(formatValue(452.4, 'ns')).toBe('452 ns');
    expect(formatValue(34_560, 'ns')).toBe('34.56 us');
    expect(formatValue(2_710_000, 'ns')).toBe('2.71 ms');
  });

  it('shows bytes whole, with decimals below 10', () => {
    expect(formatValue(1313.4, 'B')).toBe('1313 B');
    expect(formatValue(0.25, 'B')).toBe('0.25 B');
  });

  it('shows fractions as percentages', () => {
    expect(formatPercent(0.0432)).toBe('4.3%');
  });
});
