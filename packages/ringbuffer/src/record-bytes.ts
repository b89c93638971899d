import { RingBufferError } from './errors.js';

/** Largest fixed record the SPSC ring and the MPMC queue accept (1 MiB). */
export const MAX_RECORD_BYTES = 0x100000;

/**
 * Validates a fixed record size: a multiple of 4 (records are read as Int32 words) in
 * [4, MAX_RECORD_BYTES]. @throws RingBufferError `INVALID_RECORD_SIZE`.
 */
export function assertRecordBytes(where: string, recordBytes: number): void {
  if (
    !Number.isInteger(recordBytes) ||
    recordBytes < 4 ||
    recordBytes > MAX_RECORD_BYTES ||
    recordBytes % 4 !== 0
  ) {
    throw new RingBufferError(
      where,
      'INVALID_RECORD_SIZE',
      `recordBytes (${String(recordBytes)}) must be a multiple of 4 in [4, ${MAX_RECORD_BYTES}]`,
    );
  }
}
