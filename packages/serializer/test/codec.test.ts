import { inspect } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { codec, type Infer, type InferView, SerializerError, t } from '../src/index.js';

const Trade = t.struct({ id: t.u32, price: t.f64, qty: t.f64, side: t.u8, ts: t.i64 });
const trade: Infer<typeof Trade> = {
  id: 12345,
  price: 101.25,
  qty: 3.5,
  side: 1,
  ts: 1700000000123456789n,
};

const Quote = t.struct({
  symbol: t.utf8,
  levels: t.array(t.f64, 4),
  sizes: t.vec(t.u32),
  venue: t.optional(t.utf8),
  sender: t.ref,
  raw: t.bytes,
});

const Order = t.union('type', {
  limit: t.struct({ price: t.f64, qty: t.u32 }),
  market: t.struct({ qty: t.u32 }),
  cancel: t.struct({ orderId: t.ref, reason: t.optional(t.utf8) }),
});

const backends = ['generated', 'composed'] as const;

describe.each(backends)('codec (%s back end)', (backend) => {
  it('writes the small trade message in 29 bytes and reads it back', () => {
    const c = codec(Trade, { name: 'Trade', backend });
    expect(c.fixedSize).toBe(29);
    expect(c.sizeOf(trade)).toBe(29);
    const view = new DataView(new ArrayBuffer(64));
    expect(c.encode(trade, view, 7)).toBe(29);
    expect(c.decode(view, 7, 36)).toEqual(trade);
    expect(c.backend).toBe(backend);
  });

  it('returns -1 instead of writing when the fixed part does not fit', () => {
    const c = codec(Trade, { backend });
    const bytes = new Uint8Array(40);
    expect(c.encode(trade, new DataView(bytes.buffer), 12)).toBe(-1);
    expect(c.encode(trade, new DataView(bytes.buffer), 0, 28)).toBe(-1);
    expect(c.encode(trade, new DataView(bytes.buffer), 12, Number.NaN)).toBe(-1);
    expect(bytes.every((b) => b === 0)).toBe(true);
  });

  it('reads a lazy view field by field from the buffer, seeing later writes', () => {
    const c = codec(Trade, { backend });
    const view = new DataView(new SharedArrayBuffer(64));
    c.encode(trade, view, 0);
    const lazy = c.view(view, 0, 29);
    expect(lazy.price).toBe(101.25);
    view.setFloat64(4, 99.5, true);
    expect(lazy.price).toBe(99.5);
    expect(lazy.ts).toBe(trade.ts);
    expect(() => {
      (lazy as { price: number }).price = 1;
    }).toThrow(TypeError);
  });

  it('round-trips strings, arrays, vecs, optionals, refs and bytes', () => {
    const c = codec(Quote, { backend });
    const value = {
      symbol: 'EUR/USD €',
      levels: [1.1, 1.2, 1.3, 1.4],
      sizes: [10, 20, 30],
      venue: undefined,
      sender: 2 ** 53 - 1,
      raw: new Uint8Array([1, 2, 3]),
    };
    const size = c.sizeOf(value);
    const view = new DataView(new ArrayBuffer(size));
    expect(c.encode(value, view, 0)).toBe(size);
    expect(c.decode(view, 0)).toEqual({
      ...value,
      levels: new Float64Array(value.levels),
      sizes: new Uint32Array(value.sizes),
    });
    expect(c.fixedSize).toBe(-1);
  });

  it('aliases the buffer from a view when the array is aligned, and copies in decode', () => {
    const c = codec(Quote, { backend });
    const value = {
      symbol: 'x',
      levels: new Float64Array([1, 2, 3, 4]),
      sizes: new Uint32Array([5]),
      sender: 1,
      raw: new Uint8Array([9]),
    };
    const view = new DataView(new ArrayBuffer(256));
    c.encode(value, view, 8);
    const lazy = c.view(view, 8);
    const decoded = c.decode(view, 8);
    expect(lazy.levels.buffer).toBe(view.buffer);
    expect(lazy.raw.buffer).toBe(view.buffer);
    expect(decoded.levels.buffer).not.toBe(view.buffer);
    lazy.levels[0] = 42;
    expect(c.view(view, 8).levels[0]).toBe(42);
    expect(decoded.levels[0]).toBe(1);
  });

  it('keeps every decoded copy intact across many decodes, small and large', () => {
    const c = codec(Quote, { backend });
    const view = new DataView(new SharedArrayBuffer(8192));
    const kept: { sizes: Uint32Array; raw: Uint8Array; i: number }[] = [];
    for (let i = 0; i < 600; i++) {
      const n = i % 7 === 0 ? 700 : i % 13; // 2800-byte vecs take the unpooled path
      const value = {
        symbol: `s${i}`,
        levels: [i, i, i, i],
        sizes: Array.from({ length: n }, (_, k) => i * 1000 + k),
        sender: i,
        raw: new Uint8Array(i % 5).fill(i & 0xff),
      };
      const size = c.encode(value, view, 8);
      const decoded = c.decode(view, 8, 8 + size);
      kept.push({ sizes: decoded.sizes, raw: decoded.raw, i });
      view.setUint32(8 + size - 4, 0xdeadbeef, true); // scribble on the source afterwards
    }
    for (const { sizes, raw, i } of kept) {
      const n = i % 7 === 0 ? 700 : i % 13;
      expect(sizes.length).toBe(n);
      for (let k = 0; k < n; k++) expect(sizes[k]).toBe(i * 1000 + k);
      expect(raw.every((b) => b === (i & 0xff))).toBe(true);
      expect(sizes.buffer).toBeInstanceOf(ArrayBuffer);
      expect(sizes.byteOffset % 8).toBe(0);
    }
  });

  it('copies arrays in a view when the message sits at an unaligned offset', () => {
    const c = codec(Quote, { backend });
    const value = {
      symbol: '',
      levels: [1, 2, 3, 4],
      sizes: [],
      sender: 0,
      raw: new Uint8Array(0),
    };
    const view = new DataView(new ArrayBuffer(256));
    c.encode(value, view, 3);
    const lazy = c.view(view, 3);
    expect(lazy.levels).toEqual(new Float64Array([1, 2, 3, 4]));
    expect(lazy.levels.buffer).not.toBe(view.buffer);
  });

  it('shows a view as its fields in JSON.stringify and console.log, not the buffer', () => {
    const c = codec(Order, { backend });
    const view = new DataView(new ArrayBuffer(64));
    const size = c.encode({ type: 'cancel', orderId: 7, reason: 'late' }, view, 0);
    const lazy = c.view(view, 0, size);
    expect(JSON.parse(JSON.stringify(lazy))).toEqual({
      type: 'cancel',
      orderId: 7,
      reason: 'late',
    });
    expect(inspect(lazy)).toBe("{ type: 'cancel', orderId: 7, reason: 'late' }");
  });

  it('tags a union with its variant and decodes to the matching shape', () => {
    const c = codec(Order, { backend });
    const messages: Infer<typeof Order>[] = [
      { type: 'limit', price: 10.5, qty: 3 },
      { type: 'market', qty: 7 },
      { type: 'cancel', orderId: 99, reason: 'user' },
      { type: 'cancel', orderId: 100, reason: undefined },
    ];
    const view = new DataView(new ArrayBuffer(64));
    for (const message of messages) {
      const size = c.encode(message, view, 0);
      expect(size).toBe(c.sizeOf(message));
      expect(c.decode(view, 0, size)).toEqual(message);
      const lazy = c.view(view, 0, size);
      expect(lazy.type).toBe(message.type);
      if (lazy.type === 'limit') expect(lazy.price).toBe(10.5);
    }
    expect(c.encode({ type: 'market', qty: 1 }, view, 0)).toBe(5);
  });

  it('writes lone surrogates as U+FFFD, like TextEncoder', () => {
    const c = codec(t.struct({ s: t.utf8 }), { backend });
    const view = new DataView(new ArrayBuffer(256));
    for (const s of ['a\uD800b', '\uDC00', `${'x'.repeat(30)}\uD83D`, '😀\uD83D😀']) {
      const size = c.encode({ s }, view, 0);
      expect(size).toBe(c.sizeOf({ s }));
      expect(c.decode(view, 0, size).s).toBe(new TextDecoder().decode(new TextEncoder().encode(s)));
    }
  });

  it('keeps equal values byte-identical however the buffer was used before', () => {
    const c = codec(Quote, { backend });
    const value = {
      symbol: 'a',
      levels: [1, 2, 3, 4],
      sizes: [1],
      sender: 5,
      raw: new Uint8Array(0),
    };
    const clean = new Uint8Array(128);
    const dirty = new Uint8Array(128).fill(0xff);
    const n = c.encode(value, new DataView(clean.buffer), 0);
    c.encode(value, new DataView(dirty.buffer), 0);
    expect(dirty.subarray(0, n)).toEqual(clean.subarray(0, n));
  });

  it('throws UNENCODABLE for a fixed array of the wrong length or an unknown tag, INVALID_ARGUMENT for a bad offset', () => {
    const q = codec(Quote, { backend });
    const o = codec(Order, { backend });
    const view = new DataView(new ArrayBuffer(256));
    const bad = { symbol: '', levels: [1], sizes: [], sender: 0, raw: new Uint8Array(0) };
    expect(() => q.encode(bad, view, 0)).toThrow(SerializerError);
    expect(() => q.encode(bad, view, 0)).toThrow(
      /levels: expected a fixed array of 4 elements, got Array of length 1/,
    );
    expect(() => q.encode(bad, view, 0)).toThrow(expect.objectContaining({ code: 'UNENCODABLE' }));
    expect(() => o.encode({ type: 'stop' } as never, view, 0)).toThrow(
      /"type" to name one of the union's variants, got string "stop"/,
    );
    expect(() => o.sizeOf({ type: 'stop' } as never)).toThrow(SerializerError);
    expect(() => q.encode(bad, view, -1)).toThrow(/offset \(-1\)/);
    expect(() => q.encode(bad, view, -1)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('accepts values at the edges of every integer kind', () => {
    const All = t.struct({
      i8: t.i8,
      u8: t.u8,
      i16: t.i16,
      u16: t.u16,
      i32: t.i32,
      u32: t.u32,
      i64: t.i64,
      u64: t.u64,
      f32: t.f32,
      f64: t.f64,
      b: t.bool,
      r: t.ref,
    });
    const c = codec(All, { backend });
    const view = new DataView(new ArrayBuffer(64));
    for (const value of [
      {
        i8: -128,
        u8: 255,
        i16: -32768,
        u16: 65535,
        i32: -(2 ** 31),
        u32: 2 ** 32 - 1,
        i64: -(2n ** 63n),
        u64: 2n ** 64n - 1n,
        f32: -0,
        f64: Number.MAX_VALUE,
        b: true,
        r: 2 ** 53 - 1,
      },
      {
        i8: 127,
        u8: 0,
        i16: 32767,
        u16: 0,
        i32: 2 ** 31 - 1,
        u32: 0,
        i64: 2n ** 63n - 1n,
        u64: 0n,
        f32: 0.5,
        f64: Number.NaN,
        b: false,
        r: 0,
      },
    ]) {
      c.encode(value, view, 0);
      expect(c.decode(view, 0)).toEqual(value);
    }
  });
});

describe('codec', () => {
  it('rejects a schema that is not a struct or a union at the root', () => {
    expect(() => codec(t.u8 as never)).toThrow(SerializerError);
    expect(() => codec(t.u8 as never)).toThrow(/t\.struct or a t\.union/);
  });

  it('rejects an unknown back end', () => {
    expect(() => codec(Trade, { backend: 'fast' as never })).toThrow(/backend must be/);
  });

  it('infers decoded, input and view types from the schema', () => {
    const c = codec(Quote);
    expectTypeOf(c.decode).returns.toEqualTypeOf<{
      symbol: string;
      levels: Float64Array;
      sizes: Uint32Array;
      venue?: string | undefined;
      sender: number;
      raw: Uint8Array;
    }>();
    expectTypeOf(c.encode).parameter(0).toMatchTypeOf<{ levels: ArrayLike<number> }>();
    expectTypeOf<InferView<typeof Quote>>().toMatchTypeOf<{ readonly symbol: string }>();
    expectTypeOf<Infer<typeof Order>>().toEqualTypeOf<
      | { type: 'limit'; price: number; qty: number }
      | { type: 'market'; qty: number }
      | { type: 'cancel'; orderId: number; reason?: string | undefined }
    >();
    expectTypeOf<Infer<typeof Trade>['ts']>().toEqualTypeOf<bigint>();
  });
});
