/**
 * Every error this package throws is a `BatcherError` whose message starts with
 * `@zactor/batcher/<where>: `, so a user can tell at a glance which package complained.
 */
export class BatcherError extends Error {
  override readonly name: string = 'BatcherError';
  /** Stable machine-readable code, e.g. `INVALID_CAPACITY`. */
  readonly code: string;

  constructor(where: string, code: string, message: string) {
    super(`@zactor/batcher/${where}: ${message}`);
    this.code = code;
  }
}
