/**
 * The one wire format of @zactor/remote: every NATS message to a node's inbox subject is one
 * frame, a 24-byte header then a batch of actor-core envelopes (the cross-worker format, see
 * actor-core's wire/envelope-layout.ts), which the receiver hands to its ClusterNode as one
 * `RECORD_ENVELOPES` record.
 *
 * ```
 *  frame (little endian)
 *   0          4       5       6        8            12           16              20          24
 *  +----------+-------+-------+--------+------------+------------+---------------+-----------+-----------
 *  | magic    | ver   | flags | sender | cluster    | codec      | sender        | envelope  | envelopes
 *  | u32      | u8    | u8    | node   | hash u32   | fingerprint| incarnation   | bytes u32 | (8-aligned)
 *  | ZAR1     | 1     | 0     | u16    |            | u32        | u32           |           |
 *  +----------+-------+-------+--------+------------+------------+---------------+-----------+-----------
 * ```
 *
 * Invariants: the header is a multiple of 8, so a frame copied to an 8-aligned buffer keeps
 * every envelope 8-aligned; envelope bytes = frame bytes - 24, a multiple of 8. The receiver
 * checks magic, version, the cluster hash and the codec fingerprint against its own, and the
 * sender (node and incarnation) against its member table, before any envelope is read; the
 * envelopes themselves are then checked by actor-core's inbound (lengths, kinds, ids).
 */
export const FRAME_MAGIC = 0x3152415a; // 'ZAR1' read as a little-endian u32
export const FRAME_VERSION = 1;
export const FRAME_HEADER_BYTES = 24;

const AT_MAGIC = 0;
const AT_VERSION = 4;
const AT_FLAGS = 5;
const AT_SENDER = 6;
const AT_CLUSTER = 8;
const AT_FINGERPRINT = 12;
const AT_INCARNATION = 16;
const AT_BYTES = 20;

/** Who writes a frame: the sender fields of its header. */
export interface FrameSender {
  readonly node: number;
  readonly clusterHash: number;
  readonly fingerprint: number;
  readonly incarnation: number;
}

/** Who wrote a frame, as its header says. */
export interface FrameHeader extends FrameSender {
  /** Bytes of envelopes after the header. */
  readonly envelopeBytes: number;
}

/** Why a frame was refused before any envelope was read. */
export type FrameFault =
  | 'short'
  | 'magic'
  | 'version'
  | 'length'
  | 'cluster'
  | 'fingerprint'
  | 'unknown-sender';

/** What `readFrameHeader` found. */
export type FrameRead =
  | { readonly ok: true; readonly header: FrameHeader }
  | { readonly ok: false; readonly fault: FrameFault };

/**
 * Writes the header of a frame into `view` at 0. Thread contract: the sending node's thread,
 * on a buffer it owns.
 */
export function writeFrameHeader(view: DataView, sender: FrameSender, envelopeBytes: number): void {
  view.setUint32(AT_MAGIC, FRAME_MAGIC, true);
  view.setUint8(AT_VERSION, FRAME_VERSION);
  view.setUint8(AT_FLAGS, 0);
  view.setUint16(AT_SENDER, sender.node, true);
  view.setUint32(AT_CLUSTER, sender.clusterHash, true);
  view.setUint32(AT_FINGERPRINT, sender.fingerprint, true);
  view.setUint32(AT_INCARNATION, sender.incarnation, true);
  view.setUint32(AT_BYTES, envelopeBytes, true);
}

/**
 * Reads and checks the format of a frame header (not yet who sent it: see InboxReceiver).
 * Every field came from the network and is checked; never throws.
 */
export function readFrameHeader(view: DataView, frameBytes: number): FrameRead {
  if (frameBytes < FRAME_HEADER_BYTES) return { ok: false, fault: 'short' };
  if (view.getUint32(AT_MAGIC, true) !== FRAME_MAGIC) return { ok: false, fault: 'magic' };
  if (view.getUint8(AT_VERSION) !== FRAME_VERSION) return { ok: false, fault: 'version' };
  const envelopeBytes = view.getUint32(AT_BYTES, true);
  if (envelopeBytes !== frameBytes - FRAME_HEADER_BYTES || (envelopeBytes & 7) !== 0) {
    return { ok: false, fault: 'length' };
  }
  return {
    ok: true,
    header: {
      node: view.getUint16(AT_SENDER, true),
      clusterHash: view.getUint32(AT_CLUSTER, true),
      fingerprint: view.getUint32(AT_FINGERPRINT, true),
      incarnation: view.getUint32(AT_INCARNATION, true),
      envelopeBytes,
    },
  };
}
