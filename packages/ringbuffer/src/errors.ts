/**
 * Every error this package throws is a `RingBufferError` whose message starts with
 * `@zactor/ringbuffer/<where>: `, so a user can tell at a glance which package complained.
 */
export class RingBufferError extends Error {
  override readonly name: string = 'RingBufferError';
  /** Stable machine-readable code, e.g. `INVALID_CAPACITY`. */
  readonly code: string;

  constructor(where: string, code: string, message: string) {
    super(`@zactor/ringbuffer/${where}: ${message}`);
    this.code = code;
  }
}
