import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codec } from '../src/index.js';
import { materialize, schemaWithValueArb } from './support/schema-arbitraries.js';

const runs = process.env.FUZZ === '1' ? 5000 : 150;

describe('compiled codecs on random schemas', () => {
  it('decode returns what encode was given, and sizeOf is the exact byte count', () => {
    fc.assert(
      fc.property(schemaWithValueArb(), fc.integer({ min: 0, max: 9 }), ({ schema, value }, at) => {
        const c = codec(schema);
        const size = c.sizeOf(value as never);
        const view = new DataView(new ArrayBuffer(at + size + 8));
        expect(c.encode(value as never, view, at)).toBe(size);
        expect(c.decode(view, at, at + size)).toEqual(value);
      }),
      { numRuns: runs },
    );
  });

  it('a lazy view reads the same values as decode', () => {
    fc.assert(
      fc.property(schemaWithValueArb(), fc.integer({ min: 0, max: 9 }), ({ schema, value }, at) => {
        const c = codec(schema);
        const size = c.sizeOf(value as never);
        const view = new DataView(new SharedArrayBuffer(at + size));
        c.encode(value as never, view, at);
        expect(materialize(schema, c.view(view, at, at + size))).toEqual(value);
      }),
      { numRuns: runs },
    );
  });

  it('the generated and the composed back ends agree byte for byte and decode each other', () => {
    fc.assert(
      fc.property(schemaWithValueArb(), ({ schema, value }) => {
        const generated = codec(schema, { backend: 'generated' });
        const composed = codec(schema, { backend: 'composed' });
        expect(composed.sizeOf(value as never)).toBe(generated.sizeOf(value as never));
        const size = generated.sizeOf(value as never);
        const a = new DataView(new ArrayBuffer(size));
        const b = new DataView(new ArrayBuffer(size));
        expect(generated.encode(value as never, a, 0)).toBe(size);
        expect(composed.encode(value as never, b, 0)).toBe(size);
        expect(new Uint8Array(b.buffer)).toEqual(new Uint8Array(a.buffer));
        expect(composed.decode(a, 0)).toEqual(value);
        expect(materialize(schema, composed.view(a, 0))).toEqual(value);
      }),
      { numRuns: runs },
    );
  });

  it('returns -1 when the room is one byte short and never writes past the end it was given', () => {
    fc.assert(
      fc.property(schemaWithValueArb(), fc.boolean(), ({ schema, value }, composed) => {
        const c = codec(schema, { backend: composed ? 'composed' : 'generated' });
        const size = c.sizeOf(value as never);
        fc.pre(size > 0);
        const bytes = new Uint8Array(size + 16).fill(0xa5);
        const view = new DataView(bytes.buffer);
        expect(c.encode(value as never, view, 8, 8 + size - 1)).toBe(-1);
        expect(bytes.subarray(0, 8).every((b) => b === 0xa5)).toBe(true);
        expect(bytes.subarray(8 + size - 1).every((b) => b === 0xa5)).toBe(true);
      }),
      { numRuns: runs },
    );
  });
});
