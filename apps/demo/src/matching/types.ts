/** The side of an order. */
export type Side = 'buy' | 'sell';

/** A limit order as submitted: prices are integer ticks, quantities positive integers. */
export interface LimitOrder {
  readonly id: number;
  readonly trader: number;
  readonly side: Side;
  readonly price: number;
  readonly qty: number;
}

/** One execution between a resting (maker) order and an incoming (taker) order, at the maker's price. */
export interface Fill {
  readonly makerId: number;
  readonly makerTrader: number;
  readonly takerId: number;
  readonly takerTrader: number;
  /** The taker's side: a buy taker means the maker sold. */
  readonly takerSide: Side;
  readonly price: number;
  readonly qty: number;
}

/** What `submit` returns: the fills in execution order and the quantity left resting. */
export interface SubmitResult {
  readonly fills: readonly Fill[];
  readonly restingQty: number;
}

/** A resting order as stored in a snapshot; `seq` is its arrival rank (time priority). */
export interface RestingOrderData {
  readonly id: number;
  readonly trader: number;
  readonly side: Side;
  readonly price: number;
  readonly remaining: number;
  readonly seq: number;
}

/** A copy of a book's state: resting orders best-first per side, FIFO within a level. */
export interface BookSnapshot {
  readonly nextSeq: number;
  readonly orders: readonly RestingOrderData[];
}
