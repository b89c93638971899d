interface BlockAllocator {
    readonly buffer: SharedArrayBuffer;
    alloc(bytes: number): number;
    free(offset: number): void;
}
declare const NO_BLOCK = -1;
interface Encoder<TIn> {
    sizeOf(value: TIn): number;
    encode(value: TIn, view: DataView, offset: number, end?: number): number;
}
interface Decoder<TOut, TView> {
    decode(view: DataView, offset: number, end?: number): TOut;
    view(view: DataView, offset: number, end?: number): TView;
}
interface Codec<TOut, TIn = TOut, TView = TOut> extends Encoder<TIn>, Decoder<TOut, TView> {
    readonly name: string;
    readonly fingerprint: number;
    readonly fixedSize: number;
}
type PrimitiveKind = "bool" | "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "f32" | "f64" | "i64" | "u64";
type NumericKind = Exclude<PrimitiveKind, "bool">;
interface PrimitiveSchema<K extends PrimitiveKind = PrimitiveKind> {
    readonly kind: K;
}
interface RefSchema {
    readonly kind: "ref";
}
interface Utf8Schema {
    readonly kind: "utf8";
}
interface BytesSchema {
    readonly kind: "bytes";
}
interface ArraySchema<E extends NumericKind = NumericKind> {
    readonly kind: "array";
    readonly element: E;
    readonly length: number;
}
interface VecSchema<E extends NumericKind = NumericKind> {
    readonly kind: "vec";
    readonly element: E;
}
interface Fields {
    readonly [name: string]: Schema;
}
interface StructSchema<F extends Fields = Fields> {
    readonly kind: "struct";
    readonly fields: F;
}
interface OptionalSchema<S extends Schema = Schema> {
    readonly kind: "optional";
    readonly inner: S;
}
interface Variants {
    readonly [name: string]: StructSchema;
}
interface UnionSchema<Tag extends string = string, V extends Variants = Variants> {
    readonly kind: "union";
    readonly tag: Tag;
    readonly variants: V;
}
type Schema = PrimitiveSchema | RefSchema | Utf8Schema | BytesSchema | ArraySchema | VecSchema | StructSchema | OptionalSchema | UnionSchema;
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
type Mode = "out" | "in" | "view";
type ArrayValue<E extends NumericKind, M extends Mode> = M extends "in" ? E extends "i64" | "u64" ? ArrayLike<bigint> : ArrayLike<number> : TypedArrayOf[E];
type InferFields<F extends Fields, M extends Mode> = M extends "view" ? {
    readonly [K in RequiredKeys<F>]: InferAs<F[K], M>;
} & {
    readonly [K in OptionalKeys<F>]?: InferAs<F[K], M>;
} : {
    [K in RequiredKeys<F>]: InferAs<F[K], M>;
} & {
    [K in OptionalKeys<F>]?: InferAs<F[K], M>;
};
type InferUnion<Tag extends string, V extends Variants, M extends Mode> = {
    [K in keyof V & string]: Simplify<(M extends "view" ? {
        readonly [T in Tag]: K;
    } : {
        [T in Tag]: K;
    }) & InferFields<V[K]["fields"], M>>;
}[keyof V & string];
type InferAs<S extends Schema, M extends Mode> = S extends PrimitiveSchema<infer K extends PrimitiveKind> ? PrimitiveValues[K] : S extends RefSchema ? M extends "in" ? RefLike : number : S extends Utf8Schema ? string : S extends BytesSchema ? Uint8Array : S extends ArraySchema<infer E> | VecSchema<infer E> ? ArrayValue<E, M> : S extends StructSchema<infer F> ? Simplify<InferFields<F, M>> : S extends OptionalSchema<infer I> ? [
    Schema
] extends [
    I
] ? unknown : InferAs<I, M> | undefined : S extends UnionSchema<infer Tag, infer V> ? InferUnion<Tag, V, M> : never;
type Infer<S extends Schema> = InferAs<S, "out">;
type InferInput<S extends Schema> = InferAs<S, "in">;
type InferView<S extends Schema> = InferAs<S, "view">;
type CodecBackend = "auto" | "generated" | "composed";
interface CodecOptions {
    readonly name?: string;
    readonly backend?: CodecBackend;
}
declare class CompiledCodec<TOut, TIn = TOut, TView = TOut> implements Codec<TOut, TIn, TView> {
    readonly schema: MessageSchema;
    readonly name: string;
    readonly fingerprint: number;
    readonly fixedSize: number;
    readonly backend: "generated" | "composed";
    readonly sizeOf: (value: TIn) => number;
    readonly encode: (value: TIn, view: DataView, offset: number, end?: number) => number;
    readonly decode: (view: DataView, offset: number, end?: number) => TOut;
    readonly view: (view: DataView, offset: number, end?: number) => TView;
    constructor(schema: MessageSchema, options?: CodecOptions);
}
interface SchemaCodec<S extends MessageSchema> extends CompiledCodec<Infer<S>, InferInput<S>, InferView<S>> {
    readonly schema: S;
}
declare function codec<S extends MessageSchema>(schema: S, options?: CodecOptions): SchemaCodec<S>;
interface FallbackCodec {
    readonly format: string;
    encode(value: unknown): Uint8Array;
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
    private lastValue;
    private lastBytes;
    constructor(fallback: FallbackCodec);
    private serialize;
    sizeOf(value: unknown): number;
    encode(value: unknown, view: DataView, offset: number, end?: number): number;
    decode(view: DataView, offset: number, end?: number): unknown;
    view(view: DataView, offset: number, end?: number): unknown;
    private read;
}
declare class MessageCodec<TOut, TIn = TOut, TView = TOut> implements Codec<TOut, TIn, TView> {
    readonly typeId: number;
    readonly body: Codec<TOut, TIn, TView>;
    readonly name: string;
    readonly fingerprint: number;
    readonly fixedSize: number;
    constructor(typeId: number, body: Codec<TOut, TIn, TView>);
    sizeOf(value: TIn): number;
    encode(value: TIn, view: DataView, offset: number, end?: number): number;
    decode(view: DataView, offset: number, end?: number): TOut;
    view(view: DataView, offset: number, end?: number): TView;
    private checkFrame;
}
interface CodecRegistryOptions {
    readonly fallback?: FallbackCodec;
}
type RegisteredCodec<S extends MessageSchema> = MessageCodec<Infer<S>, InferInput<S>, InferView<S>>;
declare class CodecRegistry {
    readonly fallback: FallbackMessageCodec;
    private readonly byId;
    constructor(options?: CodecRegistryOptions);
    register<S extends MessageSchema>(typeId: number, schema: S, options?: CodecOptions): RegisteredCodec<S>;
    registerCodec<S extends MessageSchema>(typeId: number, body: SchemaCodec<S>): RegisteredCodec<S>;
    get(typeId: number): Codec<unknown, never, unknown> | undefined;
    typeIdAt(view: DataView, offset: number, end?: number): number;
    frameLength(view: DataView, offset: number, end?: number): number;
    decode(view: DataView, offset: number, end?: number): unknown;
    view(view: DataView, offset: number, end?: number): unknown;
    private codecAt;
}
declare class SerializerError extends Error {
    readonly name: string;
    readonly code: string;
    constructor(where: string, code: string, message: string);
}
declare class DecodeError extends SerializerError {
    readonly name: string;
    readonly typeName: string;
    readonly field: string;
    readonly offset: number;
    constructor(where: string, code: string, typeName: string, field: string, offset: number, message: string);
}
declare class EncodeError extends SerializerError {
    readonly name: string;
    readonly typeName: string;
    readonly field: string;
    constructor(where: string, typeName: string, field: string, message: string);
}
declare function describeSchema(schema: Schema): string;
declare function fnv1a32(text: string): number;
declare function schemaFingerprint(schema: Schema): number;
declare const HEADER_BYTES = 16;
declare const MAX_TYPE_ID = 65535;
declare const FALLBACK_TYPE_ID = 0;
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
    i64: PrimitiveSchema<"i64">;
    u64: PrimitiveSchema<"u64">;
    ref: RefSchema;
    utf8: Utf8Schema;
    bytes: BytesSchema;
    struct: typeof struct;
    optional: typeof optional;
    array: typeof array;
    vec: typeof vec;
    union: typeof union;
}>;
type OpaqueTest = (x: object) => boolean;
declare function rejectSharedMemory(where: string, value: unknown, opaque?: OpaqueTest): void;
declare const SizeClass: Readonly<{
    readonly Inline: 0;
    readonly Block: 1;
    readonly Large: 2;
}>;
type SizeClass = (typeof SizeClass)[keyof typeof SizeClass];
declare class SizedDecoder {
    readonly allocator: BlockAllocator | undefined;
    readonly blockView: DataView | undefined;
    constructor(allocator?: BlockAllocator);
    decodeBlock<TOut>(codec: Decoder<TOut, unknown>, blockOffset: number, length: number): TOut;
    viewBlock<TView>(codec: Decoder<unknown, TView>, blockOffset: number, length: number): TView;
    release(blockOffset: number): void;
    decodeLarge<TOut>(codec: Decoder<TOut, unknown>, buffer: SharedArrayBuffer, length: number): TOut;
    viewLarge<TView>(codec: Decoder<unknown, TView>, buffer: SharedArrayBuffer, length: number): TView;
    private requireBlockView;
}
interface SizedEncoderOptions {
    readonly allocator?: BlockAllocator;
    readonly inlineMax?: number;
    readonly blockMax?: number;
}
declare class SizedEncoder {
    readonly allocator: BlockAllocator | undefined;
    readonly inlineMax: number;
    readonly blockMax: number;
    readonly blockView: DataView | undefined;
    sizeClass: SizeClass;
    length: number;
    blockOffset: number;
    largeBuffer: SharedArrayBuffer | undefined;
    constructor(options?: SizedEncoderOptions);
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
