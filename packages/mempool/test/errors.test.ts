import { describe, expect, it } from 'vitest';
import { MemPoolError } from '../src/index.js';

describe('MemPoolError', () => {
  it('prefixes its message with the package name and the place that threw', () => {
    const error = new MemPoolError(
      'thing.method',
      'INVALID_OPTIONS',
      'capacity (3) must be a power of two',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('MemPoolError');
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.message).toBe('@zactor/mempool/thing.method: capacity (3) must be a power of two');
  });
});
