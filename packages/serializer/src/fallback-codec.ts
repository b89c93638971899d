/**
 * Role: serializes values that have no registered schema (anything structured-cloneable).
 * `MsgpackrFallbackCodec` is the default (chosen by measurement, see README);
 * `V8FallbackCodec` uses node:v8. A fallback codec instance belongs to one CodecRegistry: the
 * bytes `encode` returns are only valid until its next call.
 */
export interface FallbackCodec {
  /** Names the format; it goes into the fallback fingerprint, so mismatched workers fail loudly. */
  readonly format: string;
  /**
   * Serializes `value`. The returned bytes may alias an internal buffer and are valid until the
   * next `encode` call. Throws SerializerError (code `UNENCODABLE`) for values the format
   * cannot carry, such as functions and symbols, and for shared memory (a SharedArrayBuffer or
   * a view over one: a frame can only carry a copy; see `rejectSharedMemory`).
   */
  encode(value: unknown): Uint8Array;
  /** Deserializes exactly `bytes`. Throws DecodeError (code `INVALID_FALLBACK`) for bad bytes. */
  decode(bytes: Uint8Array): unknown;
}
