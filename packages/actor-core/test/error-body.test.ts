import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYS_ERROR_HEADER_BYTES } from '../src/cluster/wire/envelope-layout.js';
import { decodeErrorBody, encodeErrorBody } from '../src/cluster/wire/error-body.js';

const text = (max: number) => fc.string({ unit: 'grapheme', maxLength: max });

function errorOf(name: string, message: string, stack: string): Error {
  const e = new Error(message);
  e.name = name;
  e.stack = stack;
  return e;
}

describe('error bodies of remote failures', () => {
  it('carry name, message and stack across unchanged when they fit', () => {
    fc.assert(
      fc.property(text(40), text(400), text(800), (name, message, stack) => {
        const back = decodeErrorBody(encodeErrorBody(errorOf(name, message, stack), 1 << 16));
        expect([back.name, back.message, back.stack]).toEqual([name, message, stack]);
        expect(back).toBeInstanceOf(Error);
      }),
      { numRuns: 300 },
    );
  });

  it('cut the stack first, then the message, never past the byte limit', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.string({ maxLength: 5000 }),
        fc.string({ maxLength: 9000 }),
        fc.integer({ min: 0, max: 12_000 }),
        (name, message, stack, limit) => {
          const body = encodeErrorBody(errorOf(name, message, stack), limit);
          expect(body.length).toBeLessThanOrEqual(Math.max(limit, SYS_ERROR_HEADER_BYTES));
          const back = decodeErrorBody(body);
          // ASCII-only here, so a cut is a plain prefix.
          expect(name.startsWith(back.name)).toBe(true);
          expect(message.startsWith(back.message)).toBe(true);
          expect(stack.startsWith(back.stack ?? '')).toBe(true);
          if (back.message.length < message.length) expect(back.stack).toBe('');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('turn a thrown non-Error into an Error of its text', () => {
    const back = decodeErrorBody(encodeErrorBody('plain string', 1024));
    expect([back.name, back.message]).toEqual(['Error', 'plain string']);
  });

  it('never throw on corrupt bytes: a body that does not add up is a generic Error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeErrorBody(bytes)).toBeInstanceOf(Error);
      }),
      { numRuns: 500 },
    );
    const lying = encodeErrorBody(new Error('x'), 1024);
    new DataView(lying.buffer).setUint32(0, 1 << 30, true);
    expect(decodeErrorBody(lying).message).toBe('(undecodable remote error)');
  });
});
