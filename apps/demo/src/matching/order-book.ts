import { PriceLevel, type RestingOrder } from './price-level.js';
import type {
  BookSnapshot,
  Fill,
  LimitOrder,
  RestingOrderData,
  Side,
  SubmitResult,
} from './types.js';

/** One side of the book: prices sorted so that the best is last (cheap to drop). */
class BookSide {
  /** Bids ascending, asks descending: the best price is at the end. */
  readonly prices: number[] = [];
  readonly levels = new Map<number, PriceLevel>();
  private readonly isBid: boolean;

  constructor(isBid: boolean) {
    this.isBid = isBid;
  }

  best(): PriceLevel | undefined {
    const price = this.prices[this.prices.length - 1];
    return price === undefined ? undefined : this.levels.get(price);
  }

  /** True when `a` ranks before `b` on this side (higher bid, lower ask). */
  private better(a: number, b: number): boolean {
    return this.isBid ? a > b : a < b;
  }

  levelFor(price: number): PriceLevel {
    let level = this.levels.get(price);
    if (level !== undefined) return level;
    level = new PriceLevel(price);
    this.levels.set(price, level);
    // Binary search for the first index whose price ranks better than `price`.
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.better(this.prices[mid] as number, price)) hi = mid;
      else lo = mid + 1;
    }
    this.prices.splice(lo, 0, price);
    return level;
  }

  dropLevel(level: PriceLevel): void {
    this.levels.delete(level.price);
    const last = this.prices.length - 1;
    if (this.prices[last] === level.price) this.prices.pop();
    else this.prices.splice(this.prices.lastIndexOf(level.price), 1);
  }

  /** Levels best-first. */
  levelsBestFirst(): PriceLevel[] {
    const out: PriceLevel[] = [];
    for (let i = this.prices.length - 1; i >= 0; i--) {
      const level = this.levels.get(this.prices[i] as number);
      if (level !== undefined) out.push(level);
    }
    return out;
  }
}

function checkOrder(order: LimitOrder): void {
  if (!Number.isSafeInteger(order.qty) || order.qty <= 0) {
    throw new RangeError(
      `zactor-demo/order-book.submit: qty (${order.qty}) must be a positive integer`,
    );
  }
  if (!Number.isSafeInteger(order.price) || order.price <= 0) {
    throw new RangeError(
      `zactor-demo/order-book.submit: price (${order.price}) must be a positive integer`,
    );
  }
}

/**
 * A price-time-priority limit order book for one symbol: pure and synchronous.
 * An incoming order matches the best opposite levels while prices cross, oldest order
 * first within a level, each fill at the resting (maker) order's price; what is left rests.
 */
export class OrderBook {
  private readonly bids = new BookSide(true);
  private readonly asks = new BookSide(false);
  private readonly byId = new Map<number, RestingOrder>();
  private nextSeq = 0;

  /** Rebuilds a book from a snapshot taken with `snapshot()`. */
  static restore(snapshot: BookSnapshot): OrderBook {
    const book = new OrderBook();
    for (const o of snapshot.orders) book.rest({ ...o });
    book.nextSeq = snapshot.nextSeq;
    return book;
  }

  /** Matches `order` against the book and rests what is left. Throws on a bad or duplicate order. */
  submit(order: LimitOrder): SubmitResult {
    checkOrder(order);
    if (this.byId.has(order.id)) {
      throw new RangeError(`zactor-demo/order-book.submit: order ${order.id} is already resting`);
    }
    const seq = this.nextSeq++;
    const fills: Fill[] = [];
    const isBuy = order.side === 'buy';
    const opposite = isBuy ? this.asks : this.bids;
    let remaining = order.qty;
    while (remaining > 0) {
      const level = opposite.best();
      if (level === undefined) break;
      if (isBuy ? level.price > order.price : level.price < order.price) break;
      const maker = level.first();
      if (maker === undefined) {
        opposite.dropLevel(level);
        continue;
      }
      const qty = Math.min(remaining, maker.remaining);
      remaining -= qty;
      maker.remaining -= qty;
      fills.push({
        makerId: maker.id,
        makerTrader: maker.trader,
        takerId: order.id,
        takerTrader: order.trader,
        takerSide: order.side,
        price: level.price,
        qty,
      });
      if (maker.remaining === 0) {
        this.byId.delete(maker.id);
        level.removed();
        if (level.live === 0) opposite.dropLevel(level);
      }
    }
    if (remaining > 0) {
      this.rest({
        id: order.id,
        trader: order.trader,
        side: order.side,
        price: order.price,
        remaining,
        seq,
      });
    }
    return { fills, restingQty: remaining };
  }

  /** Cancels a resting order; returns the quantity cancelled (0 when it is not resting). */
  cancel(orderId: number): number {
    const order = this.byId.get(orderId);
    if (order === undefined) return 0;
    const qty = order.remaining;
    order.remaining = 0;
    this.byId.delete(orderId);
    const side = order.side === 'buy' ? this.bids : this.asks;
    const level = side.levels.get(order.price);
    if (level !== undefined) {
      level.removed();
      if (level.live === 0) side.dropLevel(level);
    }
    return qty;
  }

  bestBid(): number | undefined {
    return this.bids.best()?.price;
  }

  bestAsk(): number | undefined {
    return this.asks.best()?.price;
  }

  /** Remaining quantity of a resting order, or 0. */
  restingQtyOf(orderId: number): number {
    return this.byId.get(orderId)?.remaining ?? 0;
  }

  /** Number of resting orders. */
  get size(): number {
    return this.byId.size;
  }

  /** Resting orders of one side, best-first, FIFO within a level (allocates). */
  depth(side: Side): RestingOrderData[] {
    const out: RestingOrderData[] = [];
    for (const level of (side === 'buy' ? this.bids : this.asks).levelsBestFirst()) {
      for (const o of level.liveOrders()) out.push({ ...o });
    }
    return out;
  }

  /** A copy of the state: enough for `OrderBook.restore` to rebuild the same book. */
  snapshot(): BookSnapshot {
    return { nextSeq: this.nextSeq, orders: [...this.depth('buy'), ...this.depth('sell')] };
  }

  private rest(order: RestingOrder): void {
    (order.side === 'buy' ? this.bids : this.asks).levelFor(order.price).push(order);
    this.byId.set(order.id, order);
  }
}
