/**
 * What each scalar kind accepts on the write path. The rules exist twice, as source text for the
 * generated back end (inlined into its straight-line code) and as predicates for the composed
 * back end; a test runs both over the same values so they cannot drift apart.
 *
 * Each check is one `typeof`, plus for the integer kinds one bit operation that is the identity
 * exactly on the kind's range (`(x & 0xffff) === x` holds only for integers in 0..65535), so an
 * out-of-range or fractional number is refused instead of being wrapped or truncated the way a
 * DataView setter would. NaN fails every integer check. 64-bit kinds take bigints in range
 * (`BigInt.asIntN(64, x) === x`, measured as cheap as the typeof alone). Floats take any number:
 * f32 rounds to the nearest float32 (beyond its range: ±Infinity), as Float32Array does.
 */
import type { PrimitiveKind } from './schema.js';

/** The largest ref: the wire keeps refs below 2^53 (see layout.ts). */
export const MAX_REF = 2 ** 53 - 1;

/** JS source, true when the identifier `x` holds a valid value of `kind`. */
export function scalarCheckSource(kind: PrimitiveKind, x: string): string {
  switch (kind) {
    case 'bool':
      return `typeof ${x} === 'boolean'`;
    case 'i8':
      return `typeof ${x} === 'number' && ((${x} << 24) >> 24) === ${x}`;
    case 'u8':
      return `typeof ${x} === 'number' && (${x} & 255) === ${x}`;
    case 'i16':
      return `typeof ${x} === 'number' && ((${x} << 16) >> 16) === ${x}`;
    case 'u16':
      return `typeof ${x} === 'number' && (${x} & 65535) === ${x}`;
    case 'i32':
      return `typeof ${x} === 'number' && (${x} | 0) === ${x}`;
    case 'u32':
      return `typeof ${x} === 'number' && ${x} >>> 0 === ${x}`;
    case 'f32':
    case 'f64':
      return `typeof ${x} === 'number'`;
    case 'i64':
      return `typeof ${x} === 'bigint' && BigInt.asIntN(64, ${x}) === ${x}`;
    case 'u64':
      return `typeof ${x} === 'bigint' && BigInt.asUintN(64, ${x}) === ${x}`;
  }
}

type Check = (x: unknown) => boolean;

/** The same rules as `scalarCheckSource`, as functions. */
export const SCALAR_CHECKS: Readonly<Record<PrimitiveKind, Check>> = {
  bool: (x) => typeof x === 'boolean',
  i8: (x) => typeof x === 'number' && (x << 24) >> 24 === x,
  u8: (x) => typeof x === 'number' && (x & 255) === x,
  i16: (x) => typeof x === 'number' && (x << 16) >> 16 === x,
  u16: (x) => typeof x === 'number' && (x & 65535) === x,
  i32: (x) => typeof x === 'number' && (x | 0) === x,
  u32: (x) => typeof x === 'number' && x >>> 0 === x,
  f32: (x) => typeof x === 'number',
  f64: (x) => typeof x === 'number',
  i64: (x) => typeof x === 'bigint' && BigInt.asIntN(64, x) === x,
  u64: (x) => typeof x === 'bigint' && BigInt.asUintN(64, x) === x,
};

/**
 * The id an object in a `t.ref` field stands for: its numeric `id` (an ActorRef has one), else
 * NaN, which no ref check accepts. Numbers are handled inline before this is called.
 */
export function refObjectId(x: unknown): number {
  if (typeof x !== 'object' || x === null) return Number.NaN;
  const id = (x as { readonly id?: unknown }).id;
  return typeof id === 'number' ? id : Number.NaN;
}

/** JS source, true when the number in identifier `r` is a valid ref id. */
export function refCheckSource(r: string): string {
  return `${r} >= 0 && ${r} <= ${MAX_REF} && Math.floor(${r}) === ${r}`;
}

/** The same rule as `refCheckSource`. */
export function isRefId(r: number): boolean {
  return r >= 0 && r <= MAX_REF && Math.floor(r) === r;
}

/** Whether `n` (an array-like's `length`) can be an element count. */
export function isCount(n: unknown): n is number {
  return typeof n === 'number' && n >>> 0 === n;
}
