import { describe, expect, it } from 'vitest';
import {
  codec,
  describeSchema,
  fnv1a32,
  SerializerError,
  schemaFingerprint,
  t,
} from '../src/index.js';

describe('schema builders', () => {
  it('reject field names that are not plain identifiers or are reserved', () => {
    for (const name of ['1x', 'a-b', '$dv', 'constructor', '__proto__', 'toJSON', '']) {
      expect(() => t.struct({ [name]: t.u8 })).toThrow(SerializerError);
    }
    expect(() => t.struct({ [`a b`]: t.u8 })).toThrow(/field name "a b"/);
  });

  it('reject things that are not schemas', () => {
    expect(() => t.struct({ a: 5 as never })).toThrow(/expected a schema/);
    expect(() => t.optional(null as never)).toThrow(SerializerError);
    expect(() => t.struct(null as never)).toThrow(SerializerError);
  });

  it('reject an optional of an optional, non-numeric array elements and bad lengths', () => {
    expect(() => t.optional(t.optional(t.u8))).toThrow(/optional cannot wrap/);
    expect(() => t.array(t.bool as never, 3)).toThrow(/numeric/);
    expect(() => t.vec(t.utf8 as never)).toThrow(/numeric/);
    expect(() => t.array(t.f64, 0)).toThrow(/length \(0\)/);
    expect(() => t.array(t.f64, 1.5)).toThrow(/length/);
  });

  it('reject unions without variants, with non-struct variants or with a field named like the tag', () => {
    expect(() => t.union('type', {})).toThrow(/1\.\.256 variants/);
    expect(() => t.union('type', { a: t.u8 as never })).toThrow(/must be a t\.struct/);
    expect(() => t.union('type', { a: t.struct({ type: t.u8 }) })).toThrow(/named like the tag/);
    expect(() => t.union('bad tag', { a: t.struct({}) })).toThrow(SerializerError);
    const many = Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`v${i}`, t.struct({})]));
    expect(() => t.union('type', many)).toThrow(/got 257/);
  });

  it('freeze what they build', () => {
    const s = t.struct({ a: t.u8 });
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.fields)).toBe(true);
    expect(Object.isFrozen(t.u8)).toBe(true);
  });
});

describe('fingerprints', () => {
  it('describe a schema canonically', () => {
    expect(
      describeSchema(
        t.struct({
          id: t.u32,
          xs: t.vec(t.f64),
          a: t.array(t.i16, 3),
          o: t.optional(t.utf8),
          u: t.union('k', { p: t.struct({ r: t.ref }), q: t.struct({ b: t.bytes }) }),
        }),
      ),
    ).toBe(
      'struct{id:u32,xs:vec<f64>,a:array<i16,3>,o:opt<utf8>,u:union<"k">{"p":struct{r:ref},"q":struct{b:bytes}}}',
    );
  });

  it('hash with 32-bit FNV-1a', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('change with field names, order, kinds, array lengths and variants, and nothing else', () => {
    const base = schemaFingerprint(t.struct({ a: t.u32, b: t.utf8 }));
    expect(schemaFingerprint(t.struct({ a: t.u32, b: t.utf8 }))).toBe(base);
    const variants = [
      t.struct({ a: t.u32, c: t.utf8 }),
      t.struct({ b: t.utf8, a: t.u32 }),
      t.struct({ a: t.i32, b: t.utf8 }),
      t.struct({ a: t.u32, b: t.optional(t.utf8) }),
      t.struct({ a: t.u32, b: t.utf8, c: t.bool }),
    ];
    for (const other of variants) expect(schemaFingerprint(other)).not.toBe(base);
    expect(schemaFingerprint(t.struct({ a: t.array(t.u8, 2) }))).not.toBe(
      schemaFingerprint(t.struct({ a: t.array(t.u8, 3) })),
    );
    expect(codec(t.struct({ a: t.u32, b: t.utf8 }), { name: 'Other' }).fingerprint).toBe(base);
  });
});
