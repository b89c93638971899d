import type { MessageSchemas } from '@zactor/actor-core';
import { t } from '@zactor/serializer';

/**
 * Compiled layouts of the hot messages (see messages.ts), by their `type` tag. Prices and
 * quantities are integer ticks and units; order ids are (sequence x traders + trader), so
 * f64 keeps them exact past 2^32. `replyTo` is a top-level `t.ref`: it arrives as a ref.
 */
export const MESSAGE_SCHEMAS: MessageSchemas = {
  place: t.struct({
    symbol: t.u16,
    req: t.u32,
    replyTo: t.ref,
    order: t.struct({ id: t.f64, trader: t.u32, side: t.utf8, price: t.u32, qty: t.u32 }),
  }),
  cancel: t.struct({
    symbol: t.u16,
    req: t.u32,
    trader: t.u32,
    orderId: t.f64,
    replyTo: t.ref,
  }),
  ack: t.struct({ orderId: t.f64, filledQty: t.u32, notional: t.f64, restingQty: t.u32 }),
  'cancel-ack': t.struct({ orderId: t.f64, cancelledQty: t.u32 }),
  fill: t.struct({ orderId: t.f64, price: t.u32, qty: t.u32 }),
  position: t.struct({ symbol: t.u16, traders: t.vec(t.u32), deltas: t.vec(t.i32) }),
  market: t.struct({
    symbol: t.u16,
    bestBid: t.optional(t.u32),
    bestAsk: t.optional(t.u32),
    tradeCount: t.u32,
    tradeQty: t.u32,
  }),
};
