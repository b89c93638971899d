/**
 * Numeric array elements: the typed array each kind decodes to, and the copy / alias / write
 * helpers shared by both codec back ends. The wire is little-endian; on a little-endian host a
 * typed array over the same bytes reads the wire directly, otherwise everything goes element by
 * element through DataView.
 */
import type { NumericKind, PrimitiveKind } from './schema.js';

export type AnyTypedArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

interface TypedArrayConstructorLike {
  new (length: number): AnyTypedArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): AnyTypedArray;
}

export interface ElementInfo {
  readonly bytes: 1 | 2 | 4 | 8;
  readonly ctor: TypedArrayConstructorLike;
  /** DataView method names, e.g. `getFloat64` / `setFloat64`. */
  readonly get: string;
  readonly set: string;
}

export const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export const ELEMENTS: Readonly<Record<NumericKind, ElementInfo>> = {
  i8: { bytes: 1, ctor: Int8Array, get: 'getInt8', set: 'setInt8' },
  u8: { bytes: 1, ctor: Uint8Array, get: 'getUint8', set: 'setUint8' },
  i16: { bytes: 2, ctor: Int16Array, get: 'getInt16', set: 'setInt16' },
  u16: { bytes: 2, ctor: Uint16Array, get: 'getUint16', set: 'setUint16' },
  i32: { bytes: 4, ctor: Int32Array, get: 'getInt32', set: 'setInt32' },
  u32: { bytes: 4, ctor: Uint32Array, get: 'getUint32', set: 'setUint32' },
  f32: { bytes: 4, ctor: Float32Array, get: 'getFloat32', set: 'setFloat32' },
  f64: { bytes: 8, ctor: Float64Array, get: 'getFloat64', set: 'setFloat64' },
  i64: { bytes: 8, ctor: BigInt64Array, get: 'getBigInt64', set: 'setBigInt64' },
  u64: { bytes: 8, ctor: BigUint64Array, get: 'getBigUint64', set: 'setBigUint64' },
};

type Getter = (this: DataView, offset: number, littleEndian: boolean) => number | bigint;
type Setter = (
  this: DataView,
  offset: number,
  value: number | bigint,
  littleEndian: boolean,
) => void;

/**
 * Owned copies of arrays and bytes are carved out of shared 16 KiB chunks, the way Node's
 * Buffer pool works: a fresh ArrayBuffer costs ~600 ns in Node 20 (its backing store lives
 * outside the V8 heap), more than the rest of a medium message's decode. The price is that a
 * copy's `.buffer` is the chunk: a surviving copy keeps its chunk alive, and posting a copy
 * with postMessage clones the whole chunk (send `copy.slice()` instead).
 */
const CHUNK_BYTES = 16 * 1024;
/** Larger copies get an ArrayBuffer of their own. */
const CHUNK_MAX_COPY = 2 * 1024;

let chunk = new ArrayBuffer(CHUNK_BYTES);
let chunkUsed = 0;
/** The buffer the last `reserve` took its bytes from. */
let reserved: ArrayBuffer = chunk;

/**
 * Takes `length` fresh non-shared bytes, which the caller overwrites entirely; returns their
 * offset in `reserved`.
 */
function reserve(length: number): number {
  if (length > CHUNK_MAX_COPY) {
    // Not zeroed: every caller fills the whole copy, and zeroing a large buffer first cost
    // about as much as the copy itself (a 256 KiB t.bytes field: 22 us of 54 us).
    reserved = Buffer.allocUnsafeSlow(length).buffer as ArrayBuffer;
    return 0;
  }
  if (chunkUsed + length > CHUNK_BYTES) {
    chunk = new ArrayBuffer(CHUNK_BYTES);
    chunkUsed = 0;
  }
  const at = chunkUsed;
  // Keep every copy 8-byte aligned so any element type can view it.
  chunkUsed = (at + length + 7) & ~7;
  reserved = chunk;
  return at;
}

/** A fresh typed array of `count` elements in pooled memory (see above), ready to be filled. */
export function allocElements(info: ElementInfo, count: number): AnyTypedArray {
  const at = reserve(count * info.bytes);
  return new info.ctor(reserved, at, count);
}

/** Fills `target` with its byte length of wire bytes at `pos` (little-endian hosts only). */
export function fillFromBytes(target: AnyTypedArray, bytes: Uint8Array, pos: number): void {
  new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(
    bytes.subarray(pos, pos + target.byteLength),
  );
}

/** An owned copy of `length` bytes at `start` (bounds already checked). */
export function copyBytes(bytes: Uint8Array, start: number, length: number): Uint8Array {
  const at = reserve(length);
  const out = new Uint8Array(reserved, at, length);
  out.set(bytes.subarray(start, start + length));
  return out;
}

/**
 * An owned copy of `count` elements at `pos` (bounds already checked), in non-shared memory,
 * so it outlives the message buffer. The generated back end inlines a specialised loop instead.
 */
export function copyElements(
  info: ElementInfo,
  view: DataView,
  bytes: Uint8Array,
  pos: number,
  count: number,
): AnyTypedArray {
  const out = allocElements(info, count);
  if (LITTLE_ENDIAN_HOST) {
    fillFromBytes(out, bytes, pos);
    return out;
  }
  const get = (DataView.prototype as unknown as Record<string, Getter>)[info.get]!;
  for (let i = 0; i < count; i++) out[i] = get.call(view, pos + i * info.bytes, true) as never;
  return out;
}

/**
 * A typed array aliasing the buffer when the absolute position is aligned for the element (zero
 * copy), otherwise an owned copy. Bounds already checked.
 */
export function aliasElements(
  info: ElementInfo,
  view: DataView,
  bytes: Uint8Array,
  pos: number,
  count: number,
): AnyTypedArray {
  const at = view.byteOffset + pos;
  if (LITTLE_ENDIAN_HOST && at % info.bytes === 0) return new info.ctor(view.buffer, at, count);
  return copyElements(info, view, bytes, pos, count);
}

/** Above this many elements a matching typed array is copied as bytes instead of one by one. */
export const BULK_COPY_MIN = 64;

/** Writes `count` elements of `source` at `pos` (room already checked). */
export function writeElements(
  info: ElementInfo,
  view: DataView,
  bytes: Uint8Array,
  pos: number,
  source: ArrayLike<number | bigint>,
  count: number,
): void {
  if (LITTLE_ENDIAN_HOST && count >= BULK_COPY_MIN && source instanceof info.ctor) {
    const typed = source as AnyTypedArray;
    bytes.set(new Uint8Array(typed.buffer, typed.byteOffset, count * info.bytes), pos);
    return;
  }
  const set = (DataView.prototype as unknown as Record<string, Setter>)[info.set]!;
  for (let i = 0; i < count; i++) set.call(view, pos + i * info.bytes, source[i]!, true);
}

/** The DataView getter for a scalar kind (`bool` is a byte). */
export function scalarGetter(kind: PrimitiveKind): string {
  return kind === 'bool' ? 'getUint8' : ELEMENTS[kind].get;
}

/** The DataView setter for a scalar kind. */
export function scalarSetter(kind: PrimitiveKind): string {
  return kind === 'bool' ? 'setUint8' : ELEMENTS[kind].set;
}

/** Whether the DataView call takes a littleEndian argument (wider than one byte). */
export function isWide(kind: PrimitiveKind): boolean {
  return kind !== 'bool' && ELEMENTS[kind].bytes > 1;
}
