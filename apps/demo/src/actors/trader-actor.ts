import { Actor, type ActorClass, type ActorContext } from '@zactor/actor-core';
import type { Side } from '../matching/types.js';
import type { RunContext } from '../run/run-context.js';
import type { TraderAccount } from '../store/trader-account.js';
import type { TraderMsg } from './messages.js';

const opposite = (side: Side): Side => (side === 'buy' ? 'sell' : 'buy');

/**
 * A trader: one request (new order or cancel) in flight at a time; the next one goes out
 * when the answer arrives, until the run stops. Its records live in its `TraderAccount`.
 * An injected fault strikes before the message changes anything, and the failed instance
 * hands the message back to its mailbox, so no report is lost or applied twice.
 */
export function traderActor(run: RunContext, index: number): ActorClass<TraderMsg> {
  const found = run.accounts[index];
  if (found === undefined) throw new RangeError(`zactor-demo: no account for trader ${index}`);
  const account: TraderAccount = found;
  const where = `trader ${index}`;
  const flow = run.flow;

  function answered(): void {
    const latency = performance.now() - account.sentAt;
    run.latency.record(latency);
    run.latencyWindow.record(latency);
    account.sentAt = -1;
    run.acknowledged++;
    run.pending--;
    act();
  }

  function act(): void {
    if (run.stopping) return;
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
        run.pending++;
        run.books[o.symbol]?.tell({
          kind: 'cancel',
          symbol: o.symbol,
          req: a.req,
          trader: index,
          orderId,
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
    run.pending++;
    run.risk?.tell({
      kind: 'place',
      symbol,
      req: a.req,
      order: { id, trader: index, side, price, qty },
    });
  }

  return class TraderActor extends Actor<TraderMsg> {
    override preRestart(ctx: ActorContext<TraderMsg>, _error: unknown, message?: TraderMsg): void {
      if (message !== undefined) ctx.self.tell(message);
    }

    override postRestart(): void {
      run.traderRestarts++;
    }

    receive(msg: TraderMsg): void {
      run.faults.maybeFail(where);
      switch (msg.kind) {
        case 'next':
          run.pending--;
          act();
          return;
        case 'ack':
          for (const f of msg.fills) account.applyFill(msg.orderId, f.takerSide, f.price, f.qty);
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
        case 'fill': {
          const f = msg.fill;
          account.applyFill(f.makerId, opposite(f.takerSide), f.price, f.qty);
          run.pending--;
          return;
        }
      }
    }
  };
}
