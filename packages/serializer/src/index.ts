export type { BlockAllocator } from './block-allocator.js';
export { NO_BLOCK } from './block-allocator.js';
export type { Codec, Decoder, Encoder } from './codec.js';
export type { CodecRegistryOptions, RegisteredCodec } from './codec-registry.js';
export { CodecRegistry } from './codec-registry.js';
export type { CodecBackend, CodecOptions, SchemaCodec } from './compiled-codec.js';
export { CompiledCodec, codec } from './compiled-codec.js';
export { DecodeError, EncodeError, SerializerError } from './errors.js';
export type { FallbackCodec } from './fallback-codec.js';
export { FallbackMessageCodec } from './fallback-message-codec.js';
export { describeSchema, fnv1a32, schemaFingerprint } from './fingerprint.js';
export type { Infer, InferInput, InferView, RefLike, TypedArrayOf } from './infer.js';
export {
  BLOCK_MAX_BYTES,
  FALLBACK_TYPE_ID,
  HEADER_BYTES,
  INLINE_MAX_BYTES,
  MAX_TYPE_ID,
} from './layout.js';
export { MessageCodec } from './message-codec.js';
export { MsgpackrFallbackCodec } from './msgpackr-fallback-codec.js';
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
export type { OpaqueTest } from './shared-memory-check.js';
export { rejectSharedMemory } from './shared-memory-check.js';
export { SizeClass } from './size-class.js';
export { SizedDecoder } from './sized-decoder.js';
export type { SizedEncoderOptions } from './sized-encoder.js';
export { SizedEncoder } from './sized-encoder.js';
export { V8FallbackCodec } from './v8-fallback-codec.js';
