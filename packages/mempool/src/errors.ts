/**
 * Every error this package throws is a `MemPoolError` whose message starts with
 * `@zactor/mempool/<where>: `, so a user can tell at a glance which package complained.
 */
export class MemPoolError extends Error {
  override readonly name: string = 'MemPoolError';
  /** Stable machine-readable code, e.g. `INVALID_CAPACITY`. */
  readonly code: string;

  constructor(where: string, code: string, message: string) {
    super(`@zactor/mempool/${where}: ${message}`);
    this.code = code;
  }
}
