/**
 * Text for whatever an actor threw, read without ever throwing: `String(value)` throws for an
 * object with no prototype (`Object.create(null)`), one whose `toString` throws, and a revoked
 * proxy, and an `Error`'s `name` or `message` may be a getter that throws or no string at all.
 * The failure paths (supervision, the failure log, a remote child's failure, a failed spawn)
 * read thrown values only through these, so a strange throw cannot escape a turn's `catch`.
 */

/** The value's text: `String(value)`, else its `Object.prototype.toString` tag, else a fixed text. */
export function thrownText(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '[a value with no text]';
    }
  }
}

/** What `thrownParts` reads of a thrown value. */
export interface ThrownParts {
  /** Whether it is an `Error` (its parts were read from it). */
  readonly isError: boolean;
  readonly name: string;
  readonly message: string;
  /** Empty when there is none. */
  readonly stack: string;
}

/** An error's name, message and stack as strings; a non-Error is an `Error` of its text. */
export function thrownParts(value: unknown): ThrownParts {
  try {
    if (value instanceof Error) {
      const { name, message, stack } = value;
      return {
        isError: true,
        name: typeof name === 'string' ? name : 'Error',
        message: typeof message === 'string' ? message : thrownText(message),
        stack: typeof stack === 'string' ? stack : '',
      };
    }
  } catch {
    // A getter threw, or `instanceof` met a revoked proxy: fall back to the value's text.
  }
  return { isError: false, name: 'Error', message: thrownText(value), stack: '' };
}

/** `name: message` for an Error, the text of anything else. */
export function thrownSummary(value: unknown): string {
  const parts = thrownParts(value);
  return parts.isError ? `${parts.name}: ${parts.message}` : parts.message;
}

/** The message of an Error, the text of anything else. */
export function thrownMessage(value: unknown): string {
  return thrownParts(value).message;
}
