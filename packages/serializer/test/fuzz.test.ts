import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CodecRegistry,
  codec,
  DecodeError,
  type MessageSchema,
  MsgpackrFallbackCodec,
  type Schema,
  t,
  V8FallbackCodec,
} from '../src/index.js';
import {
  materialize,
  PRIMITIVE_KINDS,
  schemaWithValueArb,
  valueArb,
} from './support/schema-arbitraries.js';

// FUZZ=1 raises the number of runs by two orders of magnitude.
const runs = process.env.FUZZ === '1' ? 20000 : 200;

/** Decode, then view and read every field: either succeeds or throws DecodeError, nothing else. */
function decodeOrDecodeError(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
}

function exercise(
  schema: MessageSchema,
  c: ReturnType<typeof codec>,
  view: DataView,
  end: number,
): void {
  decodeOrDecodeError(() => c.decode(view, 0, end));
  decodeOrDecodeError(() => materialize(schema, c.view(view, 0, end)));
}

const mutation = fc.record({
  edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
    minLength: 1,
    maxLength: 4,
  }),
  cut: fc.integer({ min: -8, max: 8 }),
});

/** Applies byte edits (and a length change) to a valid encoding. */
function mutate(bytes: Uint8Array, edits: [number, number][], cut: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, bytes.length + cut));
  out.set(bytes.subarray(0, out.length));
  if (out.length > 0) for (const [at, byte] of edits) out[at % out.length] = byte;
  return out;
}

const kindSchemas: [string, MessageSchema][] = [
  ...PRIMITIVE_KINDS.map((kind): [string, MessageSchema] => [
    kind,
    t.struct({ a: t[kind], b: t[kind] }),
  ]),
  ['ref', t.struct({ a: t.ref })],
  ['utf8', t.struct({ a: t.utf8, b: t.utf8 })],
  ['bytes', t.struct({ a: t.bytes })],
  ['array', t.struct({ a: t.array(t.f64, 3), b: t.array(t.u16, 2) })],
  ['vec', t.struct({ a: t.vec(t.i64), b: t.vec(t.u8) })],
  ['optional', t.struct({ a: t.optional(t.utf8), b: t.optional(t.struct({ c: t.vec(t.f32) })) })],
  [
    'union',
    t.union('k', {
      x: t.struct({ s: t.utf8 }),
      y: t.struct({ n: t.u32, z: t.union('k', { p: t.struct({}), q: t.struct({ r: t.ref }) }) }),
    }),
  ],
];

describe.each(['generated', 'composed'] as const)('decoder fuzzing (%s back end)', (backend) => {
  it.each(kindSchemas)(
    'turns random bytes into values or DecodeErrors only (%s)',
    (_name, schema) => {
      const c = codec(schema, { backend });
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 96 }), fc.boolean(), (bytes, shared) => {
          const buffer = shared
            ? new SharedArrayBuffer(bytes.length)
            : new ArrayBuffer(bytes.length);
          new Uint8Array(buffer).set(bytes);
          exercise(schema, c, new DataView(buffer), bytes.length);
        }),
        { numRuns: runs },
      );
    },
  );

  it.each(kindSchemas)(
    'turns mutated valid encodings into values or DecodeErrors only (%s)',
    (_name, schema) => {
      const c = codec(schema, { backend });
      fc.assert(
        fc.property(valueArb(schema as Schema), mutation, (value, { edits, cut }) => {
          const size = c.sizeOf(value as never);
          const valid = new Uint8Array(size);
          c.encode(value as never, new DataView(valid.buffer), 0);
          const bytes = mutate(valid, edits, cut);
          exercise(schema, c, new DataView(bytes.buffer), bytes.length);
        }),
        { numRuns: runs },
      );
    },
  );

  it('turns mutated encodings of random schemas into values or DecodeErrors only', () => {
    fc.assert(
      fc.property(schemaWithValueArb(3), mutation, ({ schema, value }, { edits, cut }) => {
        const c = codec(schema, { backend });
        const size = c.sizeOf(value as never);
        const valid = new Uint8Array(size);
        c.encode(value as never, new DataView(valid.buffer), 0);
        const bytes = mutate(valid, edits, cut);
        exercise(schema, c, new DataView(bytes.buffer), bytes.length);
      }),
      { numRuns: runs },
    );
  });
});

describe('frame fuzzing', () => {
  it.each([
    ['msgpackr', () => new MsgpackrFallbackCodec()],
    ['v8', () => new V8FallbackCodec()],
  ] as const)(
    'decodes mutated frames (fallback %s) into values or DecodeErrors only',
    (_name, make) => {
      const registry = new CodecRegistry({ fallback: make() });
      const ping = registry.register(1, t.struct({ id: t.u32, name: t.utf8 }));
      const anyValue = fc.oneof(
        fc.jsonValue(),
        fc.record({ id: fc.nat(), name: fc.string() }).map((v) => ({ typed: v })),
      );
      fc.assert(
        fc.property(anyValue, mutation, fc.boolean(), (value, { edits, cut }, typed) => {
          const view = new DataView(new ArrayBuffer(4096));
          const n =
            typed && typeof value === 'object' && value !== null && 'typed' in value
              ? ping.encode(value.typed as { id: number; name: string }, view, 0)
              : registry.fallback.encode(value, view, 0);
          expect(n).toBeGreaterThan(0);
          const bytes = mutate(new Uint8Array(view.buffer, 0, n), edits, cut);
          const mutated = new DataView(bytes.buffer);
          decodeOrDecodeError(() => registry.decode(mutated, 0, bytes.length));
          decodeOrDecodeError(() => registry.view(mutated, 0, bytes.length));
        }),
        { numRuns: runs },
      );
    },
  );
});
