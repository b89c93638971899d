import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CodecRegistry,
  codec,
  EncodeError,
  type InferInput,
  type RefLike,
  SerializerError,
  SizedEncoder,
  t,
} from '../src/index.js';
import { TestBlockAllocator } from './support/test-allocator.js';

/** Runs `f`, which must throw EncodeError UNENCODABLE naming `Type.field` and `got`. */
function expectUnencodable(f: () => unknown, typeName: string, field: string, got: string): void {
  let thrown: unknown;
  try {
    const result = f();
    thrown = new Error(`returned ${String(result)} instead of throwing`);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SerializerError);
  const error = thrown as EncodeError;
  expect(error.code).toBe('UNENCODABLE');
  expect(error).toBeInstanceOf(EncodeError);
  expect(error.typeName).toBe(typeName);
  expect(error.field).toBe(field);
  expect(error.message).toContain(field === '' ? `${typeName}:` : `${typeName}.${field}:`);
  expect(error.message).toContain(`got ${got}`);
}

const backends = ['generated', 'composed'] as const;
const view = new DataView(new ArrayBuffer(1024));

describe.each(backends)('encoding a wrong-typed value (%s back end)', (backend) => {
  const V = codec(t.struct({ v: t.vec(t.u16) }), { name: 'V', backend });
  const S = codec(t.struct({ s: t.utf8 }), { name: 'S', backend });
  const U = codec(t.struct({ u: t.u32 }), { name: 'U', backend });
  const R = codec(t.struct({ r: t.ref }), { name: 'R', backend });

  it('refuses a number for a vec instead of returning NaN, in encode and in sizeOf', () => {
    expectUnencodable(() => V.encode({ v: 5 } as never, view, 0), 'V', 'v', 'number 5');
    expectUnencodable(() => V.sizeOf({ v: 5 } as never), 'V', 'v', 'number 5');
  });

  it('refuses a number for a string instead of writing ""', () => {
    expectUnencodable(() => S.encode({ s: 42 } as never, view, 0), 'S', 's', 'number 42');
    expectUnencodable(() => S.sizeOf({ s: 42 } as never), 'S', 's', 'number 42');
  });

  it('refuses a string for a u32 instead of writing 0, without quoting what it holds', () => {
    expectUnencodable(
      () => U.encode({ u: 'abc' } as never, view, 0),
      'U',
      'u',
      'string of length 3',
    );
    expect(() => U.encode({ u: 'secret' } as never, view, 0)).toThrow(/got string of length 6$/);
  });

  it('refuses a negative, fractional or too large ref instead of writing another id', () => {
    for (const r of [-1, 1.5, 2 ** 53, Number.NaN, '7', { id: -1 }, null]) {
      expect(() => R.encode({ r } as never, view, 0), String(r)).toThrow(/R\.r: expected a ref/);
    }
    expectUnencodable(() => R.encode({ r: -1 }, view, 0), 'R', 'r', 'number -1');
  });

  it('writes an object with a numeric id (an ActorRef) in a ref field as that id', () => {
    class FakeActorRef {
      readonly id: number;
      constructor(id: number) {
        this.id = id;
      }
      tell(_message: unknown): boolean {
        return true;
      }
    }
    const n = R.encode({ r: new FakeActorRef(2 ** 40 + 3) }, view, 0);
    expect(R.decode(view, 0, n)).toEqual({ r: 2 ** 40 + 3 });
  });

  it('names a missing field instead of failing with a TypeError on undefined', () => {
    expectUnencodable(() => S.encode({} as never, view, 0), 'S', 's', 'undefined');
    expectUnencodable(() => V.encode({} as never, view, 0), 'V', 'v', 'undefined');
    expectUnencodable(() => U.encode({} as never, view, 0), 'U', 'u', 'undefined');
    expectUnencodable(() => S.sizeOf({} as never), 'S', 's', 'undefined');
    expectUnencodable(() => U.encode(undefined as never, view, 0), 'U', '', 'undefined');
  });

  it('refuses integers out of range or with a fraction rather than wrapping them', () => {
    const All = codec(
      t.struct({
        i8: t.i8,
        u8: t.u8,
        i16: t.i16,
        u16: t.u16,
        i32: t.i32,
        u32: t.u32,
        i64: t.i64,
        u64: t.u64,
        b: t.bool,
        f: t.f64,
      }),
      { name: 'All', backend },
    );
    const ok = { i8: 0, u8: 0, i16: 0, u16: 0, i32: 0, u32: 0, i64: 0n, u64: 0n, b: false, f: 0 };
    const wrong: [keyof typeof ok, unknown, string][] = [
      ['i8', -129, 'number -129'],
      ['i8', 128, 'number 128'],
      ['u8', 256, 'number 256'],
      ['u8', -1, 'number -1'],
      ['i16', 32768, 'number 32768'],
      ['u16', 65536, 'number 65536'],
      ['i32', 2 ** 31, `number ${2 ** 31}`],
      ['u32', 2 ** 32, `number ${2 ** 32}`],
      ['u32', 1.5, 'number 1.5'],
      ['u32', Number.NaN, 'number NaN'],
      ['i64', 2n ** 63n, `bigint ${2n ** 63n}n`],
      ['i64', 5, 'number 5'],
      ['u64', -1n, 'bigint -1n'],
      ['b', 1, 'number 1'],
      ['b', 'false', 'string'],
      ['f', 5n, 'bigint 5n'],
      ['f', '1.5', 'string'],
    ];
    for (const [field, value, got] of wrong) {
      expectUnencodable(() => All.encode({ ...ok, [field]: value }, view, 0), 'All', field, got);
    }
  });

  it('names the element of an array that is wrong, and the wrong length of a fixed array', () => {
    const A = codec(t.struct({ v: t.vec(t.u16), a: t.array(t.i64, 2) }), { name: 'A', backend });
    expectUnencodable(
      () => A.encode({ v: [1, 'x'], a: [1n, 2n] } as never, view, 0),
      'A',
      'v[1]',
      'string',
    );
    expectUnencodable(
      () => A.encode({ v: new Int16Array([3, -1]), a: [1n, 2n] }, view, 0),
      'A',
      'v[1]',
      'number -1',
    );
    expectUnencodable(
      () => A.encode({ v: new Float64Array([0.5]), a: [1n, 2n] }, view, 0),
      'A',
      'v[0]',
      'number 0.5',
    );
    expectUnencodable(
      () => A.encode({ v: [], a: [1n, 2] } as never, view, 0),
      'A',
      'a[1]',
      'number 2',
    );
    expectUnencodable(() => A.encode({ v: [], a: [1n] }, view, 0), 'A', 'a', 'Array of length 1');
    expectUnencodable(
      () => A.encode({ v: 'ab', a: [1n, 2n] } as never, view, 0),
      'A',
      'v',
      'string',
    );
    const n = A.encode(
      { v: new Uint16Array([1, 65535]), a: new BigInt64Array([1n, -2n]) },
      view,
      0,
    );
    expect(A.decode(view, 0, n)).toEqual({
      v: new Uint16Array([1, 65535]),
      a: new BigInt64Array([1n, -2n]),
    });
  });

  it('refuses bytes that are not a Uint8Array', () => {
    const B = codec(t.struct({ raw: t.bytes }), { name: 'B', backend });
    expectUnencodable(
      () => B.encode({ raw: [1, 300] } as never, view, 0),
      'B',
      'raw',
      'Array of length 2',
    );
    expectUnencodable(() => B.encode({ raw: 'abc' } as never, view, 0), 'B', 'raw', 'string');
  });

  it('names the path through nested structs, optionals and unions', () => {
    const Order = codec(
      t.union('type', {
        limit: t.struct({ item: t.struct({ qty: t.u16 }), note: t.optional(t.utf8) }),
        cancel: t.struct({ id: t.ref }),
      }),
      { name: 'Order', backend },
    );
    expectUnencodable(
      () => Order.encode({ type: 'limit', item: { qty: -3 } }, view, 0),
      'Order',
      'item.qty',
      'number -3',
    );
    expectUnencodable(
      () => Order.encode({ type: 'limit', item: null } as never, view, 0),
      'Order',
      'item',
      'null',
    );
    expectUnencodable(
      () => Order.encode({ type: 'limit', item: { qty: 1 }, note: 7 } as never, view, 0),
      'Order',
      'note',
      'number 7',
    );
    expectUnencodable(
      () => Order.encode({ type: 'stop' } as never, view, 0),
      'Order',
      '',
      'string "stop"',
    );
    expectUnencodable(() => Order.encode(3 as never, view, 0), 'Order', '', 'number 3');
    const n = Order.encode({ type: 'limit', item: { qty: 1 }, note: null } as never, view, 0);
    expect(Order.decode(view, 0, n)).toEqual({ type: 'limit', item: { qty: 1 }, note: undefined });
  });
});

describe('encoding a wrong-typed registered message', () => {
  it('throws from the framed codec instead of returning NaN for the ring to commit', () => {
    const registry = new CodecRegistry();
    const orders = registry.register(7, t.struct({ items: t.vec(t.u16) }), { name: 'Order' });
    expectUnencodable(
      () => orders.encode({ items: 5 } as never, view, 0),
      'Order',
      'items',
      'number 5',
    );
    expectUnencodable(
      () => orders.encode({ items: [1, 2, 3, 70000] }, view, 0),
      'Order',
      'items[3]',
      'number 70000',
    );
  });

  it('frees the block it took when the value turns out to be wrong', () => {
    const allocator = new TestBlockAllocator(1024, 2);
    const encoder = new SizedEncoder({ allocator });
    const Note = codec(t.struct({ text: t.utf8, id: t.u32 }), { name: 'Note' });
    // Too long to fit inline, so the bad id is only reached after a block was taken.
    const value = { text: 'x'.repeat(200), id: -1 };
    expect(() => encoder.encode(Note, value, view, 0, 64)).toThrow(EncodeError);
    expect(allocator.outstanding.size).toBe(0);
  });
});

describe('t.ref in the inferred input type', () => {
  it('accepts a number or anything with a numeric id, and decodes to a number', () => {
    const Ping = t.struct({ from: t.ref, to: t.optional(t.ref) });
    class ActorRefLike<M> {
      readonly id = 1;
      tell(_message: M): boolean {
        return true;
      }
    }
    expectTypeOf<InferInput<typeof Ping>['from']>().toEqualTypeOf<RefLike>();
    expectTypeOf<ActorRefLike<string>>().toMatchTypeOf<InferInput<typeof Ping>['from']>();
    expectTypeOf<number>().toMatchTypeOf<InferInput<typeof Ping>['from']>();
    expectTypeOf<string>().not.toMatchTypeOf<InferInput<typeof Ping>['from']>();
    expectTypeOf(codec(Ping).decode).returns.toEqualTypeOf<{
      from: number;
      to?: number | undefined;
    }>();
  });
});
