import { BatcherError, type BatcherErrorCode } from './errors.js';

// Construction-time checks shared by the classes here. Every check is written so that NaN
// fails it (comparisons with NaN are false), and each throws once with the option's name.

export function fail(where: string, code: BatcherErrorCode, message: string): never {
  throw new BatcherError(where, code, message);
}

/** An integer batch size >= 1. */
export function requireSize(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    fail(where, 'INVALID_SIZE', `${name} (${String(value)}) must be an integer >= 1`);
  }
  return value;
}

/** A finite target > 0. */
export function requireTarget(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0) || value === Number.POSITIVE_INFINITY) {
    fail(where, 'INVALID_TARGET', `${name} (${String(value)}) must be a finite number > 0`);
  }
  return value;
}

/** A number in the range from `low` to `high`; each end is included or not as flagged. */
export function requireInRange(
  where: string,
  name: string,
  value: unknown,
  low: number,
  lowIncluded: boolean,
  high: number,
  highIncluded: boolean,
): number {
  const ok =
    typeof value === 'number' &&
    (lowIncluded ? value >= low : value > low) &&
    (highIncluded ? value <= high : value < high);
  if (!ok) {
    const range = `${lowIncluded ? '[' : '('}${low}, ${high}${highIncluded ? ']' : ')'}`;
    fail(where, 'INVALID_OPTION', `${name} (${String(value)}) must be in ${range}`);
  }
  return value as number;
}

/** A function, e.g. a handler. */
export function requireFunction<F>(where: string, name: string, value: F): F {
  if (typeof value !== 'function') {
    fail(where, 'INVALID_OPTION', `${name} must be a function, got ${typeof value}`);
  }
  return value;
}

/** An options object. */
export function requireObject<O>(where: string, value: O): O {
  if (typeof value !== 'object' || value === null) {
    fail(where, 'INVALID_OPTION', `options must be an object, got ${String(value)}`);
  }
  return value;
}
