/**
 * Every error this package throws is a `RemoteError` whose message starts with
 * `@zactor/remote/<where>: `, and whose `code` is stable and machine-readable.
 *
 * Codes: `INVALID_OPTION`, `CONNECT_FAILED` (no NATS server answered), `JETSTREAM_UNAVAILABLE`
 * (the server runs without JetStream, which member slots and the registry need), `NO_SLOT` (all
 * node indices are taken), `NAME_TAKEN` (another live node has this name), `UNKNOWN_NODE`,
 * `NODE_DOWN`, `SPAWN_FAILED`, `REGISTRY_NAME_TAKEN`, `NOT_RUNNING`, `INCOMPATIBLE_PEER` (a
 * frame or heartbeat of another cluster or codec fingerprint), `CORRUPT_FRAME`.
 */
export class RemoteError extends Error {
  override readonly name: string = 'RemoteError';
  readonly code: string;

  constructor(where: string, code: string, message: string, options?: ErrorOptions) {
    super(`@zactor/remote/${where}: ${message}`, options);
    this.code = code;
  }
}
