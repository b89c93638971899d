/** A resting order inside the book; `remaining` drops as it fills and is 0 once it has left. */
export interface RestingOrder {
  readonly id: number;
  readonly trader: number;
  readonly side: 'buy' | 'sell';
  readonly price: number;
  remaining: number;
  readonly seq: number;
}

/**
 * The orders at one price on one side, in arrival order (FIFO). Filled and cancelled
 * orders are left in the array with `remaining = 0` and skipped; `live` counts the others,
 * and the array is compacted once the dead prefix is long.
 */
export class PriceLevel {
  readonly price: number;
  private orders: RestingOrder[] = [];
  private head = 0;
  /** Orders at this level with remaining > 0. */
  live = 0;

  constructor(price: number) {
    this.price = price;
  }

  push(order: RestingOrder): void {
    this.orders.push(order);
    this.live++;
  }

  /** The oldest live order, or undefined when the level is empty. */
  first(): RestingOrder | undefined {
    while (this.head < this.orders.length) {
      const order = this.orders[this.head];
      if (order !== undefined && order.remaining > 0) return order;
      this.head++;
    }
    return undefined;
  }

  /** Call after an order at this level reached remaining 0 (filled or cancelled). */
  removed(): void {
    this.live--;
    if (this.head > 32 && this.head * 2 > this.orders.length) {
      this.orders = this.orders.slice(this.head);
      this.head = 0;
    }
  }

  /** Live orders in FIFO order (allocates: for snapshots and tests). */
  liveOrders(): RestingOrder[] {
    const out: RestingOrder[] = [];
    for (let i = this.head; i < this.orders.length; i++) {
      const order = this.orders[i];
      if (order !== undefined && order.remaining > 0) out.push(order);
    }
    return out;
  }
}
