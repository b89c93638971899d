import { describe, expect, it } from 'vitest';
import { RingBufferError, RingCorruptError } from '../src/index.js';

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

describe('RingCorruptError', () => {
  it('is a RingBufferError coded RING_CORRUPT that names the fault, the byte and its value', () => {
    const error = new RingCorruptError('MpscRing.drain', 'TYPE_ID', 524, -7, 'type id -7');
    expect(error).toBeInstanceOf(RingBufferError);
    expect(error.name).toBe('RingCorruptError');
    expect(error.code).toBe('RING_CORRUPT');
    expect([error.fault, error.offset, error.value]).toEqual(['TYPE_ID', 524, -7]);
    expect(error.message).toBe(
      '@zactor/ringbuffer/MpscRing.drain: corrupt shared memory at byte 524 (TYPE_ID): type id -7',
    );
  });
});
