/**
 * Every error this package throws is a `ActorError` whose message starts with
 * `@zactor/actor-core/<where>: `, so a user can tell at a glance which package complained.
 */
export class ActorError extends Error {
  override readonly name: string = 'ActorError';
  /** Stable machine-readable code, e.g. `INVALID_CAPACITY`. */
  readonly code: string;

  constructor(where: string, code: string, message: string) {
    super(`@zactor/actor-core/${where}: ${message}`);
    this.code = code;
  }
}
