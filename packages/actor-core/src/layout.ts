/**
 * The wire format of actor messages between workers. A sender stages messages for one
 * destination in a local buffer and publishes them as ONE record of the destination's inbound
 * MpscRing (record type `RECORD_ENVELOPES`); the record's payload is a run of envelopes:
 *
 * ```
 *  record payload (8-byte aligned, as the ring gives it)
 *  +-------------------+-------------------+-----+
 *  | envelope 0        | envelope 1        | ... |
 *  +-------------------+-------------------+-----+
 *
 *  envelope (little endian)
 *   0       1         2            4              8              16             24
 *  +-------+---------+------------+--------------+--------------+--------------+----------------+
 *  | kind  | sysKind | codec id   | body bytes   | target id    | sender id    | body, padded   |
 *  | u8    | u8      | u16        | u32          | f64          | f64 (-1: no) | to 8 bytes     |
 *  +-------+---------+------------+--------------+--------------+--------------+----------------+
 * ```
 *
 * - kind `ENVELOPE_USER`: body is a frame of the codec registry (codec id 0 = the fallback
 *   codec), or for codec id `CODEC_NUMBER` a bare f64; the receiver decodes it and tells
 *   `target` with `sender`.
 * - kind `ENVELOPE_SYSTEM`: no body; `sysKind` is a `SysKind` (watch, unwatch, stop,
 *   watched-terminated) from `sender` to `target`.
 *
 * Invariants: every envelope starts 8-byte aligned; `24 + pad8(body bytes)` is its size; an
 * envelope never crosses the record's end (a reader that finds one that would refuses the
 * rest of the record). Ids are actor ids (see ref-id.ts): integers below 2^53.
 */
export const RECORD_ENVELOPES = 1;

/**
 * Codec id of a message that is a plain number: the body is its f64, with no codec frame
 * (numbers are common and cost nothing to carry). Registered schemas use ids from 1 up.
 */
export const CODEC_NUMBER = 0xffff;

export const ENVELOPE_USER = 1;
export const ENVELOPE_SYSTEM = 2;

export const ENV_KIND = 0;
export const ENV_SYS_KIND = 1;
export const ENV_CODEC = 2;
export const ENV_BODY_BYTES = 4;
export const ENV_TARGET = 8;
export const ENV_SENDER = 16;
export const ENV_HEADER_BYTES = 24;

/**
 * The same header seen through typed arrays over the record's buffer (the hot paths use these:
 * an envelope is 8-byte aligned, so a header is two u32 words then two f64s). Word 0 packs
 * kind, sysKind and codec id as the little-endian bytes above.
 */
export const ENV_U32_HEAD = 0;
export const ENV_U32_BODY_BYTES = 1;
export const ENV_F64_TARGET = 1;
export const ENV_F64_SENDER = 2;
/** The f64 of a `CODEC_NUMBER` body. */
export const ENV_F64_BODY = 3;

/** Word 0 of an envelope header. */
export function envelopeHead(kind: number, sysKind: number, codec: number): number {
  return (kind | (sysKind << 8) | (codec << 16)) >>> 0;
}

/** Typed arrays use the platform's byte order; the wire format is little endian. */
export const PLATFORM_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Envelope size for a body of `bodyBytes`. */
export function envelopeBytes(bodyBytes: number): number {
  return ENV_HEADER_BYTES + ((bodyBytes + 7) & ~7);
}
