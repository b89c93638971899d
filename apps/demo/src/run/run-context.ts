import type { ActorRef } from '@zactor/actor-core';
import type { FaultInjector } from '../actors/fault-injector.js';
import type { BookMsg, MarketUpdate, RiskMsg, TraderMsg } from '../actors/messages.js';
import type { LatencyReservoir } from '../stats/latency-reservoir.js';
import type { BookJournal } from '../store/book-journal.js';
import type { TraderAccount } from '../store/trader-account.js';

/** The knobs of the order flow. */
export interface FlowSettings {
  readonly symbols: number;
  readonly traders: number;
  /** Reference price of each symbol, in ticks. */
  readonly referencePrice: (symbol: number) => number;
  /** Open orders a trader keeps at most before it cancels one. */
  readonly maxOpenOrders: number;
  /** Probability of a cancel (when the trader has open orders) instead of a new order. */
  readonly cancelProbability: number;
  /** Probability of an oversized order, which the risk actor rejects on notional. */
  readonly fatFingerProbability: number;
  /** |position| per trader and symbol the risk actor allows. */
  readonly positionLimit: number;
  /** price x qty the risk actor allows for one order. */
  readonly notionalLimit: number;
}

/**
 * Everything the actors of one run share: refs, the stores outside the actors, the fault
 * injector, the latency sample and the counters the live view and the drain read.
 * One event loop owns it.
 */
export interface RunContext {
  readonly flow: FlowSettings;
  readonly faults: FaultInjector;
  readonly journals: readonly BookJournal[];
  readonly accounts: readonly TraderAccount[];
  readonly books: ActorRef<BookMsg>[];
  readonly traders: ActorRef<TraderMsg>[];
  risk: ActorRef<RiskMsg> | null;
  marketData: ActorRef<MarketUpdate> | null;
  readonly latency: LatencyReservoir;
  readonly latencyWindow: LatencyReservoir;
  /** Messages sent whose handling the drain must wait for. */
  pending: number;
  /** Set when the run's time is up: traders stop sending new requests. */
  stopping: boolean;
  /** Acknowledged requests (acks, rejects, cancel acks). */
  acknowledged: number;
  bookRestarts: number;
  traderRestarts: number;
  /** Commands a book saw again after a crash and answered from its journal. */
  redelivered: number;
}
