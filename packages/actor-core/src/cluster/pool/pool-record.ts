/**
 * What a balancing pool's shared queue carries: each record of its `MpmcQueue` (ringbuffer,
 * Vyukov's bounded MPMC queue) holds exactly ONE envelope of the cluster's wire format
 * (wire/envelope-layout.ts), encoded first into the producer's scratch record, then copied
 * into the claimed cell:
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
 * - head `POOL_SKIP` (0, no envelope kind): a claimed cell that carries no message (a write
 *   that failed; a producer cannot un-claim a cell); consumers release it and skip it.
 * - body: a `CODEC_NUMBER` f64, or a codec frame (starting with its codec id). Large-message
 *   blocks are not used here: a message must fit `recordBytes - ENV_HEADER_BYTES`.
 *
 * Thread contract: `stagePoolRecord` by a producer before it claims a cell (its own scratch
 * memory), `writeStagedRecord` by the thread that claimed the cell, between `tryClaim` and
 * `publish`; `readPoolRecord` by the thread that acquired it, between `tryAcquire` and
 * `release`. The queue's sequence word orders the plain stores (release/acquire).
 */
import type { MpmcQueue, MpmcThreadSlot } from '@zactor/ringbuffer';
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
  /**
   * This thread's slot in the pool's claim log (the queue's tryClaim/tryAcquire note their
   * positions there, so what a dead worker left half done is finished: pool-orphans.ts).
   */
  readonly slot: MpmcThreadSlot;
  readonly u32: Uint32Array;
  readonly f64: Float64Array;
  readonly capacity: number;
  /**
   * A record's worth of this thread's private memory, where `stagePoolRecord` encodes a message
   * before a cell is claimed (word and byte views of one buffer); made on first use.
   */
  scratchWords: Uint32Array | null = null;
  scratchView: DataView | null = null;
  /** A stage is encoding into the scratch (a tell from inside the codec must not use it). */
  staging = false;

  constructor(queue: MpmcQueue, slot: MpmcThreadSlot) {
    this.queue = queue;
    this.slot = slot;
    const buffer = queue.buffer;
    this.u32 = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    this.f64 = new Float64Array(buffer, 0, buffer.byteLength >>> 3);
    this.capacity = buffer.byteLength;
  }
}

/** `stagePoolRecord`'s answer for a number: nothing staged, it is written as it is. */
export const STAGED_NUMBER = 0;

/**
 * Encodes `message` into this thread's scratch record (`words.scratchWords`), before any cell is
 * claimed: the body's length in bytes, STAGED_NUMBER for a number (written directly), or -1 when
 * it does not fit a record. Throws what the codec throws (ActorError UNENCODABLE).
 *
 * Why stage: the codec runs user code (a message's getters, a fallback's serializer). Run
 * between `tryClaim` and `publish`, a getter that never returns, or a worker killed in it as
 * hung, left a claimed cell that was never published, and every record behind it unreachable.
 * Staged, the claimed window holds a word copy and the header stores only.
 */
export function stagePoolRecord(
  words: PoolQueueWords,
  codec: ClusterCodec,
  message: unknown,
): number {
  if (typeof message === 'number') return STAGED_NUMBER;
  let view = words.scratchView;
  if (view === null) {
    const buffer = new ArrayBuffer(words.queue.recordBytes);
    view = words.scratchView = new DataView(buffer);
    words.scratchWords = new Uint32Array(buffer);
  }
  words.staging = true;
  try {
    return codec.encode(message, view, ENV_HEADER_BYTES, view.byteLength);
  } finally {
    words.staging = false;
  }
}

/**
 * Whether `message` fits a record, found by encoding it into memory of its own (throws what the
 * codec throws): for a tell made while a stage uses the scratch (a message's getter that tells
 * the same pool), which `retry` stages later. Allocates a record's worth: that case is rare.
 */
export function fitsPoolRecordAside(
  words: PoolQueueWords,
  codec: ClusterCodec,
  message: unknown,
): boolean {
  if (typeof message === 'number') return true;
  const view = new DataView(new ArrayBuffer(words.queue.recordBytes));
  return codec.encode(message, view, ENV_HEADER_BYTES, view.byteLength) >= 0;
}

/**
 * Writes the message `stagePoolRecord` staged (`staged` bytes, or STAGED_NUMBER for `message`
 * itself) as the envelope of the claimed cell at byte `at`. Runs no user code and allocates
 * nothing: word copies and header stores.
 */
export function writeStagedRecord(
  words: PoolQueueWords,
  at: number,
  message: unknown,
  staged: number,
  target: number,
  sender: number,
): void {
  if (staged === STAGED_NUMBER) {
    writeNumberEnvelope(words, at, message as number, target, sender);
    return;
  }
  const from = words.scratchWords!;
  const to = words.u32;
  const src = ENV_HEADER_BYTES >>> 2;
  const dst = (at + ENV_HEADER_BYTES) >>> 2;
  // Whole words: the record's payload is 8-aligned, and bytes past the body are never read.
  const count = (staged + 3) >>> 2;
  for (let i = 0; i < count; i++) to[dst + i] = from[src + i]!;
  const codecId = words.scratchView!.getUint16(ENV_HEADER_BYTES, true);
  writeUserHeader(words, at, codecId, staged, target, sender);
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
