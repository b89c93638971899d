/**
 * Every SharedArrayBuffer layout of this package, drawn once. Offsets are Int32 word indices
 * relative to the start of their region unless the name ends in `_BYTES`. Words that different
 * threads write sit on separate 128-byte lines (two 64-byte lines: adjacent-line prefetch makes
 * 64 bytes too little on x86) so a thief's CAS does not slow the owner down.
 *
 * Chase-Lev deque region (ChaseLevDeque), 128-byte aligned:
 *
 *   word 0        32             64               96
 *   +-------------+--------------+----------------+--------------------------------------+
 *   | MAGIC CAP   | TOP          | BOTTOM         | slots: CAP records x RECORD_WORDS     |
 *   | RECORD_WORDS| thieves CAS  | owner stores   | record i at 96 + (pos & (CAP-1)) * RW  |
 *   +-------------+--------------+----------------+--------------------------------------+
 *
 *   Invariants: CAP is a power of two; 0 <= (BOTTOM - TOP) | 0 <= CAP, except for the moment in
 *   pop when the owner has decremented BOTTOM below TOP and is about to restore it; TOP only
 *   moves forward, by CAS; the record at position p is not rewritten while TOP <= p, because push
 *   refuses when (BOTTOM - TOP) | 0 === CAP. Positions are Int32 and wrap at 2^31.
 *
 * Task record inside a deque slot (the pool's deques):
 *
 *   +------+--------+-----------------------------------+
 *   | KIND | LENGTH | payload bytes, LENGTH <= 4*(RW-2) |
 *   +------+--------+-----------------------------------+
 *
 * Worker pool buffer (WorkerPool): a header page, then one page-aligned control block per
 * worker, so Linux's first-touch policy can put each block on its worker's node:
 *
 *   byte 0            4096                 4096 + B              4096 + 2B
 *   +-----------------+--------------------+---------------------+----
 *   | pool header     | control block 0    | control block 1     | ...
 *   +-----------------+--------------------+---------------------+----
 *
 *   pool header (words): 0 MAGIC, 1 WORKER_COUNT, 2 BLOCK_BYTES, 3 DEQUE_CAPACITY,
 *   4 RECORD_WORDS; 32 PARKED_COUNT (workers add/subtract around parking; wakers read);
 *   64 IDLE_SEQUENCE (a worker that runs out of work adds 1 and notifies; the pool thread
 *   waits on it to learn that the pool may be idle).
 *
 *   control block (words, B = BLOCK_BYTES bytes):
 *   0   STATE CPU NODE GENERATION       lifecycle; written by the pool and the worker, rarely
 *   32  PARK                            worker stores PARKED; a waker CASes it back and notifies
 *   64  LOAD                            placement units; any thread Atomics.add
 *   96  STARTED RUN SPAWNED STEALS PARKS WAKES ELU_PPM INBOUND   single writer: the worker
 *       LOST                            the pool thread, only after the worker has exited
 *       HEARTBEAT                       single writer: the worker (its loop steps: the
 *                                       heartbeat another thread reads to tell a stuck worker)
 *       BACKLOG                         single writer: the worker (work its definition says
 *                                       waits there, e.g. messages in actors' mailboxes)
 *   128 local deque     (owner: the worker; thieves: the other workers)
 *   ... submission deque (owner: the thread that owns the pool; thieves: every worker)
 *
 *   Each worker's inbound ring is not in this buffer: it is an MpscRing in a buffer of its own
 *   (laid out by @zactor/ringbuffer), because MpscRing attaches to a whole SharedArrayBuffer.
 *
 *   Invariants: STARTED - RUN (Int32 wrap) is 1 while the worker runs a task and 0 otherwise,
 *   so a dead worker lost at most that one task; the counters wrap at 2^32.
 */

/** Alignment between fields that different threads write. */
export const LINE_BYTES = 128;
export const LINE_WORDS = LINE_BYTES / 4;
/** Control blocks start on a page so each can live on its worker's node. */
export const PAGE_BYTES = 4096;

// ---- Chase-Lev deque region ----
export const DEQUE_MAGIC = 0x434c4471; // 'CLDq'
export const DEQUE_MAGIC_WORD = 0;
export const DEQUE_CAPACITY_WORD = 1;
export const DEQUE_RECORD_WORDS_WORD = 2;
export const DEQUE_TOP = LINE_WORDS;
export const DEQUE_BOTTOM = 2 * LINE_WORDS;
export const DEQUE_SLOTS = 3 * LINE_WORDS;
export const DEQUE_HEADER_BYTES = DEQUE_SLOTS * 4;

// ---- Task record (inside a pool deque slot) ----
export const TASK_KIND = 0;
export const TASK_LENGTH = 1;
export const TASK_PAYLOAD = 2;

// ---- Pool header ----
export const POOL_MAGIC = 0x5a504f4c; // 'ZPOL'
export const POOL_MAGIC_WORD = 0;
export const POOL_WORKER_COUNT = 1;
export const POOL_BLOCK_BYTES = 2;
export const POOL_DEQUE_CAPACITY = 3;
export const POOL_RECORD_WORDS = 4;
export const POOL_PARKED_COUNT = LINE_WORDS;
export const POOL_IDLE_SEQUENCE = 2 * LINE_WORDS;
export const POOL_HEADER_BYTES = PAGE_BYTES;

// ---- Control block ----
export const CB_STATE = 0;
export const CB_CPU = 1;
export const CB_NODE = 2;
export const CB_GENERATION = 3;
export const CB_PARK = LINE_WORDS;
export const CB_LOAD = 2 * LINE_WORDS;
export const CB_TASKS_STARTED = 3 * LINE_WORDS;
export const CB_TASKS_RUN = CB_TASKS_STARTED + 1;
export const CB_TASKS_SPAWNED = CB_TASKS_STARTED + 2;
export const CB_STEALS = CB_TASKS_STARTED + 3;
export const CB_PARKS = CB_TASKS_STARTED + 4;
export const CB_WAKES = CB_TASKS_STARTED + 5;
export const CB_ELU_PPM = CB_TASKS_STARTED + 6;
export const CB_INBOUND = CB_TASKS_STARTED + 7;
/** Written by the pool thread once the worker is dead (see ControlBlock.settleDeadWorker). */
export const CB_LOST = CB_TASKS_STARTED + 8;
/**
 * Loop steps begun (the heartbeat, see WorkerPool.heartbeat): the worker stores it at each step
 * of its turns (a drain of its ring, what that made ready, a few tasks), and a parked worker
 * turns at least once per park timeout.
 */
export const CB_HEARTBEAT = CB_TASKS_STARTED + 9;
/**
 * Units of work waiting in the worker's own queues, as its definition's `backlog` counts them
 * (an actor runtime: messages in mailboxes). The worker stores it on its metrics interval and
 * when a loop turn ends; placement reads it.
 */
export const CB_BACKLOG = CB_TASKS_STARTED + 10;
/** Words of the control block proper (the deques follow). */
export const CB_WORDS = 4 * LINE_WORDS;
/** Byte offset of the local deque inside a control block. */
export const CB_DEQUES_BYTES = CB_WORDS * 4;

/** CB_STATE values. */
export const WorkerState = {
  Starting: 0,
  Running: 1,
  Stopping: 2,
  Stopped: 3,
  Dead: 4,
} as const;
export type WorkerState = (typeof WorkerState)[keyof typeof WorkerState];

/** CB_PARK values. */
export const PARK_AWAKE = 0;
export const PARK_PARKED = 1;

/** Rounds `bytes` up to a multiple of `alignment` (a power of two). */
export function alignUp(bytes: number, alignment: number): number {
  return (bytes + alignment - 1) & ~(alignment - 1);
}
