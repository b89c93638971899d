/**
 * fast-check arbitraries for random schemas and for values of a given schema, in the exact
 * form `decode` returns (typed arrays, optional keys present), so a round trip can be checked
 * with one deep equality.
 */
import fc from 'fast-check';
import {
  type MessageSchema,
  type NumericKind,
  type PrimitiveKind,
  type Schema,
  type StructSchema,
  t,
} from '../../src/index.js';

export const NUMERIC_KINDS: readonly NumericKind[] = [
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
];
export const PRIMITIVE_KINDS: readonly PrimitiveKind[] = ['bool', ...NUMERIC_KINDS];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Strings that survive UTF-8 unchanged (no lone surrogates), ASCII-heavy like real messages. */
export const wellFormedString = (maxLength = 40): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength }),
      fc.string({ unit: 'binary', maxLength }),
      fc.string({ unit: 'grapheme', maxLength }),
    )
    .map((s) => s.replace(LONE_SURROGATE, '\uFFFD'));

const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,6}$/), {
  minLength: 0,
  maxLength: 5,
});

function structFrom(fieldNames: string[], fields: Schema[]): StructSchema {
  const record: Record<string, Schema> = {};
  fieldNames.forEach((name, i) => {
    record[name] = fields[i % fields.length]!;
  });
  return t.struct(record);
}

const leaf: fc.Arbitrary<Schema> = fc.oneof(
  fc.constantFrom(...PRIMITIVE_KINDS).map((kind) => t[kind] as Schema),
  fc.constant(t.ref),
  fc.constant(t.utf8),
  fc.constant(t.bytes),
  fc
    .tuple(fc.constantFrom(...NUMERIC_KINDS), fc.integer({ min: 1, max: 9 }))
    .map(([kind, length]) => t.array(t[kind], length) as Schema),
  fc.constantFrom(...NUMERIC_KINDS).map((kind) => t.vec(t[kind]) as Schema),
);

/** Random schemas up to `depth` levels of nesting (structs, optionals, unions). */
export function schemaArb(depth: number): fc.Arbitrary<Schema> {
  if (depth <= 0) return leaf;
  const inner = schemaArb(depth - 1);
  const struct = structArb(inner);
  return fc.oneof(
    { arbitrary: leaf, weight: 4 },
    { arbitrary: struct, weight: 1 },
    { arbitrary: inner.filter((s) => s.kind !== 'optional').map((s) => t.optional(s)), weight: 1 },
    { arbitrary: unionArb(inner), weight: 1 },
  );
}

function structArb(inner: fc.Arbitrary<Schema>): fc.Arbitrary<StructSchema> {
  return fc
    .tuple(names, fc.array(inner, { minLength: 1, maxLength: 5 }))
    .map(([fieldNames, fields]) => structFrom(fieldNames, fields));
}

function unionArb(inner: fc.Arbitrary<Schema>): fc.Arbitrary<Schema> {
  return fc
    .tuple(
      fc.uniqueArray(fc.stringMatching(/^[a-z]{1,5}$/), { minLength: 1, maxLength: 4 }),
      fc.array(structArb(inner), { minLength: 1, maxLength: 4 }),
    )
    .map(([variantNames, bodies]) => {
      const variants: Record<string, StructSchema> = {};
      variantNames.forEach((name, i) => {
        // The tag is `kind$`-free: strip a field that would collide with it.
        const body = bodies[i % bodies.length]!;
        const { kind: _dropped, ...fields } = body.fields as Record<string, Schema>;
        variants[name] = t.struct(fields);
      });
      return t.union('kind', variants);
    });
}

/** Random message schemas: a struct or a union at the root. */
export function messageSchemaArb(depth = 2): fc.Arbitrary<MessageSchema> {
  const inner = schemaArb(depth - 1);
  return fc.oneof(
    { arbitrary: structArb(inner), weight: 3 },
    { arbitrary: unionArb(inner) as fc.Arbitrary<MessageSchema>, weight: 1 },
  );
}

const TYPED: Record<NumericKind, (max: number) => fc.Arbitrary<ArrayLike<unknown>>> = {
  i8: (n) => fc.int8Array({ minLength: n, maxLength: n }),
  u8: (n) => fc.uint8Array({ minLength: n, maxLength: n }),
  i16: (n) => fc.int16Array({ minLength: n, maxLength: n }),
  u16: (n) => fc.uint16Array({ minLength: n, maxLength: n }),
  i32: (n) => fc.int32Array({ minLength: n, maxLength: n }),
  u32: (n) => fc.uint32Array({ minLength: n, maxLength: n }),
  f32: (n) => fc.float32Array({ minLength: n, maxLength: n }),
  f64: (n) => fc.float64Array({ minLength: n, maxLength: n }),
  i64: (n) => fc.bigInt64Array({ minLength: n, maxLength: n }),
  u64: (n) => fc.bigUint64Array({ minLength: n, maxLength: n }),
};

function scalarArb(kind: PrimitiveKind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'bool':
      return fc.boolean();
    case 'i8':
      return fc.integer({ min: -128, max: 127 });
    case 'u8':
      return fc.integer({ min: 0, max: 255 });
    case 'i16':
      return fc.integer({ min: -32768, max: 32767 });
    case 'u16':
      return fc.integer({ min: 0, max: 65535 });
    case 'i32':
      return fc.integer();
    case 'u32':
      return fc.integer({ min: 0, max: 0xffffffff });
    case 'f32':
      return fc.float();
    case 'f64':
      return fc.double();
    case 'i64':
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    case 'u64':
      return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
  }
}

/** Values of `schema` in decoded form. */
export function valueArb(schema: Schema): fc.Arbitrary<unknown> {
  switch (schema.kind) {
    case 'ref':
      return fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
    case 'utf8':
      return wellFormedString();
    case 'bytes':
      return fc.uint8Array({ maxLength: 24 });
    case 'array':
      return TYPED[schema.element](schema.length);
    case 'vec':
      return fc.integer({ min: 0, max: 12 }).chain((n) => TYPED[schema.element](n));
    case 'struct':
      return fc.record(
        Object.fromEntries(
          Object.entries(schema.fields).map(([name, field]) => [name, valueArb(field)]),
        ),
      );
    case 'optional':
      return fc.option(valueArb(schema.inner), { nil: undefined });
    case 'union':
      return fc.oneof(
        ...Object.entries(schema.variants).map(([name, body]) =>
          (valueArb(body) as fc.Arbitrary<Record<string, unknown>>).map((fields) => ({
            [schema.tag]: name,
            ...fields,
          })),
        ),
      );
    default:
      return scalarArb(schema.kind);
  }
}

/** A message schema together with one of its values. */
export function schemaWithValueArb(
  depth = 2,
): fc.Arbitrary<{ schema: MessageSchema; value: unknown }> {
  return messageSchemaArb(depth).chain((schema) =>
    valueArb(schema).map((value) => ({ schema, value })),
  );
}

/** Reads every field of a lazy view (recursively) into a plain object shaped like `decode`'s. */
export function materialize(schema: Schema, view: unknown): unknown {
  switch (schema.kind) {
    case 'struct': {
      const source = view as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(schema.fields)) {
        out[name] = materialize(field, source[name]);
      }
      return out;
    }
    case 'optional':
      return view === undefined ? undefined : materialize(schema.inner, view);
    case 'union': {
      const source = view as Record<string, unknown>;
      const tag = source[schema.tag] as string;
      const body = schema.variants[tag]!;
      return { [schema.tag]: tag, ...(materialize(body, view) as object) };
    }
    case 'bytes':
      return (view as Uint8Array).slice();
    case 'array':
    case 'vec':
      return (view as { slice(): unknown }).slice();
    default:
      return view;
  }
}
