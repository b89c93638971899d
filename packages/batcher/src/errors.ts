/**
 * Every error this package throws is a `BatcherError` whose message starts with
 * `@zactor/batcher/<where>: `, so a user can tell at a glance which package complained.
 */
export class BatcherError extends Error {
  override readonly name: string = 'BatcherError';
  /** Stable machine-readable code, e.g. `INVALID_SIZE`. */
  readonly code: string;

  constructor(where: string, code: string, message: string) {
    super(`@zactor/batcher/${where}: ${message}`);
    this.code = code;
  }
}

/**
 * The `code` values this package uses:
 * - `INVALID_SIZE`: a batch size that is not an integer >= 1.
 * - `INVALID_RANGE`: sizes out of order (min > max, initial outside [min, max]).
 * - `INVALID_TARGET`: a latency or throughput target that is not a finite number > 0.
 * - `INVALID_OPTION`: any other option out of its documented range or of the wrong type.
 * - `INVALID_ARGUMENT`: a bad argument to a method (e.g. `ManualClock.advance(-1)`).
 * - `REENTRANT_CALL`: a method called from inside its own callback where that cannot work.
 */
export type BatcherErrorCode =
  | 'INVALID_SIZE'
  | 'INVALID_RANGE'
  | 'INVALID_TARGET'
  | 'INVALID_OPTION'
  | 'INVALID_ARGUMENT'
  | 'REENTRANT_CALL';
