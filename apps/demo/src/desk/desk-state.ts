import type { ActorRef } from '@zactor/actor-core';
import { FaultInjector } from '../actors/fault-injector.js';
import type { SubscriberTally } from '../actors/market-data-subscriber.js';
import type { BookMsg, MarketUpdate, RiskMsg } from '../actors/messages.js';
import { deriveSeed } from '../random/prng.js';
import { LatencyHistogram } from '../stats/latency-histogram.js';
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

/** What the main thread sends a worker's desk when it spawns it (structured-cloned). */
export interface DeskArgs {
  readonly worker: number;
  readonly workers: number;
  readonly symbols: number;
  readonly traders: number;
  readonly faultRate: number;
  readonly seed: number;
  readonly snapshotEvery: number;
}

export function flowFor(symbols: number, traders: number): FlowSettings {
  return {
    symbols,
    traders,
    referencePrice: (symbol) => 10_000 + 500 * symbol,
    maxOpenOrders: 4,
    cancelProbability: 0.3,
    fatFingerProbability: 0.002,
    positionLimit: 400,
    notionalLimit: 1_500_000,
  };
}

/**
 * Everything the exchange's actors on ONE worker share, kept in the worker's module memory:
 * the "durable" stores (book journals, trader accounts, subscriber tallies), which survive
 * actor restarts but not the death of the worker; the refs the desk was wired with; the fault
 * injector; the latency histograms; and the counters the main thread collects through the desk.
 *
 * `sent` and `handled` count the messages whose handling the drain waits for: a sender adds
 * to `sent` on its worker, the receiver adds to `handled` on its own. Summed over the workers
 * they meet when nothing is in flight (see run/quiescence.ts).
 *
 * Contract: one per worker thread; only that thread's actors touch it (no shared memory).
 */
export class DeskState {
  readonly worker: number;
  readonly workers: number;
  readonly flow: FlowSettings;
  readonly faults: FaultInjector;
  readonly snapshotEvery: number;
  readonly journals = new Map<number, BookJournal>();
  readonly accounts = new Map<number, TraderAccount>();
  readonly tallies = new Map<number, SubscriberTally>();
  /** Wired by the main thread once every actor exists. */
  books: readonly ActorRef<BookMsg>[] = [];
  /** One risk shard per worker: shard w checks the traders placed on worker w. */
  risks: readonly ActorRef<RiskMsg>[] = [];
  subscribers: readonly ActorRef<MarketUpdate>[] = [];
  marketData: ActorRef<MarketUpdate> | null = null;
  readonly latency = new LatencyHistogram();
  readonly latencyWindow = new LatencyHistogram();
  sent = 0;
  handled = 0;
  /** Set when the run's time is up: traders stop sending new requests. */
  stopping = false;
  /** Acknowledged requests (acks, rejects, cancel acks). */
  acknowledged = 0;
  bookRestarts = 0;
  traderRestarts = 0;
  /** Commands a book saw again after a crash and answered from its journal. */
  redelivered = 0;

  constructor(args: DeskArgs) {
    this.worker = args.worker;
    this.workers = args.workers;
    this.flow = flowFor(args.symbols, args.traders);
    this.faults = new FaultInjector(args.faultRate, deriveSeed(args.seed, 1000 + args.worker));
    this.snapshotEvery = args.snapshotEvery;
  }

  /** The worker (and risk shard) a trader lives on: traders are dealt round-robin. */
  workerOfTrader(trader: number): number {
    return trader % this.workers;
  }
}

let current: DeskState | undefined;

/** Creates this worker's state (the desk does, once). */
export function openDesk(args: DeskArgs): DeskState {
  current = new DeskState(args);
  return current;
}

/** This worker's state; throws when no desk was spawned on this worker yet. */
export function desk(): DeskState {
  if (current === undefined) {
    throw new Error('zactor-demo: no desk on this worker (spawn the desk kind first)');
  }
  return current;
}
