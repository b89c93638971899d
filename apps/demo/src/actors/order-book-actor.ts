import { Actor, type ActorClass, type ActorContext, type ActorRef } from '@zactor/actor-core';
import type { DeskState } from '../desk/desk-state.js';
import type { OrderBook } from '../matching/order-book.js';
import { BookJournal, type JournalEntry } from '../store/book-journal.js';
import type { BookMsg, TraderMsg } from './messages.js';

/**
 * The order-book actor class of one symbol. State lives in a pure `OrderBook`; the journal
 * in the worker's module memory is the durable copy. Crash safety (see README.md):
 *
 * 1. A fault may strike before the commit: the command changed nothing durable; the
 *    failed instance hands the message back to its own mailbox (`preRestart`), and the
 *    fresh instance, rebuilt from snapshot + journal, processes it as new.
 * 2. Apply to the book, then commit to the journal (the commit point).
 * 3. A fault may strike after the commit, before the acknowledgement: the rebuilt book
 *    already holds the command, so the redelivered message is recognised by its
 *    (trader, request) number and only its stored acknowledgement and reports go out.
 * 4. Acknowledge the trader, report fills to makers and to the risk shards, publish market data.
 */
export function orderBookActor(state: DeskState, symbol: number): ActorClass<BookMsg> {
  let found = state.journals.get(symbol);
  if (found === undefined) {
    found = new BookJournal(symbol, state.snapshotEvery);
    state.journals.set(symbol, found);
  }
  const journal: BookJournal = found;
  const where = `order book ${symbol}`;

  return class OrderBookActor extends Actor<BookMsg> {
    private book: OrderBook = journal.recover();

    override preRestart(ctx: ActorContext<BookMsg>, _error: unknown, message?: BookMsg): void {
      if (message !== undefined) ctx.self.tell(message);
    }

    override postRestart(): void {
      // The constructor of this fresh instance already rebuilt the book from the journal.
      state.bookRestarts++;
    }

    receive(msg: BookMsg): void {
      state.faults.maybeFail(`${where} (before commit)`);
      const trader = msg.type === 'place' ? msg.order.trader : msg.trader;
      if (journal.isCommitted(trader, msg.req)) {
        const entry = journal.unackedOf(trader);
        if (entry !== undefined && !entry.emitted) {
          state.redelivered++;
          this.emit(trader, entry);
        }
        return;
      }
      const entry =
        msg.type === 'place'
          ? journal.commit(trader, msg.req, msg, {
              kind: 'place',
              result: this.book.submit(msg.order),
            })
          : journal.commit(trader, msg.req, msg, {
              kind: 'cancel',
              cancelledQty: this.book.cancel(msg.orderId),
            });
      journal.maybeSnapshot(this.book);
      state.faults.maybeFail(`${where} (after commit)`);
      this.emit(trader, entry);
    }

    private emit(trader: number, entry: JournalEntry): void {
      const { command, outcome } = entry;
      if (command.type === 'place' && outcome.kind === 'place') {
        const { fills, restingQty } = outcome.result;
        let filledQty = 0;
        let notional = 0;
        for (const fill of fills) {
          filledQty += fill.qty;
          notional += fill.price * fill.qty;
          const maker = journal.clientOf(fill.makerTrader) as ActorRef<TraderMsg> | undefined;
          if (maker !== undefined) {
            state.sent++;
            maker.tell({ type: 'fill', orderId: fill.makerId, price: fill.price, qty: fill.qty });
          }
        }
        command.replyTo.tell({
          type: 'ack',
          orderId: command.order.id,
          filledQty,
          notional,
          restingQty,
        });
        if (fills.length > 0) this.reportPositions(entry);
        if (state.marketData !== null) {
          state.sent++;
          state.marketData.tell({
            type: 'market',
            symbol,
            bestBid: this.book.bestBid(),
            bestAsk: this.book.bestAsk(),
            tradeCount: fills.length,
            tradeQty: filledQty,
          });
        }
      } else if (command.type === 'cancel' && outcome.kind === 'cancel') {
        command.replyTo.tell({
          type: 'cancel-ack',
          orderId: command.orderId,
          cancelledQty: outcome.cancelledQty,
        });
      }
      journal.emitted(trader, entry);
    }

    /** One position update per risk shard concerned: + for the buyer, - for the seller. */
    private reportPositions(entry: JournalEntry): void {
      if (entry.outcome.kind !== 'place') return;
      const byShard = new Map<number, { traders: number[]; deltas: number[] }>();
      const add = (trader: number, delta: number) => {
        const shard = state.workerOfTrader(trader);
        let update = byShard.get(shard);
        if (update === undefined) {
          update = { traders: [], deltas: [] };
          byShard.set(shard, update);
        }
        update.traders.push(trader);
        update.deltas.push(delta);
      };
      for (const f of entry.outcome.result.fills) {
        const bought = f.takerSide === 'buy' ? f.qty : -f.qty;
        add(f.takerTrader, bought);
        add(f.makerTrader, -bought);
      }
      for (const [shard, update] of byShard) {
        const risk = state.risks[shard];
        if (risk === undefined) continue;
        state.sent++;
        risk.tell({ type: 'position', symbol, traders: update.traders, deltas: update.deltas });
      }
    }
  };
}
