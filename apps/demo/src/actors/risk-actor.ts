import type { ActorBehavior } from '@zactor/actor-core';
import type { DeskState } from '../desk/desk-state.js';
import type { RiskMsg } from './messages.js';

/**
 * Pre-trade risk, one shard per worker for the traders placed on that worker (so an order's
 * first hop stays on its thread): rejects an order whose notional (price x qty) is over the
 * limit, or that would take the trader's position in the symbol past the limit should it fill
 * completely; forwards the rest to the symbol's book. Positions follow the updates the books
 * send after each fill.
 */
export function riskActor(state: DeskState): ActorBehavior<RiskMsg> {
  const { symbols, traders, positionLimit, notionalLimit } = state.flow;
  const workers = state.workers;
  // Trader t of this shard is at row floor(t / workers).
  const positions = new Float64Array(symbols * Math.ceil(traders / workers));
  const at = (trader: number, symbol: number) => Math.floor(trader / workers) * symbols + symbol;
  return {
    receive(msg: RiskMsg): void {
      if (msg.type === 'position') {
        for (let i = 0; i < msg.traders.length; i++) {
          positions[at(msg.traders[i]!, msg.symbol)]! += msg.deltas[i]!;
        }
        state.handled++;
        return;
      }
      const o = msg.order;
      if (o.price * o.qty > notionalLimit) {
        msg.replyTo.tell({ type: 'rejected', orderId: o.id, reason: 'notional' });
        return;
      }
      const position = positions[at(o.trader, msg.symbol)] ?? 0;
      if (Math.abs(position + (o.side === 'buy' ? o.qty : -o.qty)) > positionLimit) {
        msg.replyTo.tell({ type: 'rejected', orderId: o.id, reason: 'position' });
        return;
      }
      state.books[msg.symbol]?.tell(msg);
    },
  };
}
