import { codec, type Infer, type InferInput, t } from '@zactor/serializer';

/**
 * The messages the serializer suite round-trips. Every implementation gets the same values; JSON
 * gets `ts` as a plain number because it has no 64-bit integers (the others carry a bigint).
 */

export const SmallMessage = t.struct({
  id: t.u32,
  price: t.f64,
  qty: t.f64,
  side: t.u8,
  ts: t.i64,
});

export const MediumMessage = t.struct({
  id: t.u32,
  note: t.utf8,
  prices: t.array(t.f64, 32),
  side: t.u8,
  ts: t.i64,
});

export type Small = Infer<typeof SmallMessage>;
/** What decoding returns (prices as a Float64Array for ZActor, an array for the peers). */
export type Medium = Infer<typeof MediumMessage>;

export const small: Small = {
  id: 123_456,
  price: 101.25,
  qty: 3.5,
  side: 1,
  ts: 1_700_000_000_123_456_789n,
};

export const medium: InferInput<typeof MediumMessage> & { prices: number[] } = {
  id: 42,
  note: 'The quick brown fox jumps over the lazy dog; '.repeat(5).slice(0, 200),
  prices: Array.from({ length: 32 }, (_, i) => 100 + i * 0.25),
  side: 2,
  ts: 1_700_000_000_123_456_789n,
};

/** The same values with `ts` as a number, for JSON. */
export const smallForJson = { ...small, ts: Number(small.ts) };
export const mediumForJson = { ...medium, ts: Number(medium.ts) };

export const smallCodec = codec(SmallMessage);
export const mediumCodec = codec(MediumMessage);
