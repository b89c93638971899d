import { describe, expect, it } from 'vitest';
import { ActorError } from '../src/index.js';

describe('ActorError', () => {
  it('prefixes its message with the package name and the place that threw', () => {
    const error = new ActorError(
      'thing.method',
      'BAD_INPUT',
      'capacity (3) must be a power of two',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ActorError');
    expect(error.code).toBe('BAD_INPUT');
    expect(error.message).toBe(
      '@zactor/actor-core/thing.method: capacity (3) must be a power of two',
    );
  });
});
