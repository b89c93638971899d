import { SerializerError } from './errors.js';
import type {
  ArraySchema,
  BytesSchema,
  Fields,
  NumericKind,
  OptionalSchema,
  PrimitiveKind,
  PrimitiveSchema,
  RefSchema,
  Schema,
  StructSchema,
  UnionSchema,
  Utf8Schema,
  Variants,
  VecSchema,
} from './schema.js';

/**
 * Field names end up as property names in generated code and view classes, so they are
 * restricted to plain identifiers; `$` is kept for the view's own slots.
 */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_NAMES = new Set(['constructor', '__proto__', 'prototype', 'toJSON']);
/** One byte of tag on the wire. */
export const MAX_VARIANTS = 256;
/** Keeps `length * 8` and every wire offset well inside a u32. */
export const MAX_ARRAY_LENGTH = 1 << 24;

const NUMERIC_KINDS: ReadonlySet<string> = new Set<NumericKind>([
  'i8',
  'u8',
  'i16',
  'u16',
  'i32',
  'u32',
  'f32',
  'f64',
  'i64',
  'u64',
]);

function invalid(where: string, message: string): SerializerError {
  return new SerializerError(`t.${where}`, 'INVALID_SCHEMA', message);
}

function primitive<K extends PrimitiveKind>(kind: K): PrimitiveSchema<K> {
  return Object.freeze({ kind });
}

function checkFieldName(where: string, name: string): void {
  if (!FIELD_NAME.test(name) || RESERVED_NAMES.has(name)) {
    throw invalid(
      where,
      `field name ${JSON.stringify(name)} must be an identifier of letters, digits and _ (not ${[...RESERVED_NAMES].join(', ')})`,
    );
  }
}

function checkSchema(where: string, value: unknown): asserts value is Schema {
  if (typeof value !== 'object' || value === null || typeof (value as Schema).kind !== 'string') {
    throw invalid(where, `expected a schema built with t.*, got ${String(value)}`);
  }
}

function checkElement(where: string, element: unknown): NumericKind {
  checkSchema(where, element);
  if (!NUMERIC_KINDS.has(element.kind)) {
    throw invalid(where, `array elements must be numeric (i8..u64, f32, f64), got ${element.kind}`);
  }
  return element.kind as NumericKind;
}

function struct<const F extends Fields>(fields: F): StructSchema<F> {
  if (typeof fields !== 'object' || fields === null) throw invalid('struct', 'expected an object');
  const copy: Record<string, Schema> = {};
  for (const name of Object.keys(fields)) {
    checkFieldName('struct', name);
    const field = fields[name];
    checkSchema('struct', field);
    copy[name] = field;
  }
  return Object.freeze({ kind: 'struct', fields: Object.freeze(copy) as F });
}

function optional<S extends Schema>(inner: S): OptionalSchema<S> {
  checkSchema('optional', inner);
  if (inner.kind === 'optional') throw invalid('optional', 'an optional cannot wrap an optional');
  return Object.freeze({ kind: 'optional', inner });
}

function array<E extends NumericKind>(element: PrimitiveSchema<E>, length: number): ArraySchema<E> {
  const kind = checkElement('array', element) as E;
  if (!Number.isInteger(length) || length < 1 || length > MAX_ARRAY_LENGTH) {
    throw invalid('array', `length (${length}) must be an integer in 1..${MAX_ARRAY_LENGTH}`);
  }
  return Object.freeze({ kind: 'array', element: kind, length });
}

function vec<E extends NumericKind>(element: PrimitiveSchema<E>): VecSchema<E> {
  const kind = checkElement('vec', element) as E;
  return Object.freeze({ kind: 'vec', element: kind });
}

function union<const Tag extends string, const V extends Variants>(
  tag: Tag,
  variants: V,
): UnionSchema<Tag, V> {
  checkFieldName('union', tag);
  if (typeof variants !== 'object' || variants === null) {
    throw invalid('union', 'expected an object of variants');
  }
  const names = Object.keys(variants);
  if (names.length < 1 || names.length > MAX_VARIANTS) {
    throw invalid('union', `a union needs 1..${MAX_VARIANTS} variants, got ${names.length}`);
  }
  const copy: Record<string, StructSchema> = {};
  for (const name of names) {
    const variant = variants[name];
    checkSchema('union', variant);
    if (variant.kind !== 'struct') {
      throw invalid('union', `variant ${JSON.stringify(name)} must be a t.struct`);
    }
    if (Object.hasOwn(variant.fields, tag)) {
      throw invalid(
        'union',
        `variant ${JSON.stringify(name)} has a field named like the tag "${tag}"`,
      );
    }
    copy[name] = variant;
  }
  return Object.freeze({ kind: 'union', tag, variants: Object.freeze(copy) as V });
}

/**
 * Schema builders. Compose them and infer the value type with `Infer<typeof S>`:
 *
 * ```ts
 * const Trade = t.struct({ id: t.u32, price: t.f64, qty: t.f64, side: t.u8, ts: t.i64 });
 * type Trade = Infer<typeof Trade>;
 * ```
 */
export const t = Object.freeze({
  bool: primitive('bool'),
  i8: primitive('i8'),
  u8: primitive('u8'),
  i16: primitive('i16'),
  u16: primitive('u16'),
  i32: primitive('i32'),
  u32: primitive('u32'),
  f32: primitive('f32'),
  f64: primitive('f64'),
  /** A bigint in -2^63..2^63-1. */
  i64: primitive('i64'),
  /** A bigint in 0..2^64-1. */
  u64: primitive('u64'),
  /** An opaque integer in 0..2^53-1, e.g. a packed actor ref. */
  ref: Object.freeze({ kind: 'ref' }) as RefSchema,
  /** A string, UTF-8 on the wire. */
  utf8: Object.freeze({ kind: 'utf8' }) as Utf8Schema,
  /** A byte string (`Uint8Array`). */
  bytes: Object.freeze({ kind: 'bytes' }) as BytesSchema,
  struct,
  optional,
  /** Exactly `length` numeric elements, decoded to the matching typed array. */
  array,
  /** Any number of numeric elements, decoded to the matching typed array. */
  vec,
  /** A tagged union of structs: `t.union('type', { buy: t.struct(...), sell: t.struct(...) })`. */
  union,
});
