/**
 * Every SharedArrayBuffer layout of this package, drawn once.
 *
 * All three shared rings share the same 512-byte control block, made of four 128-byte lines so
 * that words written by different threads never share a cache line (128, not 64: Intel's
 * adjacent-line prefetcher pulls lines in pairs). The data area starts at byte 512.
 *
 * ```
 * byte   0 +--------------------------------------------------------------+
 *          | MAGIC | VERSION | CAPACITY | RECORD_BYTES | TOTAL_BYTES | 0… |  line 0: written once by create()
 * byte 128 +--------------------------------------------------------------+
 *          | PRODUCER_POSITION | HEAD_CACHE | 0…                          |  line 1: producers
 * byte 256 +--------------------------------------------------------------+
 *          | CONSUMER_POSITION | DRAIN_PENDING | DRAIN_END | 0…           |  line 2: consumers
 * byte 384 +--------------------------------------------------------------+
 *          | PARKED | WAKE_COUNT | 0…                                     |  line 3: parking
 * byte 512 +--------------------------------------------------------------+
 *          | data area (layout per ring, below)                           |
 *          +--------------------------------------------------------------+
 * ```
 *
 * PRODUCER_POSITION / CONSUMER_POSITION are Int32 positions that wrap at 2^31; they are only
 * ever compared through `(a - b) | 0`, which is exact because capacities are at most 2^30.
 *   - SpscRing: published record sequence / consumed record sequence.
 *   - MpscRing: tail / head in bytes (tail advanced by CAS, head by the single consumer).
 *   - MpmcQueue: Vyukov's enqueue / dequeue positions (both advanced by CAS).
 * Invariant: 0 <= (PRODUCER_POSITION - CONSUMER_POSITION) | 0 <= CAPACITY.
 *
 * HEAD_CACHE (MpscRing only) is the producers' shared, possibly stale copy of the head, as in
 * Agrona: producers read the consumer's line only when the cache says full. It is shared rather
 * than per-producer because a private copy of a producer that stays idle while 2^32 bytes flow
 * through would wrap around and look fresh; the shared one is refreshed by whoever claims.
 *
 * DRAIN_PENDING / DRAIN_END (MpscRing only) are the consumer's intent log for ending a drain:
 * it stores DRAIN_END (the new head), then DRAIN_PENDING = 1, zeroes the consumed bytes, stores
 * the head, then DRAIN_PENDING = 0. A consumer that dies inside those steps leaves
 * DRAIN_PENDING = 1, and its successor's `recoverConsumer` finishes them; without the log the
 * successor would find zeroed bytes at the old head and read them as "not committed yet".
 *
 * PARKED counts consumers that announced they may sleep; WAKE_COUNT is the word they sleep on.
 * Protocol (wake-signal.ts): a consumer increments PARKED, reads WAKE_COUNT, re-checks for
 * items, then Atomics.wait(WAKE_COUNT, seen). A producer publishes, then loads PARKED and only if
 * it is non-zero increments WAKE_COUNT and notifies. Every step is an Atomics op (sequentially
 * consistent), so either the consumer's re-check sees the item or the producer sees PARKED.
 *
 * Data areas:
 *
 * SpscRing — CAPACITY records of RECORD_BYTES (a multiple of 4) each, slot = sequence & mask:
 * ```
 * 512 | record 0 | record 1 | ... | record CAPACITY-1 |
 * ```
 *
 * MpscRing — CAPACITY bytes (power of two) of 8-byte-aligned variable-length records:
 * ```
 * +0 | LENGTH int32 | TYPE_ID int32 | payload (LENGTH - 8 bytes) | pad to 8 |
 * ```
 *   LENGTH is the commit word: 0 = free, < 0 = claimed, being written (-length),
 *   > 0 = committed (header + payload bytes, unaligned). TYPE_ID -1 marks padding, which fills
 *   the end of the buffer when a record would not fit before the wrap, and marks aborted claims.
 *   The consumer zeroes consumed bytes before advancing head, so free space always reads 0.
 *
 * MpmcQueue — CAPACITY cells of CELL_HEADER_BYTES + RECORD_BYTES (rounded up to 8):
 * ```
 * +0 | SEQUENCE int32 | CLAIMED_POSITION int32 | payload (RECORD_BYTES) |
 * ```
 *   SEQUENCE is Vyukov's per-cell sequence: == position means free for the producer of that
 *   position; == position + 1 means full for its consumer; the consumer frees it for the next
 *   lap with position + CAPACITY. CLAIMED_POSITION is private to the current owner of the cell,
 *   so publish/release can find the position from the payload offset alone.
 *
 * Invariants the readers check, so that corrupt memory is reported (RingCorruptError) instead
 * of used; any word that breaks them was not written by a correct run:
 *   - SpscRing: 0 <= PRODUCER_POSITION - consumer <= CAPACITY, and neither position moves back.
 *   - MpscRing: HEAD and TAIL are multiples of 8 and 0 <= TAIL - HEAD <= CAPACITY (the tail is
 *     checked by `check()` only). A committed or claimed (-LENGTH) length is in
 *     [8, CAPACITY / 8 + 8] and ends before the end of the buffer; TYPE_ID >= -1.
 *   - MpmcQueue: a cell's SEQUENCE is q or q + 1 for positions q of that cell and never moves
 *     back. So a producer at position p sees SEQUENCE - p in {-CAPACITY, 1 - CAPACITY} (full)
 *     or 0 (free), a consumer sees SEQUENCE - (p + 1) in {-CAPACITY, -1} (empty) or 0
 *     (published), or else a value ahead, which only a position that has since moved on
 *     explains. CLAIMED_POSITION is a position of its own cell (publish/release check only
 *     that: comparing it with SEQUENCE as well measured too slow).
 */

/** Bytes between words written by different threads. */
export const LINE_BYTES = 128;

// Line 0: configuration (Int32 word indices).
export const MAGIC_INDEX = 0;
export const VERSION_INDEX = 1;
export const CAPACITY_INDEX = 2;
export const RECORD_BYTES_INDEX = 3;
export const TOTAL_BYTES_INDEX = 4;

// Lines 1–3: hot words (Int32 word indices).
export const PRODUCER_POSITION_INDEX = LINE_BYTES / 4;
export const HEAD_CACHE_INDEX = PRODUCER_POSITION_INDEX + 1;
export const CONSUMER_POSITION_INDEX = (2 * LINE_BYTES) / 4;
export const DRAIN_PENDING_INDEX = CONSUMER_POSITION_INDEX + 1;
export const DRAIN_END_INDEX = CONSUMER_POSITION_INDEX + 2;
export const PARKED_INDEX = (3 * LINE_BYTES) / 4;
export const WAKE_COUNT_INDEX = PARKED_INDEX + 1;

/** Byte offset of the data area. */
export const DATA_OFFSET = 4 * LINE_BYTES;

export const LAYOUT_VERSION = 1;
/** One magic per structure, so attaching a buffer to the wrong class fails loudly. */
export const SPSC_MAGIC = 0x5a52_5331; // 'ZRS1'
export const MPSC_MAGIC = 0x5a52_4d31; // 'ZRM1'
export const MPMC_MAGIC = 0x5a52_5131; // 'ZRQ1'

// MpscRing record header.
export const MPSC_HEADER_BYTES = 8;
export const MPSC_LENGTH_OFFSET = 0;
export const MPSC_TYPE_ID_OFFSET = 4;
export const MPSC_ALIGNMENT = 8;
export const MPSC_PADDING_TYPE_ID = -1;

// MpmcQueue cell header.
export const MPMC_CELL_HEADER_BYTES = 8;
export const MPMC_SEQUENCE_OFFSET = 0;
export const MPMC_CLAIMED_POSITION_OFFSET = 4;
