import { describe, expect, it } from 'vitest';
import { compileFilter, scenarioImplId } from '../src/harness/filter.js';

describe('--filter', () => {
  const id = scenarioImplId('ringbuffer', 'SPSC, single', 'locked queue (Atomics mutex)');

  it('matches everything when absent or empty', () => {
    expect(compileFilter(undefined)(id)).toBe(true);
    expect(compileFilter('')(id)).toBe(true);
  });

  it('matches a case-insensitive substring of suite/scenario/implementation', () => {
    expect(compileFilter('spsc, SINGLE')(id)).toBe(true);
    expect(compileFilter('ringbuffer/SPSC')(id)).toBe(true);
    expect(compileFilter('mpmc')(id)).toBe(false);
  });

  it('treats /pattern/flags as a regular expression', () => {
    expect(compileFilter('/^ringbuffer\\/SPSC/')(id)).toBe(true);
    expect(compileFilter('/spsc/')(id)).toBe(false);
    expect(compileFilter('/spsc/i')(id)).toBe(true);
    // The global flag's lastIndex must not make a second test fail.
    const g = compileFilter('/locked/g');
    expect([g(id), g(id)]).toEqual([true, true]);
  });

  it('rejects an invalid regular expression', () => {
    expect(() => compileFilter('/(/')).toThrow(/invalid regular expression/);
  });
});
