import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DecodeError } from '../src/index.js';
import { readUtf8, setSharedDecodeCopy, utf8Length, writeUtf8 } from '../src/utf8.js';

const runs = process.env.FUZZ === '1' ? 20000 : 500;
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // Raw UTF-16 units, lone surrogates included.
  fc
    .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
    .map((units) => String.fromCharCode(...units)),
);
const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function read(bytes: Uint8Array, start = 0, length = bytes.length): string {
  return readUtf8(bytes, start, length, 'test', 'T', 'f', 0);
}

afterEach(() => setSharedDecodeCopy(undefined));

describe('utf8', () => {
  it('counts and writes exactly the bytes TextEncoder produces, short and long', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const expected = new TextEncoder().encode(s);
        expect(utf8Length(s)).toBe(expected.length);
        const out = new Uint8Array(expected.length + 4);
        expect(writeUtf8(out, 2, s)).toBe(expected.length);
        expect(out.subarray(2, 2 + expected.length)).toEqual(expected);
      }),
      { numRuns: runs },
    );
  });

  it('decodes exactly what a fatal TextDecoder accepts and rejects the rest with DecodeError', () => {
    const bytesArb = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      anyString.map((s) => new TextEncoder().encode(s)),
      // Valid text with one byte changed: mostly invalid near the change.
      fc.tuple(anyString, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([s, at, byte]) => {
        const bytes = new TextEncoder().encode(`${s}é€😀`);
        bytes[at % bytes.length] = byte;
        return bytes;
      }),
    );
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        let expected: string | undefined;
        try {
          expected = fatal.decode(bytes);
        } catch {
          expected = undefined;
        }
        if (expected === undefined) expect(() => read(bytes)).toThrow(DecodeError);
        else expect(read(bytes)).toBe(expected);
      }),
      { numRuns: runs },
    );
  });

  it('rejects overlong forms, surrogates and code points past U+10FFFF', () => {
    for (const bad of [
      [0xc0, 0x80],
      [0xe0, 0x80, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf8],
      [0x80],
      [0xe2, 0x82],
    ]) {
      const error = (() => {
        try {
          read(new Uint8Array(bad));
        } catch (e) {
          return e as DecodeError;
        }
        return undefined;
      })();
      expect(error?.code).toBe('INVALID_UTF8');
      expect(error?.field).toBe('f');
    }
  });

  it.each([false, true])('decodes from a SharedArrayBuffer (copying first: %s)', (copy) => {
    setSharedDecodeCopy(copy);
    const text = 'shared memory — ünïcode 😀 '.repeat(3);
    const encoded = new TextEncoder().encode(text);
    const shared = new Uint8Array(new SharedArrayBuffer(encoded.length + 10));
    shared.set(encoded, 5);
    expect(read(shared, 5, encoded.length)).toBe(text);
    shared[6] = 0xff;
    expect(() => read(shared, 5, encoded.length)).toThrow(DecodeError);
    // A longer string than the scratch buffer has room for grows it.
    const big = new TextEncoder().encode('é'.repeat(500));
    const bigShared = new Uint8Array(new SharedArrayBuffer(big.length));
    bigShared.set(big);
    expect(read(bigShared)).toBe('é'.repeat(500));
  });
});
