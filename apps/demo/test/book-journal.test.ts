import type { ActorRef } from '@zactor/actor-core';
import { describe, expect, it } from 'vitest';
import type { BookMsg, TraderMsg } from '../src/actors/messages.js';
import { OrderBook } from '../src/matching/order-book.js';
import { Prng } from '../src/random/prng.js';
import { BookJournal } from '../src/store/book-journal.js';

/** The journal only stores the ref; these tests never send to it. */
const replyTo = { id: 1 } as unknown as ActorRef<TraderMsg>;

function place(
  id: number,
  trader: number,
  req: number,
  side: 'buy' | 'sell',
  price: number,
  qty: number,
): BookMsg {
  return { type: 'place', symbol: 0, req, replyTo, order: { id, trader, side, price, qty } };
}

describe('BookJournal', () => {
  it('rebuilds the same book from snapshots plus the journal at any point', () => {
    const journal = new BookJournal(0, 7);
    const live = new OrderBook();
    const prng = new Prng(3);
    for (let i = 1; i <= 200; i++) {
      const trader = i % 5;
      let msg: BookMsg;
      if (i > 10 && prng.next() < 0.3) {
        msg = {
          type: 'cancel',
          symbol: 0,
          req: i,
          trader,
          orderId: 1 + prng.int(i - 1),
          replyTo,
        };
        journal.commit(trader, i, msg, { kind: 'cancel', cancelledQty: live.cancel(msg.orderId) });
      } else {
        msg = place(
          i,
          trader,
          i,
          prng.next() < 0.5 ? 'buy' : 'sell',
          95 + prng.int(10),
          1 + prng.int(9),
        );
        if (msg.type === 'place') {
          journal.commit(trader, i, msg, { kind: 'place', result: live.submit(msg.order) });
        }
      }
      journal.maybeSnapshot(live);
      expect(journal.recover().snapshot()).toEqual(live.snapshot());
    }
    expect(journal.snapshots).toBeGreaterThan(0);
  });

  it('recognises a redelivered request and keeps its entry until it is acknowledged', () => {
    const journal = new BookJournal(0, 100);
    const book = new OrderBook();
    const msg = place(1, 4, 1, 'buy', 100, 5);
    expect(journal.isCommitted(4, 1)).toBe(false);
    const entry = journal.commit(4, 1, msg, {
      kind: 'place',
      result: book.submit({ id: 1, trader: 4, side: 'buy', price: 100, qty: 5 }),
    });
    expect(journal.isCommitted(4, 1)).toBe(true);
    expect(journal.isCommitted(4, 2)).toBe(false);
    expect(journal.unackedOf(4)).toBe(entry);
    expect(journal.clientOf(4)).toBe(replyTo);
    expect(journal.clientOf(5)).toBeUndefined();
    journal.emitted(4, entry);
    expect(journal.unackedOf(4)).toBeUndefined();
    expect(journal.totals).toMatchObject({ acceptedOrders: 1, acceptedQty: 5, filledQty: 0 });
  });
});
