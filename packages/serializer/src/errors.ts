/**
 * Every error this package throws is a `SerializerError` whose message starts with
 * `@zactor/serializer/<where>: `, so a user can tell at a glance which package complained.
 */
export class SerializerError extends Error {
  override readonly name: string = 'SerializerError';
  /** Stable machine-readable code, e.g. `INVALID_CAPACITY`. */
  readonly code: string;

  constructor(where: string, code: string, message: string) {
    super(`@zactor/serializer/${where}: ${message}`);
    this.code = code;
  }
}
