import { describe, expect, it } from 'vitest';
import { SchedulerError } from '../src/index.js';

describe('SchedulerError', () => {
  it('prefixes its message with the package name and the place that threw', () => {
    const error = new SchedulerError(
      'thing.method',
      'BAD_INPUT',
      'capacity (3) must be a power of two',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SchedulerError');
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe(
      '@zactor/scheduler-numa/thing.method: capacity (3) must be a power of two',
    );
  });
});
