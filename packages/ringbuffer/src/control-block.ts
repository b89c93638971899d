import { RingBufferError } from './errors.js';
import {
  CAPACITY_INDEX,
  CONSUMER_POSITION_INDEX,
  DATA_OFFSET,
  LAYOUT_VERSION,
  MAGIC_INDEX,
  PRODUCER_POSITION_INDEX,
  RECORD_BYTES_INDEX,
  TOTAL_BYTES_INDEX,
  VERSION_INDEX,
} from './layout.js';

/** The configuration words of a shared ring, as read back by `attach`. */
export interface ControlBlockConfig {
  readonly capacity: number;
  readonly recordBytes: number;
}

/**
 * Allocates a zeroed SharedArrayBuffer and writes the configuration line (see layout.ts).
 * Called by `create` only, before the buffer is shared; the positions start at
 * `startPosition`, which tests set near 2^31 to exercise wrap-around.
 */
export function allocateControlBlock(
  magic: number,
  capacity: number,
  recordBytes: number,
  totalBytes: number,
  startPosition: number,
): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(totalBytes);
  const words = new Int32Array(sab, 0, DATA_OFFSET / 4);
  words[MAGIC_INDEX] = magic;
  words[VERSION_INDEX] = LAYOUT_VERSION;
  words[CAPACITY_INDEX] = capacity;
  words[RECORD_BYTES_INDEX] = recordBytes;
  words[TOTAL_BYTES_INDEX] = totalBytes;
  words[PRODUCER_POSITION_INDEX] = startPosition;
  words[CONSUMER_POSITION_INDEX] = startPosition;
  return sab;
}

/**
 * Checks that `sab` is a SharedArrayBuffer carrying the expected magic and version and returns
 * its configuration. The caller still validates the values and the total size, since only it
 * knows its own `bytesFor`. Throws `RingBufferError` `INVALID_BUFFER`.
 */
export function readControlBlock(where: string, sab: unknown, magic: number): ControlBlockConfig {
  if (!(sab instanceof SharedArrayBuffer)) {
    throw new RingBufferError(where, 'INVALID_BUFFER', 'expected a SharedArrayBuffer');
  }
  if (sab.byteLength < DATA_OFFSET) {
    throw new RingBufferError(
      where,
      'INVALID_BUFFER',
      `buffer of ${sab.byteLength} bytes is smaller than the ${DATA_OFFSET}-byte control block`,
    );
  }
  const words = new Int32Array(sab, 0, DATA_OFFSET / 4);
  // Configuration words are written before the buffer is posted; postMessage orders them.
  if (words[MAGIC_INDEX] !== magic) {
    throw new RingBufferError(where, 'INVALID_BUFFER', 'buffer was not created by this class');
  }
  if (words[VERSION_INDEX] !== LAYOUT_VERSION) {
    throw new RingBufferError(
      where,
      'INVALID_BUFFER',
      `layout version ${String(words[VERSION_INDEX])} is not ${LAYOUT_VERSION}`,
    );
  }
  if (words[TOTAL_BYTES_INDEX] !== sab.byteLength) {
    throw new RingBufferError(
      where,
      'INVALID_BUFFER',
      `buffer is ${sab.byteLength} bytes but its header says ${String(words[TOTAL_BYTES_INDEX])}`,
    );
  }
  return { capacity: words[CAPACITY_INDEX]!, recordBytes: words[RECORD_BYTES_INDEX]! };
}

/** Validates a start position option: any Int32. */
export function checkStartPosition(where: string, position: number): void {
  if (!Number.isInteger(position) || (position | 0) !== position) {
    throw new RingBufferError(
      where,
      'INVALID_ARGUMENT',
      `startPosition (${String(position)}) must be an Int32`,
    );
  }
}

/**
 * Runs an options validator on configuration read back from a header and reports any failure
 * as `INVALID_BUFFER`: the caller handed over a damaged or foreign buffer, not bad options.
 */
export function validateHeader<T>(where: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof RingBufferError)) throw error;
    throw new RingBufferError(
      where,
      'INVALID_BUFFER',
      `header holds an invalid configuration (${error.code})`,
    );
  }
}
