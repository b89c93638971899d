/**
 * Every SharedArrayBuffer layout the benchmark runner itself defines (the packages under test
 * define theirs). Offsets are Int32 word indexes unless a name ends in `_BYTES`.
 *
 * Words written by different threads in a hot loop sit at least 128 bytes (32 words) apart so
 * they never share a cache line (or an adjacent-line prefetch pair).
 */

/** Bytes in one padding unit: two 64-byte cache lines. */
export const PAD_BYTES = 128;
/** Int32 words in one padding unit. */
export const PAD_WORDS = PAD_BYTES / 4;

/**
 * Run control: one per cross-thread run, shared by every worker taking part.
 *
 * ```
 * word 0            word 32           word 64
 * +-----------------+-----------------+-----------------+
 * | ARRIVED | pad   | ABORT   | pad   | DONE    | pad   |
 * +-----------------+-----------------+-----------------+
 * ```
 * - ARRIVED: each worker adds 1 when it is ready; all start when it reaches the party count, so
 *   no worker's start-up time is inside another's measurement.
 * - ABORT: set to 1 by a worker that fails, so the others stop waiting for it.
 * - DONE: producers add 1 when they have pushed everything; the last one sends the stop pills.
 * Invariants: ARRIVED and DONE only grow within a run; a fresh block is used for every run.
 */
export const CONTROL_ARRIVED = 0;
export const CONTROL_ABORT = PAD_WORDS;
export const CONTROL_DONE = 2 * PAD_WORDS;
export const CONTROL_BYTES = 3 * PAD_BYTES;

/**
 * Lock-based queue (the baseline the rings are compared against): a ring of Int32 slots guarded
 * by one futex-style mutex.
 *
 * ```
 * word 0   1      2      3          32                      32 + capacity
 * +------+------+------+----------+-----------------------+
 * | LOCK | HEAD | TAIL | CAPACITY | slots[capacity] (i32) |
 * +------+------+------+----------+-----------------------+
 * ```
 * - LOCK: 0 free, 1 held, 2 held with possible waiters (Drepper's three-state mutex).
 * - HEAD, TAIL: positions; read and written only while LOCK is held, so plain access suffices
 *   (the mutex's Atomics operations order them). They wrap at 2^31 and are compared by
 *   subtraction: size = (TAIL - HEAD) | 0, in [0, CAPACITY].
 * - CAPACITY: a power of two, written once by `create`.
 * Everything shares cache lines on purpose: with one lock there is no independent hot word.
 */
export const LOCKED_LOCK = 0;
export const LOCKED_HEAD = 1;
export const LOCKED_TAIL = 2;
export const LOCKED_CAPACITY = 3;
export const LOCKED_SLOTS = PAD_WORDS;

/**
 * Ping-pong cell for the cross-thread latency baseline: the pinger stores a sequence number in
 * PING, the ponger echoes it into PONG.
 *
 * ```
 * word 0          word 32         word 64
 * +---------------+---------------+
 * | PING | pad    | PONG | pad    |
 * +---------------+---------------+
 * ```
 * Invariant: PONG never runs ahead of PING; both only grow (sequence numbers from 1).
 */
export const PINGPONG_PING = 0;
export const PINGPONG_PONG = PAD_WORDS;
export const PINGPONG_BYTES = 2 * PAD_BYTES;
