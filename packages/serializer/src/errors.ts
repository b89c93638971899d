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

/**
 * Bytes that cannot be what an encoder wrote: truncated input, a length or offset past the end,
 * an unknown type id or union tag, a schema fingerprint that differs from the reader's, invalid
 * UTF-8. Decoders throw only this (never a RangeError from a DataView), naming the type, the
 * field path (`''` for the message header) and the absolute byte offset in the view.
 */
export class DecodeError extends SerializerError {
  override readonly name: string = 'DecodeError';
  readonly typeName: string;
  readonly field: string;
  readonly offset: number;

  constructor(
    where: string,
    code: string,
    typeName: string,
    field: string,
    offset: number,
    message: string,
  ) {
    const subject = field === '' ? typeName : `${typeName}.${field}`;
    super(where, code, `${subject} at byte ${offset}: ${message}`);
    this.typeName = typeName;
    this.field = field;
    this.offset = offset;
  }
}

/**
 * A value that its schema cannot represent (code `UNENCODABLE`): a wrong type, an integer out
 * of its kind's range or with a fraction, a missing field, a fixed array of the wrong length,
 * an unknown union tag. Names the type, the field path (`items[3].qty`; `''` for the value
 * itself) and what the value was instead, so the message is thrown where it was sent.
 */
export class EncodeError extends SerializerError {
  override readonly name: string = 'EncodeError';
  readonly typeName: string;
  readonly field: string;

  constructor(where: string, typeName: string, field: string, message: string) {
    const subject = field === '' ? typeName : `${typeName}.${field}`;
    super(where, 'UNENCODABLE', `${subject}: ${message}`);
    this.typeName = typeName;
    this.field = field;
  }
}
