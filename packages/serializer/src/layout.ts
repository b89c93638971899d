/**
 * The wire layout, drawn once. Everything is little-endian. Offsets inside a body are relative
 * to the body's first byte (its "base").
 *
 * Registered message frame (MessageCodec, CodecRegistry):
 *
 * ```
 *  0        2        4                 8                 12                16
 *  +--------+--------+-----------------+-----------------+-----------------+---------------
 *  | typeId | flags  | fingerprint u32 | bodyLength u32  | reserved u32    | body ...
 *  |  u16   | u16 =0 | FNV-1a of the   | bytes after the | = 0             | (bodyLength)
 *  |        |        | schema          | header          |                 |
 *  +--------+--------+-----------------+-----------------+-----------------+---------------
 * ```
 *
 * Struct body: a fixed part whose size is known from the schema (every field at a constant
 * offset, in declaration order, no alignment), then a tail holding variable-size data:
 *
 * ```
 *  base                                   base + fixedSize
 *  +--------+------------------+---------+----------------------------------------------+
 *  | u32 id | f64 price | ...  | name    | tail: name bytes | pad | f64 elements | ...   |
 *  |        |                  | off,len |                                              |
 *  +--------+------------------+---|-----+----------------------------------------------+
 *                                  +--> offset of the bytes, relative to base
 * ```
 *
 * Slot of each field kind in the fixed part:
 *   bool, i8, u8: 1   i16, u16: 2   i32, u32, f32: 4   f64, i64, u64: 8
 *   ref:          8   (u32 low word, u32 high word < 2^21)
 *   utf8, bytes:  8   (u32 tail offset, u32 byte length)
 *   vec:          8   (u32 tail offset, u32 element count)
 *   array:        4   (u32 tail offset; the length is in the schema)
 *   struct:       the sum of its fields' slots, inline
 *   optional:     1 + the inner slot (presence byte 0 or 1; the inner slot is zero when absent)
 *   union:        4   (u32 tail offset of a block: u8 variant index, then that variant's fixed part)
 * A message whose root is a union is such a block at base + 0.
 *
 * Invariants:
 * - The tail is written in schema order (depth first), so encoding is one forward pass and the
 *   body length is the final tail cursor.
 * - Array and vec elements start at a tail offset that is a multiple of the element size, so a
 *   view can alias them as a typed array when the base itself is 8-byte aligned (the frame
 *   header is 16 bytes for that reason). Padding bytes are written as zero.
 * - A decoder checks every offset + length against the end of the body before reading; the
 *   fixed part is checked once up front.
 */

/** Frame header fields (byte offsets from the frame start). */
export const HEADER_TYPE_ID = 0;
export const HEADER_FLAGS = 2;
export const HEADER_FINGERPRINT = 4;
export const HEADER_BODY_LENGTH = 8;
export const HEADER_RESERVED = 12;
export const HEADER_BYTES = 16;

/** The largest registrable type id (u16); id 0 is the fallback codec's. */
export const MAX_TYPE_ID = 0xffff;
export const FALLBACK_TYPE_ID = 0;

/** Slot sizes in the fixed part. */
export const REF_SLOT = 8;
export const VARIABLE_SLOT = 8;
export const ARRAY_SLOT = 4;
export const UNION_SLOT = 4;
export const PRESENCE_BYTES = 1;
export const UNION_TAG_BYTES = 1;

/** The high word of a ref holds bits 32..52. */
export const REF_HIGH_MAX = 0x1fffff;

/** Bytes per element (and in-tail alignment) of each scalar kind. */
export const SCALAR_BYTES = {
  bool: 1,
  i8: 1,
  u8: 1,
  i16: 2,
  u16: 2,
  i32: 4,
  u32: 4,
  f32: 4,
  f64: 8,
  i64: 8,
  u64: 8,
} as const;

/** Default size-class limits (bytes of the whole encoded message). */
export const INLINE_MAX_BYTES = 64;
export const BLOCK_MAX_BYTES = 1024;
