import { describe, expect, it } from 'vitest';
import { RingBufferError } from '../src/index.js';

describe('RingBufferError', () => {
  it('prefixes its message with the package name and the place that threw', () => {
    const error = new RingBufferError(
      'thing.method',
      'BAD_INPUT',
      'capacity (3) must be a power of two',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RingBufferError');
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe(
      '@zactor/ringbuffer/thing.method: capacity (3) must be a power of two',
    );
  });
});
