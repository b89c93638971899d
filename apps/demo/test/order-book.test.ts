import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../src/matching/order-book.js';
import type { Fill, LimitOrder, Side } from '../src/matching/types.js';

function order(id: number, side: Side, price: number, qty: number, trader = id): LimitOrder {
  return { id, trader, side, price, qty };
}

describe('OrderBook', () => {
  it('rests an order that does not cross and reports the top of book', () => {
    const book = new OrderBook();
    expect(book.submit(order(1, 'buy', 100, 10))).toEqual({ fills: [], restingQty: 10 });
    expect(book.submit(order(2, 'sell', 101, 5))).toEqual({ fills: [], restingQty: 5 });
    expect(book.bestBid()).toBe(100);
    expect(book.bestAsk()).toBe(101);
    expect(book.size).toBe(2);
  });

  it('fills the better price first, at the maker price', () => {
    const book = new OrderBook();
    book.submit(order(1, 'sell', 102, 5));
    book.submit(order(2, 'sell', 101, 5));
    const { fills, restingQty } = book.submit(order(3, 'buy', 103, 7));
    expect(fills.map((f) => [f.makerId, f.price, f.qty])).toEqual([
      [2, 101, 5],
      [1, 102, 2],
    ]);
    expect(restingQty).toBe(0);
    expect(book.restingQtyOf(1)).toBe(3);
  });

  it('fills the older order first within a price level', () => {
    const book = new OrderBook();
    book.submit(order(1, 'buy', 100, 4));
    book.submit(order(2, 'buy', 100, 4));
    book.submit(order(3, 'buy', 100, 4));
    const { fills } = book.submit(order(4, 'sell', 99, 6));
    expect(fills.map((f) => [f.makerId, f.qty, f.price])).toEqual([
      [1, 4, 100],
      [2, 2, 100],
    ]);
    expect(book.depth('buy').map((o) => [o.id, o.remaining])).toEqual([
      [2, 2],
      [3, 4],
    ]);
  });

  it('rests the unfilled part of a partially filled taker', () => {
    const book = new OrderBook();
    book.submit(order(1, 'sell', 100, 3));
    const result = book.submit(order(2, 'buy', 101, 10));
    expect(result.fills).toHaveLength(1);
    expect(result.restingQty).toBe(7);
    expect(book.bestBid()).toBe(101);
    expect(book.bestAsk()).toBeUndefined();
  });

  it('does not trade when prices do not cross', () => {
    const book = new OrderBook();
    book.submit(order(1, 'sell', 101, 3));
    expect(book.submit(order(2, 'buy', 100, 3)).fills).toEqual([]);
  });

  it('cancels the remaining quantity and skips the cancelled order when matching', () => {
    const book = new OrderBook();
    book.submit(order(1, 'sell', 100, 5));
    book.submit(order(2, 'sell', 100, 5));
    book.submit(order(3, 'buy', 100, 2));
    expect(book.cancel(1)).toBe(3);
    expect(book.cancel(1)).toBe(0);
    expect(book.cancel(42)).toBe(0);
    const { fills } = book.submit(order(4, 'buy', 100, 5));
    expect(fills.map((f) => [f.makerId, f.qty])).toEqual([[2, 5]]);
    expect(book.size).toBe(0);
    expect(book.bestAsk()).toBeUndefined();
  });

  it('drops a price level once its last order is cancelled', () => {
    const book = new OrderBook();
    book.submit(order(1, 'buy', 100, 5));
    book.submit(order(2, 'buy', 99, 5));
    book.cancel(1);
    expect(book.bestBid()).toBe(99);
  });

  it('rejects a bad quantity, a bad price and a duplicate resting id', () => {
    const book = new OrderBook();
    expect(() => book.submit(order(1, 'buy', 100, 0))).toThrow(/qty/);
    expect(() => book.submit(order(1, 'buy', 1.5, 1))).toThrow(/price/);
    book.submit(order(1, 'buy', 100, 1));
    expect(() => book.submit(order(1, 'buy', 100, 1))).toThrow(/already resting/);
  });

  it('restores the same book from a snapshot', () => {
    const book = new OrderBook();
    book.submit(order(1, 'buy', 100, 5));
    book.submit(order(2, 'buy', 100, 6));
    book.submit(order(3, 'sell', 103, 7));
    book.submit(order(4, 'sell', 100, 2));
    const copy = OrderBook.restore(book.snapshot());
    expect(copy.snapshot()).toEqual(book.snapshot());
    expect(copy.submit(order(5, 'sell', 90, 20))).toEqual(book.submit(order(5, 'sell', 90, 20)));
  });
});

// A naive reference book: a flat list, sorted on every match by price then arrival.
interface NaiveOrder {
  id: number;
  side: Side;
  price: number;
  remaining: number;
  seq: number;
}

function naiveSubmit(resting: NaiveOrder[], o: LimitOrder, seq: number): [number, number][] {
  const makers = resting
    .filter(
      (r) => r.side !== o.side && (o.side === 'buy' ? r.price <= o.price : r.price >= o.price),
    )
    .sort((a, b) => (o.side === 'buy' ? a.price - b.price : b.price - a.price) || a.seq - b.seq);
  const fills: [number, number][] = [];
  let remaining = o.qty;
  for (const m of makers) {
    if (remaining === 0) break;
    const qty = Math.min(remaining, m.remaining);
    m.remaining -= qty;
    remaining -= qty;
    fills.push([m.id, qty]);
  }
  for (let i = resting.length - 1; i >= 0; i--)
    if (resting[i]?.remaining === 0) resting.splice(i, 1);
  if (remaining > 0) resting.push({ id: o.id, side: o.side, price: o.price, remaining, seq });
  return fills;
}

type Op =
  | { kind: 'submit'; side: Side; price: number; qty: number }
  | { kind: 'cancel'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      side: fc.constantFrom<Side>('buy', 'sell'),
      price: fc.integer({ min: 95, max: 105 }),
      qty: fc.integer({ min: 1, max: 20 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(50) }) },
);

describe('OrderBook properties', () => {
  it('conserves quantity, never crosses, and fills in price-time order', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
        const book = new OrderBook();
        const naive: NaiveOrder[] = [];
        const submitted = new Map<number, number>();
        let filled = 0;
        let cancelled = 0;
        let seq = 0;
        ops.forEach((op, i) => {
          const id = i + 1;
          if (op.kind === 'submit') {
            const o = order(id, op.side, op.price, op.qty);
            submitted.set(id, op.qty);
            const expected = naiveSubmit(naive, o, seq++);
            const { fills } = book.submit(o);
            expect(fills.map((f: Fill) => [f.makerId, f.qty])).toEqual(expected);
            for (const f of fills) {
              expect(o.side === 'buy' ? f.price <= o.price : f.price >= o.price).toBe(true);
              filled += f.qty;
            }
          } else {
            const ids = [...submitted.keys()];
            const target = ids.length === 0 ? 0 : (ids[op.pick % ids.length] as number);
            const qty = book.cancel(target);
            const n = naive.findIndex((r) => r.id === target);
            expect(qty).toBe(n < 0 ? 0 : naive[n]?.remaining);
            if (n >= 0) naive.splice(n, 1);
            cancelled += qty;
          }
          const bid = book.bestBid();
          const ask = book.bestAsk();
          if (bid !== undefined && ask !== undefined) expect(bid).toBeLessThan(ask);
          let resting = 0;
          for (const r of [...book.depth('buy'), ...book.depth('sell')]) resting += r.remaining;
          let total = 0;
          for (const q of submitted.values()) total += q;
          // Each fill consumes qty from both the taker and the maker.
          expect(total).toBe(filled * 2 + resting + cancelled);
        });
      }),
      { numRuns: 200 },
    );
  });
});
