import { describe, expect, it } from 'vitest';
import type { BookTotals, TraderTotals } from '../src/desk/desk-protocol.js';
import { checkConservation, sumTotals } from '../src/run/conservation.js';
import { planDesks } from '../src/run/placement.js';
import { addDigest } from '../src/store/order-digest.js';

const traders: TraderTotals = {
  submitted: 10,
  submittedQty: 100,
  filled: 4,
  cancelled: 3,
  rejected: 1,
  rejectedQty: 20,
  filledQty: 40,
  cancelledQty: 25,
  bought: 20,
  sold: 20,
  cash: 0,
  resting: 2,
  restingQty: 15,
  digest: addDigest(addDigest(0, 7, 5), 9, 10),
};
const books: BookTotals = {
  accepted: 9,
  filledQty: 20,
  cancelledQty: 25,
  trades: 3,
  resting: 2,
  restingQty: 15,
  digest: addDigest(addDigest(0, 9, 10), 7, 5),
  snapshots: 0,
  replayed: 0,
};
const input = { traders, books, subscriberTradeQty: [20, 20], pending: 0, deadLetters: 0 };

describe('checkConservation', () => {
  it('passes when every order and unit is accounted for once', () => {
    const result = checkConservation(input);
    expect(result.items.filter((i) => !i.ok)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fails on a lost fill, a wrong resting order, a missed market update or a dead letter', () => {
    const failing = (changed: Partial<typeof input>) =>
      checkConservation({ ...input, ...changed })
        .items.filter((i) => !i.ok)
        .map((i) => i.name);
    expect(failing({ traders: { ...traders, bought: 19, filledQty: 39 } })).toEqual([
      'quantity accounted for',
      'fills balance',
    ]);
    expect(failing({ books: { ...books, digest: addDigest(addDigest(0, 9, 10), 7, 4) } })).toEqual([
      'books match traders',
    ]);
    expect(failing({ subscriberTradeQty: [20, 19] })).toEqual(['market data complete']);
    expect(failing({ deadLetters: 1, pending: 2 })).toEqual(['drained', 'no dead letters']);
  });

  it('sums per-worker totals, digests modulo 2^32', () => {
    const sum = sumTotals([books, { ...books, digest: 0xffffffff }], books);
    expect(sum.accepted).toBe(27);
    expect(sum.digest).toBe((books.digest * 2 + 0xffffffff) >>> 0);
  });
});

describe('planDesks', () => {
  it('deals books, traders and subscribers round-robin and puts market data on the last worker', () => {
    const plans = planDesks(2, 3, 5, 4);
    expect(plans).toEqual([
      { books: [0, 2], traders: [0, 2, 4], subscribers: [0, 2], marketData: false },
      { books: [1], traders: [1, 3], subscribers: [1, 3], marketData: true },
    ]);
    expect(planDesks(1, 2, 2, 1)).toEqual([
      { books: [0, 1], traders: [0, 1], subscribers: [0], marketData: true },
    ]);
  });
});
