import { Actor, type ActorClass, type ActorContext } from '@zactor/actor-core';
import type { OrderBook } from '../matching/order-book.js';
import type { RunContext } from '../run/run-context.js';
import type { BookJournal, JournalEntry } from '../store/book-journal.js';
import type { BookMsg } from './messages.js';

/**
 * The order-book actor class of one symbol. State lives in a pure `OrderBook`; the journal
 * outside the actor is the durable copy. Crash safety (see README.md):
 *
 * 1. A fault may strike before the commit: the command changed nothing durable; the
 *    failed instance hands the message back to its own mailbox (`preRestart`), and the
 *    fresh instance, rebuilt from snapshot + journal, processes it as new.
 * 2. Apply to the book, then commit to the journal (the commit point).
 * 3. A fault may strike after the commit, before the acknowledgement: the rebuilt book
 *    already holds the command, so the redelivered message is recognised by its
 *    (trader, request) number and only its stored acknowledgement and reports go out.
 * 4. Acknowledge the trader, report fills to makers and risk, publish market data.
 */
export function orderBookActor(run: RunContext, symbol: number): ActorClass<BookMsg> {
  const found = run.journals[symbol];
  if (found === undefined) throw new RangeError(`zactor-demo: no journal for symbol ${symbol}`);
  const journal: BookJournal = found;
  const where = `order book ${symbol}`;

  return class OrderBookActor extends Actor<BookMsg> {
    private book: OrderBook = journal.recover();

    override preRestart(ctx: ActorContext<BookMsg>, _error: unknown, message?: BookMsg): void {
      if (message !== undefined) ctx.self.tell(message);
    }

    override postRestart(): void {
      // The constructor of this fresh instance already rebuilt the book from the journal.
      run.bookRestarts++;
    }

    receive(msg: BookMsg): void {
      run.faults.maybeFail(`${where} (before commit)`);
      const trader = msg.kind === 'place' ? msg.order.trader : msg.trader;
      if (journal.isCommitted(trader, msg.req)) {
        const entry = journal.unackedOf(trader);
        if (entry !== undefined && !entry.emitted) {
          run.redelivered++;
          this.emit(trader, entry);
        }
        return;
      }
      const entry =
        msg.kind === 'place'
          ? journal.commit(trader, msg.req, msg, {
              kind: 'place',
              result: this.book.submit(msg.order),
            })
          : journal.commit(trader, msg.req, msg, {
              kind: 'cancel',
              cancelledQty: this.book.cancel(msg.orderId),
            });
      journal.maybeSnapshot(this.book);
      run.faults.maybeFail(`${where} (after commit)`);
      this.emit(trader, entry);
    }

    private emit(trader: number, entry: JournalEntry): void {
      const { command, outcome } = entry;
      const replyTo = run.traders[trader];
      if (command.kind === 'place' && outcome.kind === 'place') {
        const { fills, restingQty } = outcome.result;
        replyTo?.tell({ kind: 'ack', orderId: command.order.id, fills, restingQty });
        let tradeQty = 0;
        for (const fill of fills) {
          tradeQty += fill.qty;
          run.pending++;
          run.traders[fill.makerTrader]?.tell({ kind: 'fill', fill });
        }
        if (fills.length > 0 && run.risk !== null) {
          run.pending++;
          run.risk.tell({ kind: 'fills', symbol, fills });
        }
        if (run.marketData !== null) {
          run.pending++;
          run.marketData.tell({
            kind: 'market',
            symbol,
            bestBid: this.book.bestBid(),
            bestAsk: this.book.bestAsk(),
            tradeCount: fills.length,
            tradeQty,
          });
        }
      } else if (command.kind === 'cancel' && outcome.kind === 'cancel') {
        replyTo?.tell({
          kind: 'cancel-ack',
          orderId: command.orderId,
          cancelledQty: outcome.cancelledQty,
        });
      }
      journal.emitted(trader, entry);
    }
  };
}
