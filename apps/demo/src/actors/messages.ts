import type { ActorRef } from '@zactor/actor-core';
import type { LimitOrder } from '../matching/types.js';

/*
 * The exchange's messages. Each carries a `type` tag: the hot ones (place, cancel, ack,
 * cancel-ack, fill, position, market) have a registered schema in `exchange-cluster.ts`
 * (`message-schemas.ts`), so crossing a worker costs a fixed layout instead of msgpack;
 * `rejected` and `next` are rare and take the fallback codec. Refs of traders travel as
 * `replyTo` (a top-level `t.ref` field), so no actor needs a directory of every trader.
 */

/** A new order, trader -> risk -> order book. `req` is the trader's request number (one in flight). */
export interface PlaceOrder {
  readonly type: 'place';
  readonly symbol: number;
  readonly req: number;
  readonly replyTo: ActorRef<TraderMsg>;
  readonly order: LimitOrder;
}

/** A cancel, trader -> order book. */
export interface CancelOrder {
  readonly type: 'cancel';
  readonly symbol: number;
  readonly req: number;
  readonly trader: number;
  readonly orderId: number;
  readonly replyTo: ActorRef<TraderMsg>;
}

/** Commands an order book accepts. */
export type BookMsg = PlaceOrder | CancelOrder;

/**
 * Position changes from one command's fills, book -> the risk shard of the traders concerned:
 * `deltas[i]` (signed quantity, + bought) for trader `traders[i]`.
 */
export interface PositionUpdate {
  readonly type: 'position';
  readonly symbol: number;
  readonly traders: ArrayLike<number>;
  readonly deltas: ArrayLike<number>;
}

export type RiskMsg = PlaceOrder | PositionUpdate;

/** Asks a trader to take its next action. */
export interface NextAction {
  readonly type: 'next';
}

/**
 * The book accepted an order: what it filled as a taker, in total (`notional` = sum of
 * price x qty over its fills), and what rests.
 */
export interface OrderAck {
  readonly type: 'ack';
  readonly orderId: number;
  readonly filledQty: number;
  readonly notional: number;
  readonly restingQty: number;
}

/** The risk actor refused an order; nothing reached a book. */
export interface OrderRejected {
  readonly type: 'rejected';
  readonly orderId: number;
  readonly reason: 'position' | 'notional';
}

/** The book handled a cancel; `cancelledQty` is 0 when the order was no longer resting. */
export interface CancelAck {
  readonly type: 'cancel-ack';
  readonly orderId: number;
  readonly cancelledQty: number;
}

/** A resting order of this trader was hit by someone else's order, at `price`. */
export interface MakerFill {
  readonly type: 'fill';
  readonly orderId: number;
  readonly price: number;
  readonly qty: number;
}

export type TraderMsg = NextAction | OrderAck | OrderRejected | CancelAck | MakerFill;

/** Top of book and trades after one command, book -> market data -> subscribers. */
export interface MarketUpdate {
  readonly type: 'market';
  readonly symbol: number;
  readonly bestBid: number | undefined;
  readonly bestAsk: number | undefined;
  readonly tradeCount: number;
  readonly tradeQty: number;
}
