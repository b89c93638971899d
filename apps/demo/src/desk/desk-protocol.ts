import type { ActorRef } from '@zactor/actor-core';
import type { BookMsg, MarketUpdate, RiskMsg } from '../actors/messages.js';

/*
 * Main thread <-> desk: rare control messages (asks), sent with the fallback codec. Refs
 * inside them arrive as refs on the other side.
 */

/** What one worker hosts (global indices). */
export interface DeskPlan {
  readonly books: readonly number[];
  readonly traders: readonly number[];
  readonly subscribers: readonly number[];
  readonly marketData: boolean;
}

/** Refs of the actors a desk spawned, in the order of its plan. */
export interface DeskSpawned {
  readonly books: ActorRef<BookMsg>[];
  readonly risk: ActorRef<RiskMsg>;
  readonly subscribers: ActorRef<MarketUpdate>[];
  readonly marketData: ActorRef<MarketUpdate> | null;
}

/** Refs every desk needs: books by symbol, risk shards by worker, subscribers, market data. */
export interface DeskWiring {
  readonly books: readonly ActorRef<BookMsg>[];
  readonly risks: readonly ActorRef<RiskMsg>[];
  readonly subscribers: readonly ActorRef<MarketUpdate>[];
  readonly marketData: ActorRef<MarketUpdate> | null;
}

export type DeskMsg =
  | { readonly op: 'setup'; readonly plan: DeskPlan }
  | ({ readonly op: 'wire' } & DeskWiring)
  | { readonly op: 'start' }
  | { readonly op: 'stop' }
  | { readonly op: 'counters' }
  | { readonly op: 'sample' }
  | { readonly op: 'report' };

/** The drain's view of a worker: messages counted as sent and as handled there. */
export interface DeskCounters {
  readonly sent: number;
  readonly handled: number;
}

/** One second of a worker, for the live view (the latency window restarts after it). */
export interface DeskSample {
  readonly acknowledged: number;
  readonly bookRestarts: number;
  readonly traderRestarts: number;
  readonly latency: number[];
}

/** What the traders of one worker saw (summed over them). */
export interface TraderTotals {
  submitted: number;
  submittedQty: number;
  filled: number;
  cancelled: number;
  rejected: number;
  rejectedQty: number;
  filledQty: number;
  cancelledQty: number;
  bought: number;
  sold: number;
  cash: number;
  /** Orders still open at the traders, their remaining quantity and digest (order-digest.ts). */
  resting: number;
  restingQty: number;
  digest: number;
}

/** What the books of one worker committed (summed over them); resting from their journals. */
export interface BookTotals {
  accepted: number;
  filledQty: number;
  cancelledQty: number;
  trades: number;
  resting: number;
  restingQty: number;
  digest: number;
  snapshots: number;
  replayed: number;
}

/** Trader totals with every count at zero (a fresh object each call: callers add into it). */
export function zeroTraderTotals(): TraderTotals {
  return {
    submitted: 0,
    submittedQty: 0,
    filled: 0,
    cancelled: 0,
    rejected: 0,
    rejectedQty: 0,
    filledQty: 0,
    cancelledQty: 0,
    bought: 0,
    sold: 0,
    cash: 0,
    resting: 0,
    restingQty: 0,
    digest: 0,
  };
}

/** Book totals with every count at zero (a fresh object each call). */
export function zeroBookTotals(): BookTotals {
  return {
    accepted: 0,
    filledQty: 0,
    cancelledQty: 0,
    trades: 0,
    resting: 0,
    restingQty: 0,
    digest: 0,
    snapshots: 0,
    replayed: 0,
  };
}

/** A worker's final state, for the summary and the conservation check. */
export interface DeskReport extends DeskCounters, DeskSample {
  readonly worker: number;
  readonly traders: TraderTotals;
  readonly books: BookTotals;
  /** Traded quantity each subscriber of this worker saw, by subscriber index. */
  readonly subscribers: readonly (readonly [index: number, tradeQty: number])[];
  readonly faults: number;
  readonly redelivered: number;
}
