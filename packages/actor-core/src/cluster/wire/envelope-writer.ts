/**
 * Writes envelopes (layout in envelope-layout.ts) at the end of a staging buffer. The one
 * place that writes envelope headers; envelope-reader.ts is the one place that reads them.
 *
 * Thread contract: the staging buffer belongs to the calling thread.
 */
import {
  BLOCK_REF_BYTES,
  BLOCK_REF_LENGTH,
  BLOCK_REF_OFFSET,
  CODEC_BLOCK,
  CODEC_NUMBER,
  ENV_F64_BODY,
  ENV_F64_SENDER,
  ENV_F64_TARGET,
  ENV_HEADER_BYTES,
  ENV_U32_BODY_BYTES,
  ENV_U32_HEAD,
  ENVELOPE_SYSTEM,
  ENVELOPE_USER,
  envelopeBytes,
  envelopeHead,
} from './envelope-layout.js';

/** A heap buffer envelopes are written into, as u32 and f64 words over the same bytes. */
export interface EnvelopeBuffer {
  readonly u32: Uint32Array;
  readonly f64: Float64Array;
  readonly capacity: number;
}

/** Word 0 of a user envelope carrying a bare number. */
export const HEAD_USER_NUMBER = envelopeHead(ENVELOPE_USER, 0, CODEC_NUMBER);
const HEAD_USER_BLOCK = envelopeHead(ENVELOPE_USER, 0, CODEC_BLOCK);

/** Bytes of a user envelope carrying a number. */
export const NUMBER_ENVELOPE_BYTES = envelopeBytes(8);

/** Writes a user envelope whose body is the number `value` at byte `at`; its size. */
export function writeNumberEnvelope(
  buffer: EnvelopeBuffer,
  at: number,
  value: number,
  target: number,
  sender: number,
): number {
  const w = at >>> 2;
  const d = at >>> 3;
  buffer.u32[w + ENV_U32_HEAD] = HEAD_USER_NUMBER;
  buffer.u32[w + ENV_U32_BODY_BYTES] = 8;
  buffer.f64[d + ENV_F64_TARGET] = target;
  buffer.f64[d + ENV_F64_SENDER] = sender;
  buffer.f64[d + ENV_F64_BODY] = value;
  return NUMBER_ENVELOPE_BYTES;
}

/**
 * Writes the header of a user envelope at byte `at` whose body of `bodyBytes` (a codec frame
 * starting with its codec id) is already at `at + ENV_HEADER_BYTES`; the envelope's size.
 */
export function writeUserHeader(
  buffer: EnvelopeBuffer,
  at: number,
  codecId: number,
  bodyBytes: number,
  target: number,
  sender: number,
): number {
  return writeHeader(
    buffer,
    at,
    envelopeHead(ENVELOPE_USER, 0, codecId),
    bodyBytes,
    target,
    sender,
  );
}

/** Writes a user envelope at byte `at` whose body references a frame in a shared block. */
export function writeBlockEnvelope(
  buffer: EnvelopeBuffer,
  at: number,
  block: number,
  frameBytes: number,
  target: number,
  sender: number,
): number {
  const body = (at + ENV_HEADER_BYTES) >>> 2;
  buffer.u32[body + BLOCK_REF_OFFSET] = block;
  buffer.u32[body + BLOCK_REF_LENGTH] = frameBytes;
  return writeHeader(buffer, at, HEAD_USER_BLOCK, BLOCK_REF_BYTES, target, sender);
}

/**
 * Writes the header of a system envelope of `sysKind` at byte `at`; a body of `bodyBytes`
 * (an error body, or the f64 token of `ChildStarted`) is the caller's to write after it.
 */
export function writeSystemHeader(
  buffer: EnvelopeBuffer,
  at: number,
  sysKind: number,
  bodyBytes: number,
  target: number,
  sender: number,
): number {
  return writeHeader(
    buffer,
    at,
    envelopeHead(ENVELOPE_SYSTEM, sysKind, 0),
    bodyBytes,
    target,
    sender,
  );
}

/**
 * The 24-byte header at byte `at`; the envelope's size. (`writeNumberEnvelope` writes its own
 * header inline: it is the hot path, and one call level less keeps it inside V8's inlining
 * budget in `ClusterNode.sendUser`.)
 */
function writeHeader(
  buffer: EnvelopeBuffer,
  at: number,
  head: number,
  bodyBytes: number,
  target: number,
  sender: number,
): number {
  const w = at >>> 2;
  const d = at >>> 3;
  buffer.u32[w + ENV_U32_HEAD] = head;
  buffer.u32[w + ENV_U32_BODY_BYTES] = bodyBytes;
  buffer.f64[d + ENV_F64_TARGET] = target;
  buffer.f64[d + ENV_F64_SENDER] = sender;
  return envelopeBytes(bodyBytes);
}
