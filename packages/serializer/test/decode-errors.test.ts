import { describe, expect, it } from 'vitest';
import { CodecRegistry, codec, DecodeError, HEADER_BYTES, t } from '../src/index.js';

const Note = t.struct({
  id: t.u32,
  text: t.utf8,
  xs: t.vec(t.f64),
  flag: t.bool,
  maybe: t.optional(t.u8),
  who: t.ref,
});
const Event = t.union('kind', { a: t.struct({ x: t.u8 }), b: t.struct({ y: t.utf8 }) });
const Holder = t.struct({ e: Event });

function catchDecode(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

function encoded(): { view: DataView; size: number } {
  const c = codec(Note, { name: 'Note' });
  const value = { id: 1, text: 'hello', xs: [1, 2], flag: true, maybe: 3, who: 7 };
  const view = new DataView(new ArrayBuffer(128));
  return { view, size: c.encode(value, view, 0) };
}

describe.each(['generated', 'composed'] as const)('decoding bad bytes (%s back end)', (backend) => {
  const c = codec(Note, { name: 'Note', backend });

  it('names the type and the offset when the fixed part is truncated', () => {
    const { view } = encoded();
    const error = catchDecode(() => c.decode(view, 0, 10));
    expect(error.code).toBe('TRUNCATED');
    expect(error.typeName).toBe('Note');
    expect(error.field).toBe('');
    expect(error.offset).toBe(0);
    expect(error.message).toMatch(/^@zactor\/serializer\/codec\.decode: Note at byte 0: needs/);
    expect(catchDecode(() => c.view(view, 0, 10)).message).toMatch(/codec\.view/);
  });

  it('names the field whose data runs past the end', () => {
    const { view, size } = encoded();
    const error = catchDecode(() => c.decode(view, 0, size - 1));
    expect(error.code).toBe('OUT_OF_BOUNDS');
    expect(error.typeName).toBe('Note');
    expect(['text', 'xs']).toContain(error.field);
    view.setUint32(8, 0xffffffff, true); // text length
    const text = catchDecode(() => c.decode(view, 0, size));
    expect(text.field).toBe('text');
    expect(text.offset).toBe(4);
    // The view checks lazily: fields that are fine still read.
    const lazy = c.view(view, 0, size);
    expect(lazy.id).toBe(1);
    expect(catchDecode(() => lazy.text).field).toBe('text');
  });

  it('rejects a vec whose element count overflows the body', () => {
    const { view, size } = encoded();
    view.setUint32(16, 0x7fffffff, true);
    expect(catchDecode(() => c.decode(view, 0, size)).field).toBe('xs');
  });

  it('rejects invalid UTF-8 with the field and slot offset', () => {
    const { view, size } = encoded();
    const start = view.getUint32(4, true);
    view.setUint8(start + 1, 0xff);
    const error = catchDecode(() => c.decode(view, 0, size));
    expect(error.code).toBe('INVALID_UTF8');
    expect(error.field).toBe('text');
    expect(error.offset).toBe(4);
  });

  it('rejects a bool, a presence byte or a ref that cannot have been written', () => {
    const { view, size } = encoded();
    view.setUint8(20, 2);
    expect(catchDecode(() => c.decode(view, 0, size)).code).toBe('INVALID_BOOL');
    view.setUint8(20, 1);
    view.setUint8(21, 7);
    const presence = catchDecode(() => c.decode(view, 0, size));
    expect(presence.code).toBe('INVALID_PRESENCE');
    expect(presence.field).toBe('maybe');
    view.setUint8(21, 1);
    view.setUint32(27, 0x200000, true);
    expect(catchDecode(() => c.decode(view, 0, size)).code).toBe('INVALID_REF');
  });

  it('rejects an unknown union variant index', () => {
    const h = codec(Holder, { name: 'Holder', backend });
    const view = new DataView(new ArrayBuffer(32));
    const size = h.encode({ e: { kind: 'a', x: 1 } }, view, 0);
    view.setUint8(view.getUint32(0, true), 9);
    const error = catchDecode(() => h.decode(view, 0, size));
    expect(error.code).toBe('UNKNOWN_TAG');
    expect(error.field).toBe('e');
    expect(error.message).toMatch(/variant index 9 is not below 2/);
    view.setUint32(0, 1000, true);
    expect(catchDecode(() => h.view(view, 0, size).e).code).toBe('OUT_OF_BOUNDS');
  });

  it('rejects an end past the view and a negative offset', () => {
    const { view } = encoded();
    expect(catchDecode(() => c.decode(view, 0, 1000)).code).toBe('TRUNCATED');
    expect(catchDecode(() => c.decode(view, -4)).code).toBe('TRUNCATED');
    expect(catchDecode(() => c.decode(view, Number.NaN)).code).toBe('TRUNCATED');
  });
});

describe('decoding registered frames', () => {
  it('fails loudly when the writer registered another version of the schema', () => {
    const v1 = new CodecRegistry();
    const v2 = new CodecRegistry();
    const writer = v1.register(5, t.struct({ id: t.u32 }), { name: 'Ping' });
    v2.register(5, t.struct({ id: t.u32, extra: t.u8 }), { name: 'Ping' });
    const view = new DataView(new ArrayBuffer(64));
    const n = writer.encode({ id: 1 }, view, 0);
    const error = catchDecode(() => v2.decode(view, 0, n));
    expect(error.code).toBe('FINGERPRINT_MISMATCH');
    expect(error.typeName).toBe('Ping');
    expect(error.offset).toBe(4);
    expect(error.message).toMatch(/different versions/);
  });

  it('rejects an unknown type id, non-zero reserved fields and a body length past the end', () => {
    const registry = new CodecRegistry();
    const ping = registry.register(5, t.struct({ id: t.u32 }), { name: 'Ping' });
    const view = new DataView(new ArrayBuffer(64));
    const n = ping.encode({ id: 1 }, view, 0);
    expect(n).toBe(HEADER_BYTES + 4);
    view.setUint16(0, 6, true);
    const unknown = catchDecode(() => registry.decode(view, 0, n));
    expect(unknown.code).toBe('UNKNOWN_TYPE');
    expect(unknown.typeName).toBe('type 6');
    expect(catchDecode(() => ping.decode(view, 0, n)).code).toBe('WRONG_TYPE');
    view.setUint16(0, 5, true);
    view.setUint32(12, 1, true);
    expect(catchDecode(() => registry.decode(view, 0, n)).code).toBe('INVALID_HEADER');
    view.setUint32(12, 0, true);
    view.setUint32(8, 5, true);
    expect(catchDecode(() => registry.decode(view, 0, n)).code).toBe('OUT_OF_BOUNDS');
    expect(catchDecode(() => registry.decode(view, 0, 15)).code).toBe('TRUNCATED');
  });
});
