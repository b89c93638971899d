import { MemPoolError } from './errors.js';
import { REGION_ALIGN } from './layout.js';

/** Whether `n` is an integer power of two no larger than 2^30. */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && n <= 2 ** 30 && (n & (n - 1)) === 0;
}

/** Rounds `n` up to a multiple of `align` (a power of two). */
export function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/** Throws `INVALID_OPTIONS` unless `value` is an integer in `[min, max]`. */
export function requireIntegerInRange(
  where: string,
  name: string,
  value: unknown,
  min: number,
  max: number,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new MemPoolError(
      where,
      'INVALID_OPTIONS',
      `${name} (${String(value)}) must be an integer from ${min} to ${max}`,
    );
  }
  return value;
}

/** Throws `INVALID_OPTIONS` unless `value` is a power of two in `[min, max]`. */
export function requirePowerOfTwo(
  where: string,
  name: string,
  value: unknown,
  min: number,
  max: number,
): number {
  if (typeof value !== 'number' || !isPowerOfTwo(value) || value < min || value > max) {
    throw new MemPoolError(
      where,
      'INVALID_OPTIONS',
      `${name} (${String(value)}) must be a power of two from ${min} to ${max}`,
    );
  }
  return value;
}

/**
 * Checks the arguments of an `attach(buffer, byteOffset)`: a SharedArrayBuffer, an offset on a
 * REGION_ALIGN boundary, and at least `minBytes` bytes from there. Throws `BAD_LAYOUT`.
 */
export function requireAttachable(
  where: string,
  buffer: unknown,
  byteOffset: unknown,
  minBytes: number,
): void {
  if (!(buffer instanceof SharedArrayBuffer)) {
    throw new MemPoolError(where, 'BAD_LAYOUT', 'buffer must be a SharedArrayBuffer');
  }
  if (
    typeof byteOffset !== 'number' ||
    !Number.isInteger(byteOffset) ||
    byteOffset < 0 ||
    byteOffset % REGION_ALIGN !== 0
  ) {
    throw new MemPoolError(
      where,
      'BAD_LAYOUT',
      `byteOffset (${String(byteOffset)}) must be a non-negative multiple of ${REGION_ALIGN}`,
    );
  }
  if (buffer.byteLength - byteOffset < minBytes) {
    throw new MemPoolError(
      where,
      'BAD_LAYOUT',
      `buffer (${buffer.byteLength} bytes) is too small for a header at byteOffset ${byteOffset}`,
    );
  }
}
