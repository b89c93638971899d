/**
 * The 16-byte frame header in front of every registered message (drawn in layout.ts): writing
 * it, and checking it before a body is read.
 */
import { DecodeError } from './errors.js';
import {
  HEADER_BODY_LENGTH,
  HEADER_BYTES,
  HEADER_FINGERPRINT,
  HEADER_FLAGS,
  HEADER_RESERVED,
  HEADER_TYPE_ID,
} from './layout.js';

/** Writes the header at `offset` (room already checked). */
export function writeHeader(
  view: DataView,
  offset: number,
  typeId: number,
  fingerprint: number,
  bodyLength: number,
): void {
  view.setUint16(offset + HEADER_TYPE_ID, typeId, true);
  view.setUint16(offset + HEADER_FLAGS, 0, true);
  view.setUint32(offset + HEADER_FINGERPRINT, fingerprint, true);
  view.setUint32(offset + HEADER_BODY_LENGTH, bodyLength, true);
  view.setUint32(offset + HEADER_RESERVED, 0, true);
}

/** The end of the frame's valid bytes: `end`, or the view's end; throws when out of range. */
export function frameLimit(
  where: string,
  typeName: string,
  view: DataView,
  offset: number,
  end: number | undefined,
): number {
  const limit = end === undefined ? view.byteLength : end;
  if (!(offset >= 0 && limit <= view.byteLength && offset + HEADER_BYTES <= limit)) {
    throw new DecodeError(
      where,
      'TRUNCATED',
      typeName,
      '',
      offset,
      `a frame header needs ${HEADER_BYTES} bytes, only ${Math.max(0, limit - offset)} left`,
    );
  }
  return limit;
}

/**
 * Checks a header whose type id is already known to be `typeId` and returns the end of its
 * body. Throws DecodeError on a fingerprint mismatch (another version of the schema), non-zero
 * reserved fields, or a body length past `limit`.
 */
export function checkHeader(
  where: string,
  typeName: string,
  view: DataView,
  offset: number,
  limit: number,
  fingerprint: number,
): number {
  const written = view.getUint32(offset + HEADER_FINGERPRINT, true);
  if (written !== fingerprint) {
    throw new DecodeError(
      where,
      'FINGERPRINT_MISMATCH',
      typeName,
      '',
      offset + HEADER_FINGERPRINT,
      `written with schema fingerprint ${hex(written)} but this worker's schema is ${hex(fingerprint)}; ` +
        'the two sides registered different versions of the type',
    );
  }
  if (
    view.getUint16(offset + HEADER_FLAGS, true) !== 0 ||
    view.getUint32(offset + HEADER_RESERVED, true) !== 0
  ) {
    throw new DecodeError(
      where,
      'INVALID_HEADER',
      typeName,
      '',
      offset + HEADER_FLAGS,
      'reserved header fields are not zero',
    );
  }
  const bodyLength = view.getUint32(offset + HEADER_BODY_LENGTH, true);
  const bodyEnd = offset + HEADER_BYTES + bodyLength;
  if (bodyEnd > limit) {
    throw new DecodeError(
      where,
      'OUT_OF_BOUNDS',
      typeName,
      '',
      offset + HEADER_BODY_LENGTH,
      `body length ${bodyLength} runs past the end (${limit - offset - HEADER_BYTES} bytes after the header)`,
    );
  }
  return bodyEnd;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
