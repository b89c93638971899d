export type { Codec, Decoder, Encoder } from './codec.js';
export type { CodecBackend, CodecOptions, SchemaCodec } from './compiled-codec.js';
export { CompiledCodec, codec } from './compiled-codec.js';
export { DecodeError, SerializerError } from './errors.js';
export { describeSchema, fnv1a32, schemaFingerprint } from './fingerprint.js';
export type { Infer, InferInput, InferView, TypedArrayOf } from './infer.js';
export type {
  ArraySchema,
  BytesSchema,
  Fields,
  MessageSchema,
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
export { t } from './schema-builders.js';
