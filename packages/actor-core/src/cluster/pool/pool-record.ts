/**
 * What a balancing pool's shared queue carries: each record of its `MpmcQueue` (ringbuffer,
 * Vyukov's bounded MPMC queue) holds exactly ONE envelope of the cluster's wire format
 * (wire/envelope-layout.ts), written straight into the claimed cell by the one envelope writer:
 *
 * ```
 *  MpmcQueue cell (the queue's 8-byte header, then `recordBytes` of payload, 8-aligned)
 *  +-----------+--------------------------------------------------------------------+
 *  | seq|claim | payload: one user envelope                                         |
 *  | (queue's) | head u32 | body bytes u32 | target f64 | sender f64 | body ...      |
 *  +-----------+--------------------------------------------------------------------+
 * ```
 *
 * - target: the pool's id (the id of its head actor on the main thread), sender: the original
 *   sender's id or -1. The routee that takes the record replies to that sender directly.
 * - head `POOL_SKIP` (0, no envelope kind): a claimed cell whose message did not fit (the
 *   producer could not un-claim it); consumers release it and skip it.
 * - body: a `CODEC_NUMBER` f64, or a codec frame (starting with its codec id). Large-message
 *   blocks are not used here: a message must fit `recordBytes - ENV_HEADER_BYTES`.
 *
 * Thread contract: `writePoolRecord` by the thread that claimed the cell, between `tryClaim`
 * and `publish`; `readPoolRecord` by the thread that acquired it, between `tryAcquire` and
 * `release`. The queue's sequence word orders the plain stores (release/acquire).
 */
import type { MpmcQueue } from '@zactor/ringbuffer';
import type { ClusterCodec } from '../wire/cluster-codec.js';
import {
  CODEC_NUMBER,
  ENV_F64_BODY,
  ENV_F64_SENDER,
  ENV_HEADER_BYTES,
  ENV_U32_BODY_BYTES,
  ENV_U32_HEAD,
  ENVELOPE_USER,
} from '../wire/envelope-layout.js';
import {
  type EnvelopeBuffer,
  HEAD_USER_NUMBER,
  writeNumberEnvelope,
  writeUserHeader,
} from '../wire/envelope-writer.js';

/** Head word of a claimed cell that carries no message. */
export const POOL_SKIP = 0;

/** Word views of a queue's buffer, made once per thread (the envelope writer's buffer role). */
export class PoolQueueWords implements EnvelopeBuffer {
  readonly queue: MpmcQueue;
  readonly u32: Uint32Array;
  readonly f64: Float64Array;
  readonly capacity: number;
  /** A record's worth of private memory for `fitsPoolRecord`; made on first use. */
  scratch: DataView | null = null;

  constructor(queue: MpmcQueue) {
    this.queue = queue;
    const buffer = queue.buffer;
    this.u32 = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    this.f64 = new Float64Array(buffer, 0, buffer.byteLength >>> 3);
    this.capacity = buffer.byteLength;
  }
}

/**
 * Whether `message` fits a record of `words`' queue: it is encoded into private scratch memory
 * (a number always fits). Throws what the codec throws, as a write into a claimed cell does, so
 * a message that has to wait in a heap for a free cell is refused at `tell` like one that did
 * not wait, and what waits can be written later.
 */
export function fitsPoolRecord(
  words: PoolQueueWords,
  codec: ClusterCodec,
  message: unknown,
): boolean {
  if (typeof message === 'number') return true;
  const bytes = words.queue.recordBytes;
  const scratch = words.scratch ?? (words.scratch = new DataView(new ArrayBuffer(bytes)));
  return codec.encode(message, scratch, ENV_HEADER_BYTES, bytes) >= 0;
}

/**
 * Writes `message` as the envelope of the claimed cell at byte `at`; false when it does not fit
 * (the cell is then marked `POOL_SKIP` and must still be published). Throws only what the
 * codec throws for a message it cannot encode at all.
 */
export function writePoolRecord(
  words: PoolQueueWords,
  codec: ClusterCodec,
  at: number,
  message: unknown,
  target: number,
  sender: number,
): boolean {
  if (typeof message === 'number') {
    writeNumberEnvelope(words, at, message, target, sender);
    return true;
  }
  const queue = words.queue;
  const body = at + ENV_HEADER_BYTES;
  let written = -1;
  try {
    written = codec.encode(message, queue.view, body, at + queue.recordBytes);
  } finally {
    // A throwing codec leaves a cell that must still be published: make it a skip.
    if (written < 0) words.u32[at >>> 2] = POOL_SKIP;
  }
  if (written < 0) return false;
  writeUserHeader(words, at, queue.view.getUint16(body, true), written, target, sender);
  return true;
}

/** What `readPoolRecord` found: a message and its sender id, a skip, or undecodable bytes. */
export type PoolRecordOutcome = 'message' | 'skip' | 'corrupt';

/** Reads the acquired cell at byte `at`; the message and sender are left in `into`. */
export function readPoolRecord(
  words: PoolQueueWords,
  codec: ClusterCodec,
  at: number,
  into: { message: unknown; senderId: number },
): PoolRecordOutcome {
  const w = at >>> 2;
  const head = words.u32[w + ENV_U32_HEAD]!;
  if (head === POOL_SKIP) return 'skip';
  const bodyBytes = words.u32[w + ENV_U32_BODY_BYTES]!;
  // Bytes another thread wrote: the length must fit the record, the kind must be a user one.
  if ((head & 0xff) !== ENVELOPE_USER || bodyBytes > words.queue.recordBytes - ENV_HEADER_BYTES) {
    return 'corrupt';
  }
  into.senderId = words.f64[(at >>> 3) + ENV_F64_SENDER]!;
  if (head === HEAD_USER_NUMBER) {
    if (bodyBytes !== 8) return 'corrupt';
    into.message = words.f64[(at >>> 3) + ENV_F64_BODY]!;
    return 'message';
  }
  if (((head >>> 16) & 0xffff) === CODEC_NUMBER) return 'corrupt';
  try {
    const body = at + ENV_HEADER_BYTES;
    into.message = codec.decode(words.queue.view, body, body + bodyBytes);
    return 'message';
  } catch {
    return 'corrupt';
  }
}
