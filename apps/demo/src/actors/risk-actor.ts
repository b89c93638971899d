import type { ActorBehavior } from '@zactor/actor-core';
import type { RunContext } from '../run/run-context.js';
import type { RiskMsg } from './messages.js';

/**
 * Pre-trade risk: rejects an order whose notional (price x qty) is over the limit, or
 * that would take the trader's position in the symbol past the limit should it fill
 * completely; forwards the rest to the symbol's book. Positions follow the fills the
 * books report.
 */
export function riskActor(run: RunContext): ActorBehavior<RiskMsg> {
  const { symbols, traders, positionLimit, notionalLimit } = run.flow;
  const positions = new Float64Array(symbols * traders);
  return {
    receive(msg: RiskMsg): void {
      if (msg.kind === 'fills') {
        for (const f of msg.fills) {
          const signed = f.takerSide === 'buy' ? f.qty : -f.qty;
          positions[f.takerTrader * symbols + msg.symbol]! += signed;
          positions[f.makerTrader * symbols + msg.symbol]! -= signed;
        }
        run.pending--;
        return;
      }
      const o = msg.order;
      const trader = run.traders[o.trader];
      if (o.price * o.qty > notionalLimit) {
        trader?.tell({ kind: 'rejected', orderId: o.id, reason: 'notional' });
        return;
      }
      const position = positions[o.trader * symbols + msg.symbol] ?? 0;
      if (Math.abs(position + (o.side === 'buy' ? o.qty : -o.qty)) > positionLimit) {
        trader?.tell({ kind: 'rejected', orderId: o.id, reason: 'position' });
        return;
      }
      run.books[msg.symbol]?.tell(msg);
    },
  };
}
