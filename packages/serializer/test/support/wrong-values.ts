/**
 * For the encode-validation properties: where a value of a schema can be made wrong, an oracle
 * that says (independently of src/) which values a schema kind accepts, and arbitraries of
 * values a kind must refuse.
 */
import fc from 'fast-check';
import type { NumericKind, PrimitiveKind, Schema } from '../../src/index.js';

/** Integer kinds and their inclusive ranges. */
const INT_RANGES: Partial<Record<PrimitiveKind, readonly [number, number]>> = {
  i8: [-128, 127],
  u8: [0, 255],
  i16: [-32768, 32767],
  u16: [0, 65535],
  i32: [-(2 ** 31), 2 ** 31 - 1],
  u32: [0, 2 ** 32 - 1],
};

/** Whether a scalar kind (or `ref`) accepts `x`, written from the README's rules. */
export function acceptsScalar(kind: PrimitiveKind | 'ref', x: unknown): boolean {
  switch (kind) {
    case 'bool':
      return typeof x === 'boolean';
    case 'f32':
    case 'f64':
      return typeof x === 'number';
    case 'i64':
      return typeof x === 'bigint' && x >= -(2n ** 63n) && x < 2n ** 63n;
    case 'u64':
      return typeof x === 'bigint' && x >= 0n && x < 2n ** 64n;
    case 'ref': {
      const id = typeof x === 'object' && x !== null ? (x as { id?: unknown }).id : (x as unknown);
      return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
    }
    default: {
      const [min, max] = INT_RANGES[kind]!;
      return typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
    }
  }
}

/** A place in a value where a wrong value can be put, and the error field it must produce. */
export interface MutationPoint {
  readonly container: Record<string | number, unknown>;
  readonly key: string | number;
  /** The field path the error must name. */
  readonly path: string;
  /** What the slot holds: a schema, or an array element of a numeric kind. */
  readonly what: Schema | { readonly kind: 'element'; readonly element: NumericKind };
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/**
 * Every point of `value` (a value of struct or union `schema`, in encode-input form) where a
 * wrong value can be placed. Union tags are points too (what = the union schema, key = tag).
 */
export function mutationPoints(schema: Schema, value: unknown, path: string): MutationPoint[] {
  const out: MutationPoint[] = [];
  const record = value as Record<string, unknown>;
  const fieldsOf = (fields: Readonly<Record<string, Schema>>, base: string) => {
    for (const [name, field] of Object.entries(fields)) {
      const fieldPath = join(base, name);
      out.push({ container: record, key: name, path: fieldPath, what: field });
      out.push(...innerPoints(field, record[name], fieldPath));
    }
  };
  if (schema.kind === 'struct') fieldsOf(schema.fields, path);
  else if (schema.kind === 'union') {
    const tag = record[schema.tag] as string;
    out.push({ container: record, key: schema.tag, path, what: schema });
    fieldsOf(schema.variants[tag]!.fields, path);
  }
  return out;
}

function innerPoints(schema: Schema, value: unknown, path: string): MutationPoint[] {
  switch (schema.kind) {
    case 'struct':
    case 'union':
      return mutationPoints(schema, value, path);
    case 'optional':
      return value === undefined ? [] : innerPoints(schema.inner, value, path);
    case 'vec':
    case 'array': {
      const list = value as unknown[];
      if (!Array.isArray(list)) return [];
      return list.map((_, i) => ({
        container: list as unknown as Record<number, unknown>,
        key: i,
        path: `${path}[${i}]`,
        what: { kind: 'element', element: schema.element } as const,
      }));
    }
    default:
      return [];
  }
}

/** Plain values of every JS type, none of them objects with fields. */
const primitives: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, true, false, Number.NaN, Infinity, -Infinity, -1, 0.5, 2 ** 53),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.string({ maxLength: 8 }),
  fc.constant(Symbol('wrong')),
);

/** Everything, including objects, arrays, typed arrays and ref-like objects. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  primitives,
  fc.anything({ maxDepth: 1 }),
  fc.constantFrom(
    {},
    [1, 2],
    new Int16Array([-1]),
    new Float64Array([1.5]),
    new Uint8Array([1]),
    { id: -1 },
    { id: 1.5 },
    { id: '3' },
    () => 1,
  ),
);

/** Values that the slot described by `what` must refuse (never undefined for an optional). */
export function wrongValueArb(what: MutationPoint['what']): fc.Arbitrary<unknown> {
  switch (what.kind) {
    case 'element':
      return anything.filter((x) => !acceptsScalar(what.element, x));
    case 'optional':
      return wrongValueArb(what.inner).filter((x) => x !== undefined && x !== null);
    case 'struct':
    case 'vec':
    case 'array':
      // An object or array here would be wrong deeper down, at a field or element.
      return primitives;
    case 'union':
      // As a tag: never a variant's name (that would only move the error to a missing field).
      return fc
        .oneof(primitives, fc.constant('no-such-variant'))
        .filter((x) => !(typeof x === 'string' && Object.hasOwn(what.variants, x)));
    case 'utf8':
      return anything.filter((x) => typeof x !== 'string');
    case 'bytes':
      return anything.filter((x) => !(x instanceof Uint8Array));
    default:
      return anything.filter((x) => !acceptsScalar(what.kind, x));
  }
}

/**
 * `value` (decode form: typed arrays) in encode-input form: each typed array becomes a plain
 * array when `plain` says so, so the encoders' element checks run.
 */
export function toInput(schema: Schema, value: unknown, plain: () => boolean): unknown {
  switch (schema.kind) {
    case 'struct': {
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(schema.fields)) {
        out[name] = toInput(field, record[name], plain);
      }
      return out;
    }
    case 'union': {
      const record = value as Record<string, unknown>;
      const tag = record[schema.tag] as string;
      return { [schema.tag]: tag, ...(toInput(schema.variants[tag]!, value, plain) as object) };
    }
    case 'optional':
      return value === undefined ? undefined : toInput(schema.inner, value, plain);
    case 'vec':
    case 'array':
      return plain() ? Array.from(value as ArrayLike<unknown>) : value;
    default:
      return value;
  }
}
