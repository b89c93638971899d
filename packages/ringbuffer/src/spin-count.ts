import { RingBufferError } from './errors.js';

/** Validates a wait strategy's `spins` option (a non-negative integer), or returns the default. */
export function spinCount(where: string, spins: number | undefined, fallback: number): number {
  const value = spins ?? fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new RingBufferError(
      where,
      'INVALID_ARGUMENT',
      `spins (${String(value)}) must be a non-negative integer`,
    );
  }
  return value;
}
