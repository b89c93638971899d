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

interface PrimitiveValues {
  bool: boolean;
  i8: number;
  u8: number;
  i16: number;
  u16: number;
  i32: number;
  u32: number;
  f32: number;
  f64: number;
  i64: bigint;
  u64: bigint;
}

/** The typed array a numeric array or vec decodes to. */
export interface TypedArrayOf {
  i8: Int8Array;
  u8: Uint8Array;
  i16: Int16Array;
  u16: Uint16Array;
  i32: Int32Array;
  u32: Uint32Array;
  f32: Float32Array;
  f64: Float64Array;
  i64: BigInt64Array;
  u64: BigUint64Array;
}

/**
 * What a `t.ref` field accepts on encode: the id itself, or anything carrying it as a numeric
 * `id` (an actor runtime's ActorRef does), written as that id. Decoding gives the number back.
 */
export type RefLike = number | { readonly id: number };

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type OptionalKeys<F extends Fields> = {
  [K in keyof F]: F[K] extends OptionalSchema ? K : never;
}[keyof F];
type RequiredKeys<F extends Fields> = Exclude<keyof F, OptionalKeys<F>>;

/** 'out': what decode returns; 'in': what encode accepts; 'view': what a lazy view exposes. */
type Mode = 'out' | 'in' | 'view';

type ArrayValue<E extends NumericKind, M extends Mode> = M extends 'in'
  ? E extends 'i64' | 'u64'
    ? ArrayLike<bigint>
    : ArrayLike<number>
  : TypedArrayOf[E];

type InferFields<F extends Fields, M extends Mode> = M extends 'view'
  ? { readonly [K in RequiredKeys<F>]: InferAs<F[K], M> } & {
      readonly [K in OptionalKeys<F>]?: InferAs<F[K], M>;
    }
  : { [K in RequiredKeys<F>]: InferAs<F[K], M> } & { [K in OptionalKeys<F>]?: InferAs<F[K], M> };

type InferUnion<Tag extends string, V extends Variants, M extends Mode> = {
  [K in keyof V & string]: Simplify<
    (M extends 'view' ? { readonly [T in Tag]: K } : { [T in Tag]: K }) &
      InferFields<V[K]['fields'], M>
  >;
}[keyof V & string];

type InferAs<S extends Schema, M extends Mode> =
  S extends PrimitiveSchema<infer K extends PrimitiveKind>
    ? PrimitiveValues[K]
    : S extends RefSchema
      ? M extends 'in'
        ? RefLike
        : number
      : S extends Utf8Schema
        ? string
        : S extends BytesSchema
          ? Uint8Array
          : S extends ArraySchema<infer E> | VecSchema<infer E>
            ? ArrayValue<E, M>
            : S extends StructSchema<infer F>
              ? Simplify<InferFields<F, M>>
              : S extends OptionalSchema<infer I>
                ? [Schema] extends [I]
                  ? unknown // a schema typed only as OptionalSchema
                  : InferAs<I, M> | undefined
                : S extends UnionSchema<infer Tag, infer V>
                  ? InferUnion<Tag, V, M>
                  : never;

/** The value `decode` returns for schema `S`. Arrays decode to owned typed arrays. */
export type Infer<S extends Schema> = InferAs<S, 'out'>;

/** The value `encode` accepts for schema `S`: arrays may be any `ArrayLike` of the element. */
export type InferInput<S extends Schema> = InferAs<S, 'in'>;

/**
 * What a lazy view exposes for schema `S`: read-only properties read from the buffer on access.
 * Typed arrays and `bytes` alias the buffer when alignment allows; do not write through them.
 */
export type InferView<S extends Schema> = InferAs<S, 'view'>;
