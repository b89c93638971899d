import { thrownParts } from '../thrown.js';

/**
 * An error as it crosses threads: its name, message and stack. A remote child's failure (as a
 * system envelope's body, wire/error-body.ts) and a worker's failure line (node-notices.ts)
 * carry one, and the receiving thread rebuilds a plain `Error` from it.
 */
export interface ErrorParts {
  readonly name: string;
  readonly message: string;
  readonly stack: string;
}

/** The parts of whatever was thrown (a non-Error becomes an `Error` of its text, no stack). */
export function errorParts(error: unknown): ErrorParts {
  const { name, message, stack } = thrownParts(error);
  return { name, message, stack };
}

/** A plain `Error` with those parts; the sender's stack (it says where it failed), not ours. */
export function errorFromParts(parts: ErrorParts): Error {
  const error = new Error(parts.message);
  error.name = parts.name;
  error.stack = parts.stack;
  return error;
}
