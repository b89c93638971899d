/**
 * Benchmark scenarios as plain functions, so apps/bench can reuse them: each returns tasks
 * (name + zero-argument function) whose set-up is already done. Every task leaves its result
 * in `sink` so nothing is optimised away.
 *
 * Peers: JSON (stringify/parse; the i64 timestamp travels as a number because JSON has no
 * bigint), node:v8 serialize/deserialize, msgpackr without records and msgpackr with records
 * (structures shared by the packer and the unpacker, its fastest mode). protobufjs is not
 * installed in this repository and is not measured.
 */
import { deserialize, serialize } from 'node:v8';
import { Packr } from 'msgpackr';
import {
  CodecRegistry,
  codec,
  type FallbackCodec,
  type Infer,
  MsgpackrFallbackCodec,
  t,
  V8FallbackCodec,
} from '../src/index.js';

export interface Scenario {
  /** e.g. `small roundtrip zactor` */
  readonly name: string;
  readonly message: string;
  readonly operation: 'encode' | 'decode' | 'view' | 'roundtrip';
  readonly implementation: string;
  readonly run: () => void;
}

export let sink: unknown;

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

export const smallValue: Infer<typeof SmallMessage> = {
  id: 123456,
  price: 101.25,
  qty: 3.5,
  side: 1,
  ts: 1_700_000_000_123_456_789n,
};

export const mediumValue = {
  id: 42,
  note: 'The quick brown fox jumps over the lazy dog; '.repeat(5).slice(0, 200),
  prices: Array.from({ length: 32 }, (_, i) => 100 + i * 0.25),
  side: 2,
  ts: 1_700_000_000_123_456_789n,
};

type Peer = {
  encode(value: unknown): unknown;
  decode(bytes: unknown): unknown;
};

function peers(): Record<string, Peer> {
  const plain = new Packr({ useRecords: false });
  const records = new Packr({ structures: [] });
  return {
    json: {
      encode: (value) =>
        JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)),
      decode: (text) => JSON.parse(text as string),
    },
    'v8.serialize': {
      encode: (value) => serialize(value),
      decode: (b) => deserialize(b as Buffer),
    },
    msgpackr: { encode: (value) => plain.pack(value), decode: (b) => plain.unpack(b as Buffer) },
    'msgpackr-records': {
      encode: (value) => records.pack(value),
      decode: (b) => records.unpack(b as Buffer),
    },
  };
}

function messageScenarios(
  message: string,
  schema: typeof SmallMessage | typeof MediumMessage,
  value: Record<string, unknown>,
  readAll: (view: Record<string, unknown>) => unknown,
): Scenario[] {
  const out: Scenario[] = [];
  const add = (operation: Scenario['operation'], implementation: string, run: () => void) =>
    out.push({
      name: `${message} ${operation} ${implementation}`,
      message,
      operation,
      implementation,
      run,
    });

  const view = new DataView(new SharedArrayBuffer(4096));
  const registry = new CodecRegistry();
  const framed = registry.register(1, schema as typeof MediumMessage);
  const zactor: Record<string, typeof framed> = {
    zactor: codec(schema as typeof MediumMessage) as unknown as typeof framed,
    'zactor-composed': codec(schema as typeof MediumMessage, {
      backend: 'composed',
    }) as unknown as typeof framed,
    'zactor-framed': framed,
  };
  const input = value as never;
  for (const [name, c] of Object.entries(zactor)) {
    const at = 64;
    const n = c.encode(input, view, at);
    const end = at + n;
    add('encode', name, () => {
      sink = c.encode(input, view, at);
    });
    add('decode', name, () => {
      sink = c.decode(view, at, end);
    });
    add('view', name, () => {
      sink = readAll(c.view(view, at, end) as Record<string, unknown>);
    });
    add('roundtrip', name, () => {
      c.encode(input, view, at);
      sink = c.decode(view, at, end);
    });
  }
  for (const [name, peer] of Object.entries(peers())) {
    const encoded = peer.encode(value);
    const copy = typeof encoded === 'string' ? encoded : (encoded as Uint8Array).slice();
    add('encode', name, () => {
      sink = peer.encode(value);
    });
    add('decode', name, () => {
      sink = peer.decode(copy);
    });
    add('roundtrip', name, () => {
      sink = peer.decode(peer.encode(value));
    });
  }
  return out;
}

/** The small message: {id: u32, price: f64, qty: f64, side: u8, ts: i64}. */
export function smallMessageScenarios(): Scenario[] {
  return messageScenarios('small', SmallMessage, smallValue, (v) => {
    // A view read in full: every field once.
    return (
      (v.id as number) +
      (v.price as number) +
      (v.qty as number) +
      (v.side as number) +
      Number(v.ts as bigint)
    );
  });
}

/** The medium message: a 200-character string and a 32-element f64 array. */
export function mediumMessageScenarios(): Scenario[] {
  return messageScenarios('medium', MediumMessage, mediumValue, (v) => {
    return (
      (v.note as string).length +
      (v.prices as Float64Array)[31]! +
      (v.id as number) +
      Number(v.ts as bigint)
    );
  });
}

/** Values without a schema, as an actor system sends them. */
export const fallbackValues: Record<string, unknown> = {
  'small object': { id: 12345, price: 101.25, qty: 3.5, side: 1, user: 'alice' },
  'medium object': {
    id: 1,
    note: 'x'.repeat(200),
    xs: Array.from({ length: 32 }, (_, i) => i * 1.5),
    tags: ['a', 'b', 'c'],
    nested: { a: 1, b: [1, 2, { c: 3 }] },
  },
  'list of 20': Array.from({ length: 20 }, (_, i) => ({
    id: i,
    name: `item${i}`,
    price: i * 2.5,
    ok: i % 2 === 0,
  })),
  'Map/Set/Date/BigInt': {
    when: new Date(0),
    m: new Map([
      [1, 'a'],
      [2, 'b'],
    ]),
    s: new Set([1, 2, 3]),
    big: 12345678901234567890n,
  },
};

/** Encode + decode through each fallback candidate (the measurement behind the default). */
export function fallbackScenarios(): Scenario[] {
  const candidates: Record<string, FallbackCodec> = {
    'msgpackr-records-clone': new MsgpackrFallbackCodec(),
    'v8.serialize': new V8FallbackCodec(),
  };
  const out: Scenario[] = [];
  for (const [message, value] of Object.entries(fallbackValues)) {
    for (const [implementation, fallback] of Object.entries(candidates)) {
      out.push({
        name: `fallback ${message} roundtrip ${implementation}`,
        message: `fallback ${message}`,
        operation: 'roundtrip',
        implementation,
        run: () => {
          sink = fallback.decode(fallback.encode(value));
        },
      });
    }
  }
  return out;
}
