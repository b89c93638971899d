/**
 * UTF-8 for codec strings. Short strings go through plain JS loops (a native call costs more
 * than the work for a few characters); longer ones use TextEncoder.encodeInto and a fatal
 * TextDecoder. Thresholds come from bench figures on Node 20 (see README).
 *
 * Lone surrogates are written as U+FFFD, exactly as TextEncoder does, so `utf8Length` and both
 * write paths always agree.
 */
import { DecodeError } from './errors.js';

/** At or below this many UTF-16 units a string is encoded in JS. */
const SHORT_WRITE = 16;
/** At or below this many bytes a string is decoded in JS. */
const SHORT_READ = 12;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Some Node builds reject SharedArrayBuffer-backed views in TextDecoder.decode; probe once and,
 * if so, copy into a growable scratch buffer first.
 */
function sharedDecodeWorks(): boolean {
  try {
    return decoder.decode(new Uint8Array(new SharedArrayBuffer(2)).subarray(0, 1)) === '\0';
  } catch {
    return false;
  }
}

let decodeSharedDirectly = sharedDecodeWorks();
let scratch = new Uint8Array(256);

/** Test hook: force the copy-to-scratch path for shared buffers (or restore the probe). */
export function setSharedDecodeCopy(copy: boolean | undefined): void {
  decodeSharedDirectly = copy === undefined ? sharedDecodeWorks() : !copy;
}

/** The number of bytes `writeUtf8` will write for `s`. */
export function utf8Length(s: string): number {
  const n = s.length;
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLow(s.charCodeAt(i + 1))) {
      bytes += 2; // a pair: 2 units -> 4 bytes
      i++;
    } else {
      bytes += 2; // BMP char or a lone surrogate written as U+FFFD
    }
  }
  return bytes;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Writes `s` at `pos`. The caller has checked that `utf8Length(s)` bytes (or `3 * s.length`)
 * fit before `bytes.length`. Returns the bytes written.
 */
export function writeUtf8(bytes: Uint8Array, pos: number, s: string): number {
  const n = s.length;
  if (n > SHORT_WRITE) return encoder.encodeInto(s, bytes.subarray(pos)).written;
  const start = pos;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      bytes[pos++] = c;
      continue;
    }
    if (c < 0x800) {
      bytes[pos++] = 0xc0 | (c >> 6);
      bytes[pos++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && isLow(d)) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        bytes[pos++] = 0xf0 | (cp >> 18);
        bytes[pos++] = 0x80 | ((cp >> 12) & 0x3f);
        bytes[pos++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[pos++] = 0x80 | (cp & 0x3f);
        i++;
        continue;
      }
      c = 0xfffd;
    }
    bytes[pos++] = 0xe0 | (c >> 12);
    bytes[pos++] = 0x80 | ((c >> 6) & 0x3f);
    bytes[pos++] = 0x80 | (c & 0x3f);
  }
  return pos - start;
}

/** Decodes a short string in JS; `undefined` when the bytes are not valid UTF-8. */
function readShort(bytes: Uint8Array, start: number, end: number): string | undefined {
  let out = '';
  let i = start;
  while (i < end) {
    const a = bytes[i++]!;
    if (a < 0x80) {
      out += String.fromCharCode(a);
      continue;
    }
    // Reject overlong forms, surrogates and code points past U+10FFFF (RFC 3629, table 3-7 of
    // the Unicode standard), as the fatal TextDecoder does.
    if (a >= 0xc2 && a <= 0xdf) {
      if (i >= end) return undefined;
      const b = bytes[i++]!;
      if ((b & 0xc0) !== 0x80) return undefined;
      out += String.fromCharCode(((a & 0x1f) << 6) | (b & 0x3f));
    } else if (a >= 0xe0 && a <= 0xef) {
      if (i + 1 >= end) return undefined;
      const b = bytes[i++]!;
      const c = bytes[i++]!;
      const lo = a === 0xe0 ? 0xa0 : 0x80;
      const hi = a === 0xed ? 0x9f : 0xbf;
      if (b < lo || b > hi || (c & 0xc0) !== 0x80) return undefined;
      out += String.fromCharCode(((a & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f));
    } else if (a >= 0xf0 && a <= 0xf4) {
      if (i + 2 >= end) return undefined;
      const b = bytes[i++]!;
      const c = bytes[i++]!;
      const d = bytes[i++]!;
      const lo = a === 0xf0 ? 0x90 : 0x80;
      const hi = a === 0xf4 ? 0x8f : 0xbf;
      if (b < lo || b > hi || (c & 0xc0) !== 0x80 || (d & 0xc0) !== 0x80) return undefined;
      const cp = ((a & 0x07) << 18) | ((b & 0x3f) << 12) | ((c & 0x3f) << 6) | (d & 0x3f);
      out += String.fromCharCode(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      return undefined;
    }
  }
  return out;
}

function readLong(bytes: Uint8Array, start: number, end: number): string | undefined {
  let view = bytes.subarray(start, end);
  if (!decodeSharedDirectly && bytes.buffer instanceof SharedArrayBuffer) {
    const n = end - start;
    if (scratch.length < n) scratch = new Uint8Array(Math.max(n, scratch.length * 2));
    scratch.set(view);
    view = scratch.subarray(0, n);
  }
  try {
    return decoder.decode(view);
  } catch {
    return undefined;
  }
}

/**
 * Decodes `length` bytes at `start` (already bounds-checked by the caller). Invalid UTF-8 is a
 * DecodeError naming the type, field and the offset of the slot that pointed here.
 */
export function readUtf8(
  bytes: Uint8Array,
  start: number,
  length: number,
  where: string,
  typeName: string,
  field: string,
  slot: number,
): string {
  const end = start + length;
  const s = length <= SHORT_READ ? readShort(bytes, start, end) : readLong(bytes, start, end);
  if (s === undefined) {
    throw new DecodeError(
      where,
      'INVALID_UTF8',
      typeName,
      field,
      slot,
      `the ${length} bytes at ${start} are not valid UTF-8`,
    );
  }
  return s;
}
