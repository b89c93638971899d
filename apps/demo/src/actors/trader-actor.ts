import { Actor, type ActorClass, type ActorContext, type ActorRef } from '@zactor/actor-core';
import type { DeskState } from '../desk/desk-state.js';
import type { Side } from '../matching/types.js';
import { TraderAccount } from '../store/trader-account.js';
import type { TraderMsg } from './messages.js';

/**
 * A trader: one request (new order or cancel) in flight at a time; the next one goes out
 * when the answer arrives, until the run stops. New orders go to the risk shard of the
 * trader's own worker, cancels straight to the symbol's book (usually on another worker).
 * Its records live in its `TraderAccount` (worker module memory). An injected fault strikes
 * before the message changes anything, and the failed instance hands the message back to
 * its mailbox, so no report is lost or applied twice.
 */
export function traderActor(state: DeskState, index: number, seed: number): ActorClass<TraderMsg> {
  let found = state.accounts.get(index);
  if (found === undefined) {
    found = new TraderAccount(index, seed);
    state.accounts.set(index, found);
  }
  const account: TraderAccount = found;
  const where = `trader ${index}`;
  const flow = state.flow;
  let self: ActorRef<TraderMsg> | null = null;

  function answered(): void {
    const latency = performance.now() - account.sentAt;
    state.latency.record(latency);
    state.latencyWindow.record(latency);
    account.sentAt = -1;
    state.acknowledged++;
    state.handled++;
    act();
  }

  function act(): void {
    if (state.stopping || self === null) return;
    const a = account;
    const p = a.prng;
    if (
      a.open.size > 0 &&
      (a.open.size >= flow.maxOpenOrders || p.next() < flow.cancelProbability)
    ) {
      let k = p.int(a.open.size);
      for (const [orderId, o] of a.open) {
        if (k-- > 0) continue;
        a.req++;
        a.sentAt = performance.now();
        state.sent++;
        state.books[o.symbol]?.tell({
          type: 'cancel',
          symbol: o.symbol,
          req: a.req,
          trader: index,
          orderId,
          replyTo: self,
        });
        return;
      }
    }
    const symbol = p.int(flow.symbols);
    const side: Side = p.next() < 0.5 ? 'buy' : 'sell';
    const ref = flow.referencePrice(symbol);
    const price = side === 'buy' ? ref - 5 + p.int(8) : ref - 2 + p.int(8);
    let qty = 1 + p.int(50);
    if (p.next() < flow.fatFingerProbability) qty *= 200;
    const id = a.newOrderId(flow.traders);
    a.open.set(id, { symbol, side, price, qty, filled: 0, cancelled: 0 });
    a.submitted++;
    a.submittedQty += qty;
    a.req++;
    a.sentAt = performance.now();
    state.sent++;
    state.risks[state.worker]?.tell({
      type: 'place',
      symbol,
      req: a.req,
      replyTo: self,
      order: { id, trader: index, side, price, qty },
    });
  }

  return class TraderActor extends Actor<TraderMsg> {
    override preStart(ctx: ActorContext<TraderMsg>): void {
      self = ctx.self;
    }

    override preRestart(ctx: ActorContext<TraderMsg>, _error: unknown, message?: TraderMsg): void {
      if (message !== undefined) ctx.self.tell(message);
    }

    override postRestart(): void {
      state.traderRestarts++;
    }

    receive(msg: TraderMsg): void {
      state.faults.maybeFail(where);
      switch (msg.type) {
        case 'next':
          state.handled++;
          act();
          return;
        case 'ack':
          account.applyFill(msg.orderId, msg.filledQty, msg.notional);
          answered();
          return;
        case 'rejected':
          account.applyReject(msg.orderId);
          answered();
          return;
        case 'cancel-ack':
          account.applyCancel(msg.orderId, msg.cancelledQty);
          answered();
          return;
        case 'fill':
          account.applyFill(msg.orderId, msg.qty, msg.price * msg.qty);
          state.handled++;
          return;
      }
    }
  };
}
