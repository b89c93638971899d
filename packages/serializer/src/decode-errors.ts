/**
 * Builders for the DecodeErrors that codecs throw, kept out of line so the generated and
 * composed decoders stay small: a hot path only ever calls these when the bytes are bad.
 */
import { DecodeError } from './errors.js';

/** The body (or the fixed part of a union variant) is shorter than the schema needs. */
export function truncated(
  where: string,
  typeName: string,
  field: string,
  offset: number,
  need: number,
  have: number,
): DecodeError {
  return new DecodeError(
    where,
    'TRUNCATED',
    typeName,
    field,
    offset,
    `needs ${need} bytes, only ${Math.max(0, have)} left`,
  );
}

/** A slot points at data that runs past the end of the body. */
export function pastEnd(
  where: string,
  typeName: string,
  field: string,
  slot: number,
  start: number,
  bytes: number,
  end: number,
): DecodeError {
  return new DecodeError(
    where,
    'OUT_OF_BOUNDS',
    typeName,
    field,
    slot,
    `${bytes} bytes at body offset ${start} run past the end of the body (${end} bytes)`,
  );
}

/** A byte that must hold one of a few values (bool, presence flag, union tag, ref high word). */
export function badValue(
  where: string,
  code: string,
  typeName: string,
  field: string,
  offset: number,
  message: string,
): DecodeError {
  return new DecodeError(where, code, typeName, field, offset, message);
}
