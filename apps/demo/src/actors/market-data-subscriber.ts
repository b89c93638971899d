import type { ReceiveFn } from '@zactor/actor-core';
import type { DeskState } from '../desk/desk-state.js';
import type { MarketUpdate } from './messages.js';

/** What one subscriber has seen: updates, trades and traded quantity, and the last quotes. */
export interface SubscriberTally {
  updates: number;
  trades: number;
  tradeQty: number;
  readonly lastBid: (number | undefined)[];
  readonly lastAsk: (number | undefined)[];
}

export function newSubscriberTally(): SubscriberTally {
  return { updates: 0, trades: 0, tradeQty: 0, lastBid: [], lastAsk: [] };
}

/** A market-data consumer: keeps the top of book per symbol and counts the trades it saw. */
export function marketDataSubscriber(
  state: DeskState,
  tally: SubscriberTally,
): ReceiveFn<MarketUpdate> {
  return (u) => {
    tally.updates++;
    tally.trades += u.tradeCount;
    tally.tradeQty += u.tradeQty;
    tally.lastBid[u.symbol] = u.bestBid;
    tally.lastAsk[u.symbol] = u.bestAsk;
    state.handled++;
  };
}
