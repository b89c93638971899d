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
 * - kind `ENVELOPE_USER`, codec id `CODEC_BLOCK`: the frame is in a shared slab block (see
 *   large-message.ts) and the body is only its reference, drawn at `BLOCK_REF_BYTES`.
 * - kind `ENVELOPE_TAKEN`: handled by the record's consumer already (see below); skipped.
 * - kind `ENVELOPE_SYSTEM`: `sysKind` is a `SysKind` from `sender` to `target`. Most have no
 *   body (watch, unwatch, stop, watched-terminated, child-terminated, resume, suspend); the
 *   supervision messages of remote children carry one (see `SYS_ERROR_HEADER_BYTES` and
 *   `SYS_TOKEN_BYTES`). User envelopes never look at these.
 *
 * Invariants: every envelope starts 8-byte aligned; `24 + pad8(body bytes)` is its size; an
 * envelope never crosses the record's end (a reader that finds one that would refuses the
 * rest of the record). Ids are actor ids (see ref-id.ts): integers below 2^53.
 */
export const RECORD_ENVELOPES = 1;

/**
 * Record types from here up carry a batch for another process (an ActorCluster joined to a
 * network): a worker publishes it into the main thread's ring as `RECORD_RELAY + destination
 * node` (the payload is the same run of envelopes), and the main thread hands it to its
 * network link (see link/relay-link.ts). Destinations are below 2^16, so every such type id
 * is a valid ring type id.
 */
export const RECORD_RELAY = 0x1_0000;

/**
 * Codec id of a message that is a plain number: the body is its f64, with no codec frame
 * (numbers are common and cost nothing to carry). Registered schemas use ids from 1 up.
 */
export const CODEC_NUMBER = 0xffff;

/**
 * Codec id of a large message whose frame is in a shared slab block. The envelope body is the
 * block reference (u32 words, so 4-byte aligned inside the 8-aligned envelope):
 *
 * ```
 *  body  0                     4                     8
 *  +---------------------+---------------------+
 *  | block offset u32    | frame length u32    |
 *  | in the blocks' SAB  | bytes of the frame  |
 *  | BLOCK_TAKEN: freed  | in the block        |
 *  +---------------------+---------------------+
 * ```
 *
 * Invariants: the body is exactly `BLOCK_REF_BYTES`, and only a block reference has an
 * 8-byte frame (a registry frame has a 16-byte header), so a sender tells the two apart by
 * the bytes written. The frame length is at most the block's size. The consumer of the
 * record overwrites the offset with `BLOCK_TAKEN` before it frees the block, so a record
 * handled again (its consumer died mid-record and a new one drains it) cannot free the block
 * twice. Exactly one thread frees each block: the record's consumer, or the sender when it
 * dead-letters its staged batch.
 */
export const CODEC_BLOCK = 0xfffe;
/** Word indices (u32) from the start of the body. */
export const BLOCK_REF_OFFSET = 0;
export const BLOCK_REF_LENGTH = 1;
export const BLOCK_REF_BYTES = 8;
/** An offset no block has (blocks start past the allocator's header). */
export const BLOCK_TAKEN = 0xffffffff;

/**
 * Body of a system envelope that carries an error (`ChildFailed` from a remote child to its
 * parent, `Restart` from the parent back): three UTF-8 strings after a 16-byte header.
 *
 * ```
 *  body  0            4               8             12           16
 *  +------------+---------------+-------------+------------+------------------------------+
 *  | name bytes | message bytes | stack bytes | 0          | name, message, stack (UTF-8) |
 *  | u32        | u32           | u32         | u32        | padded to 8 with the envelope |
 *  +------------+---------------+-------------+------------+------------------------------+
 * ```
 *
 * Invariants: 16 + the three lengths = the envelope's body bytes; the body fits one batch (the
 * sender truncates the stack, then the message, to make it fit); the receiver rebuilds a plain
 * `Error` with that name, message and stack.
 */
export const SYS_ERROR_HEADER_BYTES = 16;
/** Word indices (u32) from the start of an error body. */
export const SYS_ERROR_NAME = 0;
export const SYS_ERROR_MESSAGE = 1;
export const SYS_ERROR_STACK = 2;

/**
 * Body of a `ChildStarted` envelope (from a remote child to its parent): the spawn request's
 * token as one f64 (the `ENV_F64_BODY` word), so the parent matches the child to its request.
 */
export const SYS_TOKEN_BYTES = 8;

export const ENVELOPE_USER = 1;
export const ENVELOPE_SYSTEM = 2;
/**
 * The kind a ring's consumer writes over an envelope's kind byte just before it hands the
 * envelope on (inbound.ts): a record read again because its consumer died in the middle of it
 * (a worker killed in an actor's turn run as the record was read) skips what was delivered
 * already instead of delivering or dead-lettering it a second time. No sender writes it; one
 * that did would have the envelope skipped, uncounted, as a taken block reference is.
 */
export const ENVELOPE_TAKEN = 0xff;

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
