import { describe, expect, it } from 'vitest';
import { SerializerError } from '../src/index.js';

describe('SerializerError', () => {
  it('prefixes its message with the package name and the place that threw', () => {
    const error = new SerializerError(
      'thing.method',
      'BAD_INPUT',
      'capacity (3) must be a power of two',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SerializerError');
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe(
      '@zactor/serializer/thing.method: capacity (3) must be a power of two',
    );
  });
});
