/**
 * Schema descriptors: plain frozen objects built with `t` (schema-builders.ts). A codec compiles
 * one of these once; nothing walks a schema on the hot path.
 */

/** Fixed-width scalars. `i64`/`u64` are bigints; all others are numbers except `bool`. */
export type PrimitiveKind =
  | 'bool'
  | 'i8'
  | 'u8'
  | 'i16'
  | 'u16'
  | 'i32'
  | 'u32'
  | 'f32'
  | 'f64'
  | 'i64'
  | 'u64';

/** Scalars that can be array elements (read back as the matching typed array). */
export type NumericKind = Exclude<PrimitiveKind, 'bool'>;

export interface PrimitiveSchema<K extends PrimitiveKind = PrimitiveKind> {
  readonly kind: K;
}

/** An opaque non-negative integer below 2^53 (the actor runtime packs refs into one). */
export interface RefSchema {
  readonly kind: 'ref';
}

export interface Utf8Schema {
  readonly kind: 'utf8';
}

export interface BytesSchema {
  readonly kind: 'bytes';
}

/** Exactly `length` elements. */
export interface ArraySchema<E extends NumericKind = NumericKind> {
  readonly kind: 'array';
  readonly element: E;
  readonly length: number;
}

/** Any number of elements. */
export interface VecSchema<E extends NumericKind = NumericKind> {
  readonly kind: 'vec';
  readonly element: E;
}

export interface Fields {
  readonly [name: string]: Schema;
}

export interface StructSchema<F extends Fields = Fields> {
  readonly kind: 'struct';
  readonly fields: F;
}

/** Only valid as a struct field: the field may be absent (`undefined`). */
export interface OptionalSchema<S extends Schema = Schema> {
  readonly kind: 'optional';
  readonly inner: S;
}

export interface Variants {
  readonly [name: string]: StructSchema;
}

/** A tagged union of structs: the value carries `[tag]: <variant name>` next to its fields. */
export interface UnionSchema<Tag extends string = string, V extends Variants = Variants> {
  readonly kind: 'union';
  readonly tag: Tag;
  readonly variants: V;
}

export type Schema =
  | PrimitiveSchema
  | RefSchema
  | Utf8Schema
  | BytesSchema
  | ArraySchema
  | VecSchema
  | StructSchema
  | OptionalSchema
  | UnionSchema;

/** What a codec can be compiled from: a message is a struct or a tagged union of structs. */
export type MessageSchema = StructSchema | UnionSchema;
