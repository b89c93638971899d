import { describe, expect, it } from 'vitest';
import { BatcherError } from '../src/index.js';

describe('BatcherError', () => {
  it('prefixes its message with the package name and the place that threw', () => {
    const error = new BatcherError(
      'thing.method',
      'BAD_INPUT',
      'capacity (3) must be a power of two',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('BatcherError');
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe('@zactor/batcher/thing.method: capacity (3) must be a power of two');
  });
});
