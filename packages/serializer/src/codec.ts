/**
 * The write half of a codec. Role interface: SizedEncoder and the registry take any Encoder.
 *
 * Not thread-safe in itself: an encoder writes with plain stores. A writer that shares the
 * bytes with another thread publishes them afterwards (e.g. the ring's Atomics.store of the
 * record length) and the reader acquires that before decoding.
 */
export interface Encoder<TIn> {
  /** Exact bytes `encode` will write for `value` (see `encode` for what it throws). */
  sizeOf(value: TIn): number;
  /**
   * Writes `value` at `offset`, never past `end` (default, and for an `end` that is past the
   * view's end or NaN: the view's end). Returns the bytes
   * written, or -1 when they do not fit (the bytes up to `end` may have been scribbled on).
   * Throws EncodeError (code `UNENCODABLE`, naming the type and field path) for a value its
   * schema cannot represent: a wrong type, a missing field, an integer out of range or with a
   * fraction, a fixed array of the wrong length, an unknown union tag. `sizeOf` throws the same
   * for what it reads (strings, bytes, vecs, structs, tags) and never returns NaN.
   */
  encode(value: TIn, view: DataView, offset: number, end?: number): number;
}

/** The read half of a codec. */
export interface Decoder<TOut, TView> {
  /**
   * Reads a plain object from the bytes between `offset` and `end` (default: the view's end).
   * Strings, bytes and arrays are copies, so the result outlives the buffer. Throws DecodeError
   * for bytes that cannot be a valid encoding; never reads outside `[offset, end)`.
   */
  decode(view: DataView, offset: number, end?: number): TOut;
  /**
   * A lazy read-only view: each property is read from the buffer when accessed (zero copy;
   * typed arrays and bytes alias the buffer when aligned). Valid only while those bytes are
   * not reused; a bad field throws DecodeError when it is read.
   */
  view(view: DataView, offset: number, end?: number): TView;
}

/** A compiled codec for one message type. */
export interface Codec<TOut, TIn = TOut, TView = TOut> extends Encoder<TIn>, Decoder<TOut, TView> {
  /** The type name used in error messages. */
  readonly name: string;
  /** FNV-1a fingerprint of the schema (see fingerprint.ts). */
  readonly fingerprint: number;
  /** Encoded size when every value has the same size, else -1. */
  readonly fixedSize: number;
}
