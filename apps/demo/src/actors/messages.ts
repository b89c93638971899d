import type { Fill, LimitOrder } from '../matching/types.js';

/** A new order, trader -> risk -> order book. `req` is the trader's request number (one in flight). */
export interface PlaceOrder {
  readonly kind: 'place';
  readonly symbol: number;
  readonly req: number;
  readonly order: LimitOrder;
}

/** A cancel, trader -> order book. */
export interface CancelOrder {
  readonly kind: 'cancel';
  readonly symbol: number;
  readonly req: number;
  readonly trader: number;
  readonly orderId: number;
}

/** Commands an order book accepts. */
export type BookMsg = PlaceOrder | CancelOrder;

/** Position updates the order books send to the risk actor. */
export interface FillsReport {
  readonly kind: 'fills';
  readonly symbol: number;
  readonly fills: readonly Fill[];
}

export type RiskMsg = PlaceOrder | FillsReport;

/** Asks a trader to take its next action. */
export interface NextAction {
  readonly kind: 'next';
}

/** The book accepted an order: the fills it took as a taker and what rests. */
export interface OrderAck {
  readonly kind: 'ack';
  readonly orderId: number;
  readonly fills: readonly Fill[];
  readonly restingQty: number;
}

/** The risk actor refused an order; nothing reached a book. */
export interface OrderRejected {
  readonly kind: 'rejected';
  readonly orderId: number;
  readonly reason: 'position' | 'notional';
}

/** The book handled a cancel; `cancelledQty` is 0 when the order was no longer resting. */
export interface CancelAck {
  readonly kind: 'cancel-ack';
  readonly orderId: number;
  readonly cancelledQty: number;
}

/** A resting order of this trader was hit by someone else's order. */
export interface MakerFill {
  readonly kind: 'fill';
  readonly fill: Fill;
}

export type TraderMsg = NextAction | OrderAck | OrderRejected | CancelAck | MakerFill;

/** Top of book and trades after one command, book -> market data -> subscribers. */
export interface MarketUpdate {
  readonly kind: 'market';
  readonly symbol: number;
  readonly bestBid: number | undefined;
  readonly bestAsk: number | undefined;
  readonly tradeCount: number;
  readonly tradeQty: number;
}
