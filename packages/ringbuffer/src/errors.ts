/**
 * Every error this package throws is a `RingBufferError` whose message starts with
 * `@zactor/ringbuffer/<where>: `, so a user can tell at a glance which package complained.
 */
export class RingBufferError extends Error {
  override readonly name: string = 'RingBufferError';
  /** Stable machine-readable code, e.g. `INVALID_CAPACITY`. */
  readonly code: string;

  constructor(where: string, code: string, message: string) {
    super(`@zactor/ringbuffer/${where}: ${message}`);
    this.code = code;
  }
}

/**
 * What a shared ring found impossible in its SharedArrayBuffer (`RingCorruptError.fault`):
 *   - `POSITION`: a position word out of range against the position it is compared with
 *     (SpscRing sequences, MpscRing head/tail), or a misaligned MpscRing head;
 *   - `RECORD_LENGTH`: an MpscRing length word no producer writes (too short, longer than
 *     `maxRecordBytes` allows, running past the end of the buffer or past the tail);
 *   - `TYPE_ID`: an MpscRing type id below -1 (padding);
 *   - `CELL_SEQUENCE`: an MpmcQueue cell sequence that no lap leaves at the position read;
 *   - `CLAIMED_POSITION`: an MpmcQueue cell's claimed position that belongs to another cell.
 */
export type RingFault =
  | 'POSITION'
  | 'RECORD_LENGTH'
  | 'TYPE_ID'
  | 'CELL_SEQUENCE'
  | 'CLAIMED_POSITION';

/**
 * Code `RING_CORRUPT`: a ring read a word of its shared memory that no correct run writes.
 * Hot paths never throw it: they stop in front of the word, return their empty or full
 * sentinel and record it; `corruption()` returns it and `check()` throws it.
 */
export class RingCorruptError extends RingBufferError {
  override readonly name: string = 'RingCorruptError';
  readonly fault: RingFault;
  /** Byte offset in the ring's `buffer` of the word found impossible. */
  readonly offset: number;
  /** The Int32 value read there. */
  readonly value: number;

  constructor(where: string, fault: RingFault, offset: number, value: number, detail: string) {
    super(where, 'RING_CORRUPT', `corrupt shared memory at byte ${offset} (${fault}): ${detail}`);
    this.fault = fault;
    this.offset = offset;
    this.value = value;
  }
}
