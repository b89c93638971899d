import type { Side } from '../matching/types.js';
import { Prng } from '../random/prng.js';

/** An order the trader has sent and not yet seen finish. */
export interface OpenOrder {
  readonly symbol: number;
  readonly side: Side;
  readonly price: number;
  readonly qty: number;
  filled: number;
  cancelled: number;
}

/**
 * A trader's own records, kept outside the actor (its "durable" account) so that a
 * restarted trader carries on: its PRNG, its request counter, its open orders and the
 * tallies the conservation check sums. Every submitted order ends in exactly one of
 * rejected, filled, cancelled (possibly after partial fills) or open (resting).
 *
 * Contract: only the trader's actor writes it, on its worker's thread (module memory: it
 * survives the actor's restarts, not the worker's death).
 */
export class TraderAccount {
  readonly index: number;
  readonly prng: Prng;
  readonly open = new Map<number, OpenOrder>();
  /** Request number of the request in flight (or of the last one). */
  req = 0;
  /** performance.now() when the request in flight was sent; -1 when idle. */
  sentAt = -1;
  private nextOrder = 0;

  submitted = 0;
  submittedQty = 0;
  rejected = 0;
  rejectedQty = 0;
  filledOrders = 0;
  cancelledOrders = 0;
  filledQty = 0;
  cancelledQty = 0;
  bought = 0;
  sold = 0;
  /** Cash: minus what was paid for buys, plus what was received for sells (price x qty). */
  cash = 0;

  constructor(index: number, seed: number) {
    this.index = index;
    this.prng = new Prng(seed);
  }

  /** A fresh order id, unique across the run: (sequence, trader) packed into a safe integer. */
  newOrderId(traders: number): number {
    return this.nextOrder++ * traders + this.index;
  }

  /**
   * Records fills on one of this trader's orders, as maker or taker: `qty` units for a total
   * of `notional` (sum of price x qty). The order's own side says whether the trader bought.
   */
  applyFill(orderId: number, qty: number, notional: number): void {
    const o = this.open.get(orderId);
    if (o === undefined || qty === 0) return;
    o.filled += qty;
    this.filledQty += qty;
    if (o.side === 'buy') {
      this.bought += qty;
      this.cash -= notional;
    } else {
      this.sold += qty;
      this.cash += notional;
    }
    this.closeIfDone(orderId, o);
  }

  applyCancel(orderId: number, qty: number): void {
    const o = this.open.get(orderId);
    if (o === undefined || qty === 0) return;
    o.cancelled += qty;
    this.cancelledQty += qty;
    this.closeIfDone(orderId, o);
  }

  applyReject(orderId: number): void {
    const o = this.open.get(orderId);
    if (o === undefined) return;
    this.open.delete(orderId);
    this.rejected++;
    this.rejectedQty += o.qty;
  }

  /** Quantity still open on an order (fills or a cancel may still be on their way). */
  remainingOf(o: OpenOrder): number {
    return o.qty - o.filled - o.cancelled;
  }

  // Fills and cancel acks may arrive in any order (a restarted trader gets its failed
  // message again at the back of its mailbox), so an order closes when they add up.
  private closeIfDone(orderId: number, o: OpenOrder): void {
    if (o.filled + o.cancelled < o.qty) return;
    this.open.delete(orderId);
    if (o.cancelled > 0) this.cancelledOrders++;
    else this.filledOrders++;
  }
}
