import { RingBufferError } from './errors.js';

/** Whether `n` is an integer power of two (1, 2, 4, ...) that fits a 31-bit signed int. */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && n <= 0x40000000 && (n & (n - 1)) === 0;
}

/**
 * Validates a capacity once, at construction, so hot paths can rely on `& (capacity - 1)`.
 * Throws `RingBufferError` code `INVALID_CAPACITY` naming the caller.
 */
export function assertPowerOfTwo(
  where: string,
  name: string,
  value: number,
  min: number,
  max: number,
): void {
  if (!isPowerOfTwo(value) || value < min || value > max) {
    throw new RingBufferError(
      where,
      'INVALID_CAPACITY',
      `${name} (${String(value)}) must be a power of two between ${min} and ${max}`,
    );
  }
}
