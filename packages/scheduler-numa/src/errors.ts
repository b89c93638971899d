/**
 * Every error this package throws is a `SchedulerError` whose message starts with
 * `@zactor/scheduler-numa/<where>: `, so a user can tell at a glance which package complained.
 */
export class SchedulerError extends Error {
  override readonly name: string = 'SchedulerError';
  /** Stable machine-readable code, e.g. `INVALID_CAPACITY`. */
  readonly code: string;

  constructor(where: string, code: string, message: string) {
    super(`@zactor/scheduler-numa/${where}: ${message}`);
    this.code = code;
  }
}
