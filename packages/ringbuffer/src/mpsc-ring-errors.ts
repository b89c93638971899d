/**
 * The errors `MpscRing` builds when a caller or the ring's memory is wrong: pure functions of
 * what the ring saw, kept out of the ring so its hot paths stay short. Each returns the error
 * (the ring records or throws it), or undefined when the input is fine. Offsets in
 * RingCorruptError are byte offsets in the ring's buffer (layout.ts).
 */
import { RingBufferError, RingCorruptError } from './errors.js';
import {
  CONSUMER_POSITION_INDEX,
  DRAIN_END_INDEX,
  MPSC_ALIGNMENT,
  MPSC_HEADER_BYTES,
  MPSC_PADDING_TYPE_ID,
  MPSC_TYPE_ID_OFFSET,
  PRODUCER_POSITION_INDEX,
} from './layout.js';

const ALIGN_MASK = ~(MPSC_ALIGNMENT - 1);

/**
 * The consumer, at a committed header `drain` refused (header at int32 index `word`, `toEnd`
 * bytes before the end of the buffer): why it was refused.
 */
export function badRecordError(
  word: number,
  recordLength: number,
  typeId: number,
  toEnd: number,
  maxRecordBytes: number,
): RingCorruptError {
  const at = word << 2;
  const limit = maxRecordBytes + MPSC_HEADER_BYTES;
  return typeId < MPSC_PADDING_TYPE_ID &&
    recordLength >= MPSC_HEADER_BYTES &&
    recordLength <= limit &&
    recordLength <= toEnd
    ? new RingCorruptError(
        'MpscRing.drain',
        'TYPE_ID',
        at + MPSC_TYPE_ID_OFFSET,
        typeId,
        `type id ${typeId} is below ${MPSC_PADDING_TYPE_ID}`,
      )
    : new RingCorruptError(
        'MpscRing.drain',
        'RECORD_LENGTH',
        at,
        recordLength,
        `record length ${recordLength} does not fit (8..${limit}, ${toEnd} bytes to the end)`,
      );
}

/**
 * The consumer, at a claimed record (negative length, payload still being written): an error
 * if no claim could have that length at this place, else undefined. The tail is not checked:
 * the producer stores the claim's length with a plain store, so it is not ordered after its
 * CAS for the consumer.
 */
export function claimError(
  word: number,
  recordLength: number,
  toEnd: number,
  maxRecordBytes: number,
): RingCorruptError | undefined {
  const claimed = -recordLength;
  const size = (claimed + MPSC_ALIGNMENT - 1) & ALIGN_MASK;
  if ((claimed - MPSC_HEADER_BYTES) >>> 0 <= maxRecordBytes && size <= toEnd) return undefined;
  return new RingCorruptError(
    'MpscRing.drain',
    'RECORD_LENGTH',
    word << 2,
    recordLength,
    `claimed record length ${claimed} does not fit (8..${maxRecordBytes + MPSC_HEADER_BYTES}, ${toEnd} bytes to the end)`,
  );
}

/** A producer asked `tryClaim` for a length it cannot have. */
export function badLengthError(length: number, maxRecordBytes: number): RingBufferError {
  if (length > maxRecordBytes) {
    return new RingBufferError(
      'MpscRing.tryClaim',
      'RECORD_TOO_LARGE',
      `length (${String(length)}) exceeds maxRecordBytes (${maxRecordBytes})`,
    );
  }
  return new RingBufferError(
    'MpscRing.tryClaim',
    'INVALID_ARGUMENT',
    `length (${String(length)}) must be a non-negative integer`,
  );
}

/** A producer asked `tryClaim` for a type id outside [0, 2^31 - 1]. */
export function badTypeIdError(typeId: number): RingBufferError {
  return new RingBufferError(
    'MpscRing.tryClaim',
    'INVALID_TYPE_ID',
    `typeId (${String(typeId)}) must be an integer in [0, 2^31 - 1]`,
  );
}

/** `commit` or `abort` at an offset that is not a pending claim. */
export function notClaimedError(method: string, offset: number): RingBufferError {
  return new RingBufferError(
    `MpscRing.${method}`,
    'NOT_CLAIMED',
    `offset (${String(offset)}) is not a pending claim`,
  );
}

/** `MpscRing.create` with a start position that is not a multiple of the record alignment. */
export function startPositionError(startPosition: number): RingBufferError | undefined {
  if ((startPosition & (MPSC_ALIGNMENT - 1)) === 0) return undefined;
  return new RingBufferError(
    'MpscRing.create',
    'INVALID_ARGUMENT',
    `startPosition (${startPosition}) must be a multiple of ${MPSC_ALIGNMENT}`,
  );
}

/**
 * At attach (or a successor's recovery, `where`): a head that no claim could have left (every
 * claim is a multiple of 8 bytes).
 */
export function headError(head: number, where = 'MpscRing.attach'): RingCorruptError | undefined {
  if ((head & (MPSC_ALIGNMENT - 1)) === 0) return undefined;
  return new RingCorruptError(
    where,
    'POSITION',
    CONSUMER_POSITION_INDEX * 4,
    head,
    `head ${head} is not a multiple of ${MPSC_ALIGNMENT}`,
  );
}

/**
 * `recoverConsumer`: a head off the 8-byte grid, or a drain end that no drain from `head` at
 * buffer index `index` wrote.
 */
export function drainEndError(
  end: number,
  head: number,
  index: number,
  capacityBytes: number,
): RingCorruptError | undefined {
  // A head off the 8-byte grid: the span would not be the one logged (zeroing goes by words).
  const misaligned = headError(head, 'MpscRing.recoverConsumer');
  if (misaligned !== undefined) return misaligned;
  const read = (end - head) | 0;
  if (read >= 0 && (read & (MPSC_ALIGNMENT - 1)) === 0 && read <= capacityBytes - index) {
    return undefined;
  }
  return new RingCorruptError(
    'MpscRing.recoverConsumer',
    'POSITION',
    DRAIN_END_INDEX * 4,
    end,
    `drain end ${end} is not 0..${capacityBytes - index} bytes past head ${head} in steps of ${MPSC_ALIGNMENT}`,
  );
}

/** `check`: a tail that is not 0..capacityBytes ahead of the consumer's head in steps of 8. */
export function tailError(
  tail: number,
  head: number,
  capacityBytes: number,
): RingCorruptError | undefined {
  const used = (tail - head) | 0;
  if (used >>> 0 <= capacityBytes && (used & (MPSC_ALIGNMENT - 1)) === 0) return undefined;
  return new RingCorruptError(
    'MpscRing.check',
    'POSITION',
    PRODUCER_POSITION_INDEX * 4,
    tail,
    `tail ${tail} is ${used} bytes ahead of the head ${head}, not a multiple of ${MPSC_ALIGNMENT} in 0..${capacityBytes}`,
  );
}
