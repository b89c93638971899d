/**
 * The MpscRing consumer's intent log for ending a drain (words DRAIN_END and DRAIN_PENDING,
 * drawn in layout.ts): how a drain releases what it consumed, and how a successor finishes a
 * release its predecessor died inside. Only the consumer thread calls these.
 */
import type { RingCorruptError } from './errors.js';
import {
  CONSUMER_POSITION_INDEX,
  DATA_OFFSET,
  DRAIN_END_INDEX,
  DRAIN_PENDING_INDEX,
} from './layout.js';
import { drainEndError } from './mpsc-ring-errors.js';

const HEAD = CONSUMER_POSITION_INDEX;
/** Releases of up to this many bytes clear them word by word (see `clearWords`). */
const SMALL_CLEAR_BYTES = 128;

/**
 * Zeroes bytes [from, to) of the buffer under `f64` (a view from offset 0), both multiples of 8.
 * Through 8-byte elements: on shared memory V8's `Uint8Array.prototype.fill` stores byte by
 * byte (measured on Node 20: 3.5 GB/s, against 26 GB/s for a `Float64Array` fill of the same
 * 32 KiB spans; on an ArrayBuffer both are over 100 GB/s). +0 is eight zero bytes.
 */
function clearWords(f64: Float64Array, from: number, to: number): void {
  if (to - from <= SMALL_CLEAR_BYTES) {
    // A builtin call costs more than a few stores on a round trip.
    for (let w = from >> 3, last = to >> 3; w < last; w++) f64[w] = 0;
  } else f64.fill(0, from >> 3, to >> 3);
}

/**
 * The consumer, at the end of a drain that read `read` (> 0) bytes from position `head`, which
 * is at byte `index` of the data area: zeroes them and moves the head to `head + read`, logging
 * its intent first so a successor can finish the steps if this thread dies in them. Returns the
 * new head. Plain stores for the log: only a successor reads it, after this thread has ended
 * (the pool learns of that through the thread's exit, which orders everything before it), and
 * a thread is only stopped between JavaScript operations, never inside one. The head is
 * published with Atomics.store (release: producers that see it see the zeroed bytes).
 */
export function releaseDrained(
  i32: Int32Array,
  f64: Float64Array,
  head: number,
  index: number,
  read: number,
): number {
  const end = (head + read) | 0;
  i32[DRAIN_END_INDEX] = end;
  i32[DRAIN_PENDING_INDEX] = 1;
  // Free space must read as 0 before producers may claim it again.
  const from = DATA_OFFSET + index;
  clearWords(f64, from, from + read);
  Atomics.store(i32, HEAD, end);
  i32[DRAIN_PENDING_INDEX] = 0;
  return end;
}

/** What `recoverDrain` found: no drain to finish, one finished (the new head), or a corrupt log. */
export type DrainRecovery =
  | { readonly kind: 'none' }
  | { readonly kind: 'finished'; readonly head: number }
  | { readonly kind: 'corrupt'; readonly error: RingCorruptError };

const NONE: DrainRecovery = { kind: 'none' };

/**
 * A new consumer thread, before its first drain: finishes a release its predecessor died in
 * the middle of (DRAIN_PENDING set: zero the consumed bytes, store the head). A DRAIN_END no
 * release could have written changes nothing and comes back as `corrupt`. `mask` is the ring's
 * capacity - 1.
 */
export function recoverDrain(
  i32: Int32Array,
  f64: Float64Array,
  mask: number,
  capacityBytes: number,
): DrainRecovery {
  if (Atomics.load(i32, DRAIN_PENDING_INDEX) === 0) return NONE;
  const head = Atomics.load(i32, HEAD);
  const end = Atomics.load(i32, DRAIN_END_INDEX);
  const index = head & mask;
  // A release covers at most the bytes up to the end of the buffer, 8 at a time; the head may
  // already be stored (died before clearing the flag): then there is nothing to zero.
  const error = drainEndError(end, head, index, capacityBytes);
  if (error !== undefined) return { kind: 'corrupt', error };
  const read = (end - head) | 0;
  if (read > 0) {
    clearWords(f64, DATA_OFFSET + index, DATA_OFFSET + index + read);
    Atomics.store(i32, HEAD, end);
  }
  Atomics.store(i32, DRAIN_PENDING_INDEX, 0);
  return { kind: 'finished', head: end };
}
