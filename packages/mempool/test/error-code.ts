import { MemPoolError, type MemPoolErrorCode } from '../src/index.js';

/** The MemPoolError code `action` threw, or undefined when it returned; rethrows anything else. */
export function codeOf(action: () => unknown): MemPoolErrorCode | undefined {
  try {
    action();
  } catch (error) {
    if (!(error instanceof MemPoolError)) throw error;
    return error.code;
  }
  return undefined;
}
