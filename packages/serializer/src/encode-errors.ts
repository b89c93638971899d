/**
 * Builders for the EncodeErrors (code `UNENCODABLE`) that encoders throw for values their schema
 * cannot represent (value-checks.ts has the rules). Kept out of line so the generated and
 * composed encoders stay small: the message is only built once a check has failed.
 */
import { EncodeError, SerializerError } from './errors.js';
import { MAX_REF } from './value-checks.js';

const WHERE = 'codec.encode';

/**
 * What a slot expects, by the `what` an encoder passes: a primitive kind, `ref`, `utf8`,
 * `bytes`, `struct`, `union`, or `<kind>[]` for an array or vec of that element.
 */
function expected(what: string): string {
  switch (what) {
    case 'bool':
      return 'a boolean';
    case 'i8':
      return 'an i8 (an integer in -128..127)';
    case 'u8':
      return 'a u8 (an integer in 0..255)';
    case 'i16':
      return 'an i16 (an integer in -32768..32767)';
    case 'u16':
      return 'a u16 (an integer in 0..65535)';
    case 'i32':
      return 'an i32 (an integer in -2147483648..2147483647)';
    case 'u32':
      return 'a u32 (an integer in 0..4294967295)';
    case 'f32':
    case 'f64':
      return `an ${what} (a number)`;
    case 'i64':
      return 'an i64 (a bigint in -2^63..2^63-1)';
    case 'u64':
      return 'a u64 (a bigint in 0..2^64-1)';
    case 'ref':
      return `a ref (an integer in 0..${MAX_REF}, or an object with such an \`id\`, e.g. an ActorRef)`;
    case 'utf8':
      return 'a string';
    case 'bytes':
      return 'a Uint8Array';
    case 'struct':
    case 'union':
      return 'an object';
    default:
      return `an Array or typed array of ${what.slice(0, -2)} values`;
  }
}

/**
 * A short description of a value's type for a message: numbers, bigints and booleans with
 * their value, strings by length only (they may be anything a user sent) unless `showText`
 * (a union tag), objects by their tag.
 */
export function describeValue(value: unknown, showText = false): string {
  switch (typeof value) {
    case 'number':
      return `number ${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'bigint':
      return `bigint ${value}n`;
    case 'boolean':
      return `boolean ${value}`;
    case 'string':
      return showText && value.length <= 32
        ? `string ${JSON.stringify(value)}`
        : `string of length ${value.length}`;
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `Array of length ${value.length}`;
      const tag = Object.prototype.toString.call(value).slice(8, -1);
      if (ArrayBuffer.isView(value) && 'length' in value) {
        return `${tag} of length ${String(value.length)}`;
      }
      return tag === 'Object' ? 'object' : tag;
    }
    default:
      // undefined, symbol, function
      return typeof value;
  }
}

/** `value` at `field` is not what the slot holds (see `expected` for `what`). */
export function unencodable(
  typeName: string,
  field: string,
  what: string,
  value: unknown,
): EncodeError {
  return new EncodeError(
    WHERE,
    typeName,
    field,
    `expected ${expected(what)}, got ${describeValue(value)}`,
  );
}

/** Element `index` of the array or vec at `field` is not a valid `kind`. */
export function badElement(
  typeName: string,
  field: string,
  index: number,
  kind: string,
  value: unknown,
): EncodeError {
  return unencodable(typeName, `${field}[${index}]`, kind, value);
}

export function badArrayLength(
  typeName: string,
  field: string,
  expectedLength: number,
  value: unknown,
): EncodeError {
  return new EncodeError(
    WHERE,
    typeName,
    field,
    `expected a fixed array of ${expectedLength} elements, got ${describeValue(value)}`,
  );
}

export function badTag(typeName: string, field: string, tag: string, value: unknown): EncodeError {
  return new EncodeError(
    WHERE,
    typeName,
    field,
    `expected ${JSON.stringify(tag)} to name one of the union's variants, got ${describeValue(value, true)}`,
  );
}

export function badOffset(typeName: string, offset: number): SerializerError {
  return new SerializerError(
    WHERE,
    'INVALID_ARGUMENT',
    `${typeName}: offset (${offset}) must be a non-negative integer`,
  );
}
