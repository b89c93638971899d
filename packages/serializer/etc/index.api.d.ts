/**
 * Role: hands out blocks of one SharedArrayBuffer by offset, so a medium message can be written
 * into a block and only the offset crosses workers. `SizeClassAllocator` from @zactor/mempool
 * satisfies it structurally; the serializer depends only on this interface.
 *
 * Concurrency: the allocator's own contract governs alloc/free from several workers. The bytes
 * of a block are written with plain stores; the writer publishes the block's offset through an
 * Atomics-published record (e.g. a ring), and the reader acquires that record before reading.
 */
interface BlockAllocator {
    /** The buffer every offset points into. */
    readonly buffer: SharedArrayBuffer;
    /** The offset of a block of at least `bytes` bytes, or -1 when none is free. */
    alloc(bytes: number): number;
    /** Gives a block back; the worker that consumed the message calls this. */
    free(offset: number): void;
}
/** What `alloc` returns when it has no block. */
declare const NO_BLOCK = -1;

/**
 * The write half of a codec. Role interface: SizedEncoder and the registry take any Encoder.
 *
 * Not thread-safe in itself: an encoder writes with plain stores. A writer that shares the
 * bytes with another thread publishes them afterwards (e.g. the ring's Atomics.store of the
 * record length) and the reader acquires that before decoding.
 */
interface Encoder<TIn> {
    /** Exact bytes `encode` will write for `value` (see `encode` for what it throws). */
    sizeOf(value: TIn): number;
    /**
     * Writes `value` at `offset`, never past `end` (default, and for an `end` that is past the
     * view's end or NaN: the view's end). Returns the bytes
     * written, or -1 when they do not fit (the bytes up to `end` may have been scribbled on).
     * Throws EncodeError (code `UNENCODABLE`, naming the type and field path) for a value its
     * schema cannot represent: a wrong type, a missing field, an integer out of range or with a
     * fraction, a fixed array of the wrong length, an unknown union tag. `sizeOf` throws the same
     * for what it reads (strings, bytes, vecs, structs, tags) and never returns NaN.
     */
    encode(value: TIn, view: DataView, offset: number, end?: number): number;
}
/** The read half of a codec. */
interface Decoder<TOut, TView> {
    /**
     * Reads a plain object from the bytes between `offset` and `end` (default: the view's end).
     * Strings, bytes and arrays are copies, so the result outlives the buffer. Throws DecodeError
     * for bytes that cannot be a valid encoding; never reads outside `[offset, end)`.
     */
    decode(view: DataView, offset: number, end?: number): TOut;
    /**
     * A lazy read-only view: each property is read from the buffer when accessed (zero copy;
     * typed arrays and bytes alias the buffer when aligned). Valid only while those bytes are
     * not reused; a bad field throws DecodeError when it is read.
     */
    view(view: DataView, offset: number, end?: number): TView;
}
/** A compiled codec for one message type. */
interface Codec<TOut, TIn = TOut, TView = TOut> extends Encoder<TIn>, Decoder<TOut, TView> {
    /** The type name used in error messages. */
    readonly name: string;
    /** FNV-1a fingerprint of the schema (see fingerprint.ts). */
    readonly fingerprint: number;
    /** Encoded size when every value has the same size, else -1. */
    readonly fixedSize: number;
}

/**
 * Schema descriptors: plain frozen objects built with `t` (schema-builders.ts). A codec compiles
 * one of these once; nothing walks a schema on the hot path.
 */
/** Fixed-width scalars. `i64`/`u64` are bigints; all others are numbers except `bool`. */
type PrimitiveKind = 'bool' | 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'f32' | 'f64' | 'i64' | 'u64';
/** Scalars that can be array elements (read back as the matching typed array). */
type NumericKind = Exclude<PrimitiveKind, 'bool'>;
interface PrimitiveSchema<K extends PrimitiveKind = PrimitiveKind> {
    readonly kind: K;
}
/** An opaque non-negative integer below 2^53 (the actor runtime packs refs into one). */
interface RefSchema {
    readonly kind: 'ref';
}
interface Utf8Schema {
    readonly kind: 'utf8';
}
interface BytesSchema {
    readonly kind: 'bytes';
}
/** Exactly `length` elements. */
interface ArraySchema<E extends NumericKind = NumericKind> {
    readonly kind: 'array';
    readonly element: E;
    readonly length: number;
}
/** Any number of elements. */
interface VecSchema<E extends NumericKind = NumericKind> {
    readonly kind: 'vec';
    readonly element: E;
}
interface Fields {
    readonly [name: string]: Schema;
}
interface StructSchema<F extends Fields = Fields> {
    readonly kind: 'struct';
    readonly fields: F;
}
/** Only valid as a struct field: the field may be absent (`undefined`). */
interface OptionalSchema<S extends Schema = Schema> {
    readonly kind: 'optional';
    readonly inner: S;
}
interface Variants {
    readonly [name: string]: StructSchema;
}
/** A tagged union of structs: the value carries `[tag]: <variant name>` next to its fields. */
interface UnionSchema<Tag extends string = string, V extends Variants = Variants> {
    readonly kind: 'union';
    readonly tag: Tag;
    readonly variants: V;
}
type Schema = PrimitiveSchema | RefSchema | Utf8Schema | BytesSchema | ArraySchema | VecSchema | StructSchema | OptionalSchema | UnionSchema;
/** What a codec can be compiled from: a message is a struct or a tagged union of structs. */
type MessageSchema = StructSchema | UnionSchema;

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
interface TypedArrayOf {
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
type RefLike = number | {
    readonly id: number;
};
type Simplify<T> = {
    [K in keyof T]: T[K];
} & {};
type OptionalKeys<F extends Fields> = {
    [K in keyof F]: F[K] extends OptionalSchema ? K : never;
}[keyof F];
type RequiredKeys<F extends Fields> = Exclude<keyof F, OptionalKeys<F>>;
/** 'out': what decode returns; 'in': what encode accepts; 'view': what a lazy view exposes. */
type Mode = 'out' | 'in' | 'view';
type ArrayValue<E extends NumericKind, M extends Mode> = M extends 'in' ? E extends 'i64' | 'u64' ? ArrayLike<bigint> : ArrayLike<number> : TypedArrayOf[E];
type InferFields<F extends Fields, M extends Mode> = M extends 'view' ? {
    readonly [K in RequiredKeys<F>]: InferAs<F[K], M>;
} & {
    readonly [K in OptionalKeys<F>]?: InferAs<F[K], M>;
} : {
    [K in RequiredKeys<F>]: InferAs<F[K], M>;
} & {
    [K in OptionalKeys<F>]?: InferAs<F[K], M>;
};
type InferUnion<Tag extends string, V extends Variants, M extends Mode> = {
    [K in keyof V & string]: Simplify<(M extends 'view' ? {
        readonly [T in Tag]: K;
    } : {
        [T in Tag]: K;
    }) & InferFields<V[K]['fields'], M>>;
}[keyof V & string];
type InferAs<S extends Schema, M extends Mode> = S extends PrimitiveSchema<infer K extends PrimitiveKind> ? PrimitiveValues[K] : S extends RefSchema ? M extends 'in' ? RefLike : number : S extends Utf8Schema ? string : S extends BytesSchema ? Uint8Array : S extends ArraySchema<infer E> | VecSchema<infer E> ? ArrayValue<E, M> : S extends StructSchema<infer F> ? Simplify<InferFields<F, M>> : S extends OptionalSchema<infer I> ? [Schema] extends [I] ? unknown : InferAs<I, M> | undefined : S extends UnionSchema<infer Tag, infer V> ? InferUnion<Tag, V, M> : never;
/** The value `decode` returns for schema `S`. Arrays decode to owned typed arrays. */
type Infer<S extends Schema> = InferAs<S, 'out'>;
/** The value `encode` accepts for schema `S`: arrays may be any `ArrayLike` of the element. */
type InferInput<S extends Schema> = InferAs<S, 'in'>;
/**
 * What a lazy view exposes for schema `S`: read-only properties read from the buffer on access.
 * Typed arrays and `bytes` alias the buffer when alignment allows; do not write through them.
 */
type InferView<S extends Schema> = InferAs<S, 'view'>;

/**
 * How the codec's functions are built. 'generated' emits specialised source and compiles it
 * with `new Function` (the fastest); 'composed' builds the same logic from closures and works
 * where code generation from strings is disallowed; 'auto' (the default) tries 'generated' and
 * falls back to 'composed' on EvalError.
 */
type CodecBackend = 'auto' | 'generated' | 'composed';
interface CodecOptions {
    /** The type name in error messages (default `'Message'`). */
    readonly name?: string;
    readonly backend?: CodecBackend;
}
/**
 * A codec compiled once from a schema. The methods are the back end's functions themselves
 * (own properties), so a call is one direct call with no wrapper in between.
 */
declare class CompiledCodec<TOut, TIn = TOut, TView = TOut> implements Codec<TOut, TIn, TView> {
    readonly schema: MessageSchema;
    readonly name: string;
    readonly fingerprint: number;
    readonly fixedSize: number;
    /** Which back end built the functions. */
    readonly backend: 'generated' | 'composed';
    readonly sizeOf: (value: TIn) => number;
    readonly encode: (value: TIn, view: DataView, offset: number, end?: number) => number;
    readonly decode: (view: DataView, offset: number, end?: number) => TOut;
    readonly view: (view: DataView, offset: number, end?: number) => TView;
    constructor(schema: MessageSchema, options?: CodecOptions);
}
/** The codec compiled from schema `S`, with its value types inferred. */
interface SchemaCodec<S extends MessageSchema> extends CompiledCodec<Infer<S>, InferInput<S>, InferView<S>> {
    readonly schema: S;
}
/** Compiles `schema` into a codec: `const Trade = codec(TradeSchema, { name: 'Trade' })`. */
declare function codec<S extends MessageSchema>(schema: S, options?: CodecOptions): SchemaCodec<S>;

/**
 * Role: serializes values that have no registered schema (anything structured-cloneable).
 * `MsgpackrFallbackCodec` is the default (chosen by measurement, see README);
 * `V8FallbackCodec` uses node:v8. A fallback codec instance belongs to one CodecRegistry: the
 * bytes `encode` returns are only valid until its next call.
 */
interface FallbackCodec {
    /** Names the format; it goes into the fallback fingerprint, so mismatched workers fail loudly. */
    readonly format: string;
    /**
     * Serializes `value`. The returned bytes may alias an internal buffer and are valid until the
     * next `encode` call. Throws SerializerError (code `UNENCODABLE`) for values the format
     * cannot carry, such as functions and symbols, and for shared memory (a SharedArrayBuffer or
     * a view over one: a frame can only carry a copy; see `rejectSharedMemory`).
     */
    encode(value: unknown): Uint8Array;
    /** Deserializes exactly `bytes`. Throws DecodeError (code `INVALID_FALLBACK`) for bad bytes. */
    decode(bytes: Uint8Array): unknown;
}

declare class FallbackMessageCodec implements Codec<unknown> {
    readonly typeId = 0;
    readonly name = "fallback";
    readonly fingerprint: number;
    readonly fixedSize = -1;
    readonly fallback: FallbackCodec;
    private readonly encodeBytes;
    private readonly decodeBytes;
    /**
     * The last value serialized and its bytes: SizedEncoder asks `encode` (inline attempt),
     * `sizeOf` and `encode` again for one message, and only the first should pay for
     * serialization. Cleared by every `encode` that succeeds, so a value mutated and sent again
     * is serialized afresh.
     */
    private lastValue;
    private lastBytes;
    constructor(fallback: FallbackCodec);
    private serialize;
    sizeOf(value: unknown): number;
    encode(value: unknown, view: DataView, offset: number, end?: number): number;
    decode(view: DataView, offset: number, end?: number): unknown;
    /** Fallback values have no lazy form: this decodes. */
    view(view: DataView, offset: number, end?: number): unknown;
    private read;
}

/**
 * A codec behind a 16-byte frame header (type id, schema fingerprint, body length), so a
 * reader can dispatch on the type and refuse bytes written with another version of the schema.
 * CodecRegistry creates these; `registry.decode` dispatches to them.
 */

declare class MessageCodec<TOut, TIn = TOut, TView = TOut> implements Codec<TOut, TIn, TView> {
    readonly typeId: number;
    readonly body: Codec<TOut, TIn, TView>;
    readonly name: string;
    readonly fingerprint: number;
    readonly fixedSize: number;
    constructor(typeId: number, body: Codec<TOut, TIn, TView>);
    /** Header plus body bytes. */
    sizeOf(value: TIn): number;
    /** Writes header and body; -1 when they do not fit before `end`. */
    encode(value: TIn, view: DataView, offset: number, end?: number): number;
    decode(view: DataView, offset: number, end?: number): TOut;
    view(view: DataView, offset: number, end?: number): TView;
    private checkFrame;
}

/**
 * Numeric type ids for message codecs, shared by convention: every worker registers the same
 * ids (1..65535) for the same schemas. Each frame carries its type id and the schema's
 * fingerprint, so `decode` dispatches on the id and refuses a frame written by a worker that
 * registered another version of the schema. Id 0 is the fallback codec's.
 *
 * A registry is per worker (it holds compiled functions, which cannot cross threads); it is
 * not shared memory and has no concurrency contract of its own. Register everything at start-up.
 */

interface CodecRegistryOptions {
    /** The codec for unregistered values (default: a new MsgpackrFallbackCodec). */
    readonly fallback?: FallbackCodec;
}
/** A registered message codec, typed by its schema. */
type RegisteredCodec<S extends MessageSchema> = MessageCodec<Infer<S>, InferInput<S>, InferView<S>>;
declare class CodecRegistry {
    /** Id 0: values without a registered schema. */
    readonly fallback: FallbackMessageCodec;
    private readonly byId;
    constructor(options?: CodecRegistryOptions);
    /**
     * Compiles `schema` and registers it under `typeId` (1..65535). Throws SerializerError when
     * the id is taken or out of range.
     */
    register<S extends MessageSchema>(typeId: number, schema: S, options?: CodecOptions): RegisteredCodec<S>;
    /** Registers an already compiled codec under `typeId`. */
    registerCodec<S extends MessageSchema>(typeId: number, body: SchemaCodec<S>): RegisteredCodec<S>;
    /** The codec registered under `typeId`, or undefined. */
    get(typeId: number): Codec<unknown, never, unknown> | undefined;
    /**
     * The type id of the frame at `offset`, or -1 when fewer than a header's bytes remain before
     * `end`. Does not check the rest of the header.
     */
    typeIdAt(view: DataView, offset: number, end?: number): number;
    /** Header plus body bytes of the frame at `offset`, or -1 when the header is cut short. */
    frameLength(view: DataView, offset: number, end?: number): number;
    /** Decodes the frame at `offset` with the codec its type id names. Throws DecodeError. */
    decode(view: DataView, offset: number, end?: number): unknown;
    /** A lazy view of the frame at `offset` (fallback values are decoded). Throws DecodeError. */
    view(view: DataView, offset: number, end?: number): unknown;
    private codecAt;
}

/**
 * Every error this package throws is a `SerializerError` whose message starts with
 * `@zactor/serializer/<where>: `, so a user can tell at a glance which package complained.
 */
declare class SerializerError extends Error {
    readonly name: string;
    /** Stable machine-readable code, e.g. `INVALID_CAPACITY`. */
    readonly code: string;
    constructor(where: string, code: string, message: string);
}
/**
 * Bytes that cannot be what an encoder wrote: truncated input, a length or offset past the end,
 * an unknown type id or union tag, a schema fingerprint that differs from the reader's, invalid
 * UTF-8. Decoders throw only this (never a RangeError from a DataView), naming the type, the
 * field path (`''` for the message header) and the absolute byte offset in the view.
 */
declare class DecodeError extends SerializerError {
    readonly name: string;
    readonly typeName: string;
    readonly field: string;
    readonly offset: number;
    constructor(where: string, code: string, typeName: string, field: string, offset: number, message: string);
}
/**
 * A value that its schema cannot represent (code `UNENCODABLE`): a wrong type, an integer out
 * of its kind's range or with a fraction, a missing field, a fixed array of the wrong length,
 * an unknown union tag. Names the type, the field path (`items[3].qty`; `''` for the value
 * itself) and what the value was instead, so the message is thrown where it was sent.
 */
declare class EncodeError extends SerializerError {
    readonly name: string;
    readonly typeName: string;
    readonly field: string;
    constructor(where: string, typeName: string, field: string, message: string);
}

/**
 * Schema fingerprints: FNV-1a (32-bit; Fowler, Noll, Vo) over a canonical text description of
 * the schema, so two workers that registered different versions of a type under the same id
 * fail loudly instead of misreading each other's bytes.
 */

/**
 * The canonical description: field names, order and kinds, union tags and variant order.
 * Example: `struct{id:u32,name:utf8,xs:vec<f64>,o:opt<u8>}`.
 */
declare function describeSchema(schema: Schema): string;
/** 32-bit FNV-1a over the UTF-16 code units of `text`, as an unsigned integer. */
declare function fnv1a32(text: string): number;
/** The fingerprint written in a frame header for `schema`. */
declare function schemaFingerprint(schema: Schema): number;

declare const HEADER_BYTES = 16;
/** The largest registrable type id (u16); id 0 is the fallback codec's. */
declare const MAX_TYPE_ID = 65535;
declare const FALLBACK_TYPE_ID = 0;
/** Default size-class limits (bytes of the whole encoded message). */
declare const INLINE_MAX_BYTES = 64;
declare const BLOCK_MAX_BYTES = 1024;

declare class MsgpackrFallbackCodec implements FallbackCodec {
    readonly format = "msgpackr-records-clone-1";
    private readonly packr;
    encode(value: unknown): Uint8Array;
    decode(bytes: Uint8Array): unknown;
}

declare function struct<const F extends Fields>(fields: F): StructSchema<F>;
declare function optional<S extends Schema>(inner: S): OptionalSchema<S>;
declare function array<E extends NumericKind>(element: PrimitiveSchema<E>, length: number): ArraySchema<E>;
declare function vec<E extends NumericKind>(element: PrimitiveSchema<E>): VecSchema<E>;
declare function union<const Tag extends string, const V extends Variants>(tag: Tag, variants: V): UnionSchema<Tag, V>;
/**
 * Schema builders. Compose them and infer the value type with `Infer<typeof S>`:
 *
 * ```ts
 * const Trade = t.struct({ id: t.u32, price: t.f64, qty: t.f64, side: t.u8, ts: t.i64 });
 * type Trade = Infer<typeof Trade>;
 * ```
 */
declare const t: Readonly<{
    bool: PrimitiveSchema<"bool">;
    i8: PrimitiveSchema<"i8">;
    u8: PrimitiveSchema<"u8">;
    i16: PrimitiveSchema<"i16">;
    u16: PrimitiveSchema<"u16">;
    i32: PrimitiveSchema<"i32">;
    u32: PrimitiveSchema<"u32">;
    f32: PrimitiveSchema<"f32">;
    f64: PrimitiveSchema<"f64">;
    /** A bigint in -2^63..2^63-1. */
    i64: PrimitiveSchema<"i64">;
    /** A bigint in 0..2^64-1. */
    u64: PrimitiveSchema<"u64">;
    /** An opaque integer in 0..2^53-1, e.g. a packed actor ref. */
    ref: RefSchema;
    /** A string, UTF-8 on the wire. */
    utf8: Utf8Schema;
    /** A byte string (`Uint8Array`). */
    bytes: BytesSchema;
    struct: typeof struct;
    optional: typeof optional;
    /** Exactly `length` numeric elements, decoded to the matching typed array. */
    array: typeof array;
    /** Any number of numeric elements, decoded to the matching typed array. */
    vec: typeof vec;
    /** A tagged union of structs: `t.union('type', { buy: t.struct(...), sell: t.struct(...) })`. */
    union: typeof union;
}>;

/** Objects the caller's format writes without their properties (e.g. by an extension). */
type OpaqueTest = (x: object) => boolean;
/**
 * Throws SerializerError `UNENCODABLE` (prefixed with `where`) when `value` holds a
 * SharedArrayBuffer or a view over one anywhere a fallback codec would serialize it. Class
 * instances for which `opaque` returns true are not looked into: pass it when the format
 * writes some class by an extension (an actor ref as its id), so the walk does not follow
 * that object's fields through the whole runtime.
 */
declare function rejectSharedMemory(where: string, value: unknown, opaque?: OpaqueTest): void;

/**
 * Where an encoded message lives:
 * - Inline: written straight into the caller's buffer (a ring record), at most `inlineMax`
 *   bytes (64 by default) and within the room the caller offers.
 * - Block: in a block of a shared BlockAllocator, at most `blockMax` bytes (1 KiB by default);
 *   the ring record carries (class, block offset, length) and the consumer frees the block.
 * - Large: in a SharedArrayBuffer of its own, which has to travel out of band (postMessage or
 *   a table of buffers): a ring record cannot hold an object reference.
 */
declare const SizeClass: Readonly<{
    readonly Inline: 0;
    readonly Block: 1;
    readonly Large: 2;
}>;
type SizeClass = (typeof SizeClass)[keyof typeof SizeClass];

/**
 * The consumer's side of size classes: decode a message from whichever home the producer chose
 * and give its block back. Inline messages need no helper: `codec.decode(view, offset,
 * offset + length)` on the ring's bytes.
 *
 * Call only after acquiring (Atomics.load) the record that published the handle.
 */

declare class SizedDecoder {
    readonly allocator: BlockAllocator | undefined;
    /** A DataView over the allocator's buffer, made once. */
    readonly blockView: DataView | undefined;
    constructor(allocator?: BlockAllocator);
    /** Decodes the block message at `blockOffset` and frees the block (even if decoding throws). */
    decodeBlock<TOut>(codec: Decoder<TOut, unknown>, blockOffset: number, length: number): TOut;
    /** A lazy view of the block message; call `release(blockOffset)` once done with it. */
    viewBlock<TView>(codec: Decoder<unknown, TView>, blockOffset: number, length: number): TView;
    /** Frees a block read through `viewBlock`. */
    release(blockOffset: number): void;
    /** Decodes a large message from its own buffer. */
    decodeLarge<TOut>(codec: Decoder<TOut, unknown>, buffer: SharedArrayBuffer, length: number): TOut;
    /** A lazy view of a large message (valid as long as the buffer is kept). */
    viewLarge<TView>(codec: Decoder<unknown, TView>, buffer: SharedArrayBuffer, length: number): TView;
    private requireBlockView;
}

/**
 * Encodes a message into the smallest home that holds it (see size-class.ts) and reports the
 * class and handle in reusable fields, so the hot path allocates nothing for inline and block
 * messages.
 *
 * Flow: try the inline room first (a fixed-size or small message is written in one pass with
 * no size computation), then ask the codec for the exact size and take a block, or a new
 * SharedArrayBuffer when the message is larger than `blockMax` or no block is free.
 *
 * Not thread-safe: one SizedEncoder per producing thread. The bytes are written with plain
 * stores; publish the record that refers to them with an Atomics store afterwards.
 */

interface SizedEncoderOptions {
    /** Where medium messages go; without one they go to their own SharedArrayBuffer. */
    readonly allocator?: BlockAllocator;
    /** The largest inline message in bytes (default 64). */
    readonly inlineMax?: number;
    /** The largest block message in bytes (default 1024). */
    readonly blockMax?: number;
}
declare class SizedEncoder {
    readonly allocator: BlockAllocator | undefined;
    readonly inlineMax: number;
    readonly blockMax: number;
    /** A DataView over the allocator's buffer, made once. */
    readonly blockView: DataView | undefined;
    /** The class chosen by the last `encode`. */
    sizeClass: SizeClass;
    /** Bytes written by the last `encode`. */
    length: number;
    /** Block: the block's offset in `allocator.buffer`; otherwise -1. */
    blockOffset: number;
    /** Large: the buffer holding the message at offset 0; otherwise undefined. */
    largeBuffer: SharedArrayBuffer | undefined;
    constructor(options?: SizedEncoderOptions);
    /**
     * Encodes `value` with `codec`, inline at `offset` in `view` if it fits in
     * `min(capacity, inlineMax)` bytes, else in a block or a large buffer. Returns the class and
     * fills `length` and `blockOffset` / `largeBuffer`. Rethrows the codec's EncodeError for a
     * value its schema cannot represent, after freeing any block it took.
     */
    encode<T>(codec: Encoder<T>, value: T, view: DataView, offset: number, capacity: number): SizeClass;
    private done;
    private sizeMismatch;
}

declare class V8FallbackCodec implements FallbackCodec {
    readonly format = "v8-serialize-1";
    encode(value: unknown): Uint8Array;
    decode(bytes: Uint8Array): unknown;
}

export { type ArraySchema, BLOCK_MAX_BYTES, type BlockAllocator, type BytesSchema, type Codec, type CodecBackend, type CodecOptions, CodecRegistry, type CodecRegistryOptions, CompiledCodec, DecodeError, type Decoder, EncodeError, type Encoder, FALLBACK_TYPE_ID, type FallbackCodec, FallbackMessageCodec, type Fields, HEADER_BYTES, INLINE_MAX_BYTES, type Infer, type InferInput, type InferView, MAX_TYPE_ID, MessageCodec, type MessageSchema, MsgpackrFallbackCodec, NO_BLOCK, type NumericKind, type OpaqueTest, type OptionalSchema, type PrimitiveKind, type PrimitiveSchema, type RefLike, type RefSchema, type RegisteredCodec, type Schema, type SchemaCodec, SerializerError, SizeClass, SizedDecoder, SizedEncoder, type SizedEncoderOptions, type StructSchema, type TypedArrayOf, type UnionSchema, type Utf8Schema, V8FallbackCodec, type Variants, type VecSchema, codec, describeSchema, fnv1a32, rejectSharedMemory, schemaFingerprint, t };
