import { testSeed } from '@zactor/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENV_F64_BODY,
  ENV_HEADER_BYTES,
  envelopeBytes,
} from '../src/cluster/wire/envelope-layout.js';
import { type EnvelopeVisitor, readEnvelopes } from '../src/cluster/wire/envelope-reader.js';
import {
  type EnvelopeBuffer,
  writeBlockEnvelope,
  writeNumberEnvelope,
  writeSystemHeader,
  writeUserHeader,
} from '../src/cluster/wire/envelope-writer.js';
import { encodeErrorBody, readErrorBody } from '../src/cluster/wire/error-body.js';

type Spec =
  | { kind: 'number'; value: number; target: number; sender: number }
  | { kind: 'frame'; codec: number; body: Uint8Array; target: number; sender: number }
  | { kind: 'block'; block: number; length: number; target: number; sender: number }
  | { kind: 'system'; sysKind: number; token: number | null; target: number; sender: number };

/** What a reader saw, in the same shape as a Spec (numbers compared by their bits). */
type Seen = Record<string, unknown>;

const id = fc.integer({ min: 0, max: 2 ** 53 - 1 });
const senderId = fc.oneof(fc.constant(-1), id);
const spec: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({
    kind: fc.constant('number' as const),
    value: fc.double(),
    target: id,
    sender: senderId,
  }),
  fc.record({
    kind: fc.constant('frame' as const),
    codec: fc.integer({ min: 0, max: 0xfffd }),
    body: fc.uint8Array({ minLength: 2, maxLength: 200 }),
    target: id,
    sender: senderId,
  }),
  fc.record({
    kind: fc.constant('block' as const),
    block: fc.integer({ min: 0, max: 0xfffffffe }),
    length: fc.nat(),
    target: id,
    sender: senderId,
  }),
  fc.record({
    kind: fc.constant('system' as const),
    sysKind: fc.integer({ min: 0, max: 255 }),
    token: fc.option(fc.integer({ min: 1, max: 2 ** 31 }), { nil: null }),
    target: id,
    sender: senderId,
  }),
);

function buffer(bytes: number): EnvelopeBuffer & { bytes: Uint8Array; view: DataView } {
  const raw = new ArrayBuffer(bytes);
  return {
    u32: new Uint32Array(raw),
    f64: new Float64Array(raw),
    bytes: new Uint8Array(raw),
    view: new DataView(raw),
    capacity: bytes,
  };
}

function write(specs: readonly Spec[]) {
  const sizes = specs.map((s) =>
    envelopeBytes(
      s.kind === 'number' || s.kind === 'block'
        ? 8
        : s.kind === 'frame'
          ? s.body.length
          : s.token === null
            ? 0
            : 8,
    ),
  );
  const b = buffer(sizes.reduce((a, n) => a + n, 0) + 8);
  let at = 0;
  for (const s of specs) {
    if (s.kind === 'number') at += writeNumberEnvelope(b, at, s.value, s.target, s.sender);
    else if (s.kind === 'block')
      at += writeBlockEnvelope(b, at, s.block, s.length, s.target, s.sender);
    else if (s.kind === 'frame') {
      // A frame starts with its codec id, as the codecs write it.
      const body = s.body.slice();
      body[0] = s.codec & 0xff;
      body[1] = s.codec >>> 8;
      b.bytes.set(body, at + ENV_HEADER_BYTES);
      at += writeUserHeader(b, at, s.codec, body.length, s.target, s.sender);
    } else {
      const bodyBytes = s.token === null ? 0 : 8;
      if (s.token !== null) b.f64[(at >>> 3) + ENV_F64_BODY] = s.token;
      at += writeSystemHeader(b, at, s.sysKind, bodyBytes, s.target, s.sender);
    }
  }
  return { b, used: at };
}

function reader(b: ReturnType<typeof buffer>, seen: Seen[]): EnvelopeVisitor {
  return {
    onUser(head, bodyBytes, target, sender, at) {
      const codec = head >>> 16;
      const body = at + ENV_HEADER_BYTES;
      if (codec === 0xffff)
        seen.push({ kind: 'number', value: b.view.getFloat64(body, true), target, sender });
      else if (codec === 0xfffe) {
        expect(bodyBytes).toBe(8);
        seen.push({
          kind: 'block',
          block: b.view.getUint32(body, true),
          length: b.view.getUint32(body + 4, true),
          target,
          sender,
        });
      } else {
        const bytes = b.bytes.slice(body, body + bodyBytes);
        seen.push({ kind: 'frame', codec, body: bytes, target, sender });
      }
    },
    onSystem(sysKind, bodyBytes, target, sender, at) {
      const token = bodyBytes === 8 ? b.f64[(at >>> 3) + ENV_F64_BODY]! : null;
      seen.push({ kind: 'system', sysKind, token, target, sender });
    },
  };
}

function expected(specs: readonly Spec[]): Seen[] {
  return specs.map((s) => {
    if (s.kind !== 'frame') return { ...s };
    const body = s.body.slice();
    body[0] = s.codec & 0xff;
    body[1] = s.codec >>> 8;
    return { ...s, body };
  });
}

describe('the envelope wire format', () => {
  it('reads back exactly what the writer wrote, for any sequence of envelopes', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 40 }), (specs) => {
        const { b, used } = write(specs);
        const seen: Seen[] = [];
        expect(readEnvelopes(b.u32, b.f64, 0, used, reader(b, seen))).toBe('complete');
        expect(seen).toEqual(expected(specs));
      }),
      { seed: testSeed('envelope round trip'), numRuns: 300 },
    );
  });

  it('stops with a typed outcome on a run cut anywhere, never reading past its end', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 10 }), fc.nat(), (specs, cut) => {
        const { b, used } = write(specs);
        const end = (cut % used) & ~7;
        const seen: Seen[] = [];
        const outcome = readEnvelopes(b.u32, b.f64, 0, end, reader(b, seen));
        expect(['complete', 'truncated']).toContain(outcome);
        expect(seen).toEqual(expected(specs).slice(0, seen.length));
      }),
      { seed: testSeed('envelope cut'), numRuns: 300 },
    );
  });

  it('never loops, throws or overruns on hostile bytes, lengths near 2^32 included', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 512 }),
        fc.constantFrom(0, 0xffffffe8, 0xfffffff9, 0xffffffff, 8, 16),
        (bytes, hostileLength) => {
          const size = (bytes.length + 7) & ~7;
          const b = buffer(size + 32);
          b.bytes.set(bytes);
          if (size >= ENV_HEADER_BYTES) b.u32[1] = hostileLength;
          let visits = 0;
          const counting: EnvelopeVisitor = {
            onUser: (_h, bodyBytes, _t, _s, at) => {
              visits++;
              expect(at + ENV_HEADER_BYTES + bodyBytes).toBeLessThanOrEqual(size);
            },
            onSystem: (_k, bodyBytes, _t, _s, at) => {
              visits++;
              expect(at + ENV_HEADER_BYTES + bodyBytes).toBeLessThanOrEqual(size);
            },
          };
          const outcome = readEnvelopes(b.u32, b.f64, 0, size, counting);
          expect(['complete', 'truncated', 'unknown-kind']).toContain(outcome);
          expect(visits).toBeLessThanOrEqual(size / ENV_HEADER_BYTES);
        },
      ),
      { seed: testSeed('envelope fuzz'), numRuns: 2000 },
    );
  });

  it('refuses a misaligned run', () => {
    const b = buffer(64);
    const visitor = reader(b, []);
    expect(readEnvelopes(b.u32, b.f64, 4, 64, visitor)).toBe('misaligned');
  });
});

describe('the error body of a system envelope', () => {
  it('is read back only when its lengths add up to exactly its size', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 200 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (name, message, word, value) => {
          const error = new Error(message);
          error.name = name;
          const body = encodeErrorBody(error, 4096);
          expect(readErrorBody(body)).toMatchObject({ name, message });
          expect(readErrorBody(body.subarray(0, body.length - 1))).toBeUndefined();
          const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
          const was = view.getUint32(word * 4, true);
          view.setUint32(word * 4, value, true);
          expect(readErrorBody(body) === undefined).toBe(value !== was);
        },
      ),
      { seed: testSeed('error body lengths'), numRuns: 300 },
    );
  });
});
