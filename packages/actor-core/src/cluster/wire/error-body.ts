/**
 * The error a remote child failed with, as it crosses to its parent's worker (and back with a
 * restart): name, message and stack in a system envelope's body (drawn in layout.ts at
 * `SYS_ERROR_HEADER_BYTES`). The receiver gets a plain `Error`: a decider that tests
 * `instanceof` of its own error class sees an `Error`; `error.name` and `error.message` survive.
 *
 * Thread contract: plain functions; the bytes belong to the calling thread's batch or ring
 * record (already acquired by the ring's drain).
 */

import { errorFromParts, errorParts } from '../error-parts.js';
import {
  SYS_ERROR_HEADER_BYTES,
  SYS_ERROR_MESSAGE,
  SYS_ERROR_NAME,
  SYS_ERROR_STACK,
} from './envelope-layout.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Longest name and message kept (bytes); the stack takes what is left of the limit. */
const NAME_LIMIT = 256;
const MESSAGE_LIMIT = 4096;
const STACK_LIMIT = 8192;

/**
 * Encodes `error` into a new array of at most `limit` bytes (at least `SYS_ERROR_HEADER_BYTES`):
 * the stack is cut first, then the message, so a failure always crosses. Allocates: failures
 * are rare.
 */
export function encodeErrorBody(error: unknown, limit: number): Uint8Array {
  const { name, message, stack } = errorParts(error);
  let room = Math.max(0, limit - SYS_ERROR_HEADER_BYTES);
  const n = encoder.encode(name).subarray(0, Math.min(NAME_LIMIT, room));
  room -= n.length;
  const m = encoder.encode(message).subarray(0, Math.min(MESSAGE_LIMIT, room));
  room -= m.length;
  const s = encoder.encode(stack).subarray(0, Math.min(STACK_LIMIT, room));
  const body = new Uint8Array(SYS_ERROR_HEADER_BYTES + n.length + m.length + s.length);
  const view = new DataView(body.buffer);
  view.setUint32(SYS_ERROR_NAME * 4, n.length, true);
  view.setUint32(SYS_ERROR_MESSAGE * 4, m.length, true);
  view.setUint32(SYS_ERROR_STACK * 4, s.length, true);
  let at = SYS_ERROR_HEADER_BYTES;
  body.set(n, at);
  body.set(m, (at += n.length));
  body.set(s, at + m.length);
  return body;
}

/** Rebuilds the error of a body; a body whose lengths do not add up gives a generic Error. */
export function decodeErrorBody(body: Uint8Array): Error {
  return readErrorBody(body) ?? new Error('(undecodable remote error)');
}

/**
 * Rebuilds the error of a body, or undefined when the body is not one `encodeErrorBody` writes:
 * shorter than the header, or lengths that do not add up to exactly its size (the lengths are
 * read from another thread's bytes, so they are summed in doubles, where they cannot wrap).
 */
export function readErrorBody(body: Uint8Array): Error | undefined {
  if (body.length < SYS_ERROR_HEADER_BYTES) return undefined;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const nameBytes = view.getUint32(SYS_ERROR_NAME * 4, true);
  const messageBytes = view.getUint32(SYS_ERROR_MESSAGE * 4, true);
  const stackBytes = view.getUint32(SYS_ERROR_STACK * 4, true);
  if (SYS_ERROR_HEADER_BYTES + nameBytes + messageBytes + stackBytes !== body.length) {
    return undefined;
  }
  let at = SYS_ERROR_HEADER_BYTES;
  const name = decoder.decode(body.subarray(at, (at += nameBytes)));
  const message = decoder.decode(body.subarray(at, (at += messageBytes)));
  const stack = decoder.decode(body.subarray(at, at + stackBytes));
  return errorFromParts({ name, message, stack });
}
