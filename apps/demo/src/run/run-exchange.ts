import {
  type ActorContext,
  type ActorRef,
  ActorSystem,
  OneForOneStrategy,
} from '@zactor/actor-core';
import { FaultInjector } from '../actors/fault-injector.js';
import { marketDataActor } from '../actors/market-data-actor.js';
import {
  marketDataSubscriber,
  newSubscriberTally,
  type SubscriberTally,
} from '../actors/market-data-subscriber.js';
import type { MarketUpdate } from '../actors/messages.js';
import { orderBookActor } from '../actors/order-book-actor.js';
import { riskActor } from '../actors/risk-actor.js';
import { traderActor } from '../actors/trader-actor.js';
import { deriveSeed } from '../random/prng.js';
import { LatencyReservoir } from '../stats/latency-reservoir.js';
import { BookJournal } from '../store/book-journal.js';
import { TraderAccount } from '../store/trader-account.js';
import { LiveView } from '../view/live-view.js';
import { type ConservationResult, checkConservation } from './conservation.js';
import { DEFAULT_OPTIONS, type ExchangeOptions, validateOptions } from './exchange-options.js';
import type { FlowSettings, RunContext } from './run-context.js';
import { formatSummary } from './summary.js';

/** What a run did, and the conservation check's verdict. */
export interface ExchangeReport {
  readonly options: ExchangeOptions;
  readonly elapsedS: number;
  readonly messages: number;
  readonly submitted: number;
  readonly acknowledged: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly bookRestarts: number;
  readonly traderRestarts: number;
  readonly faults: number;
  readonly redelivered: number;
  readonly snapshots: number;
  readonly replayed: number;
  readonly deadLetters: number;
  readonly conservation: ConservationResult;
}

const SNAPSHOT_EVERY = 500;
const RESERVOIR = 8192;
/** How long the drain may take before the check reports what is still unhandled. */
const DRAIN_LIMIT_MS = 30_000;

type Control = 'noop';

const sleep = (msDelay: number) => new Promise<void>((resolve) => setTimeout(resolve, msDelay));

function flowFor(o: ExchangeOptions): FlowSettings {
  return {
    symbols: o.symbols,
    traders: o.traders,
    referencePrice: (symbol) => 10_000 + 500 * symbol,
    maxOpenOrders: 4,
    cancelProbability: 0.3,
    fatFingerProbability: 0.002,
    positionLimit: 400,
    notionalLimit: 1_500_000,
  };
}

/**
 * Runs the exchange: spawns the actors, lets the traders trade for `durationS`, stops new
 * requests, waits until every message in flight is handled, then checks conservation.
 */
export async function runExchange(partial: Partial<ExchangeOptions> = {}): Promise<ExchangeReport> {
  const options: ExchangeOptions = { ...DEFAULT_OPTIONS, ...partial };
  validateOptions(options);
  const write = options.write ?? (() => {});
  const { seed } = options;
  const run: RunContext = {
    flow: flowFor(options),
    faults: new FaultInjector(options.faultRate, deriveSeed(seed, 0)),
    journals: Array.from({ length: options.symbols }, (_, s) => new BookJournal(s, SNAPSHOT_EVERY)),
    accounts: Array.from(
      { length: options.traders },
      (_, t) => new TraderAccount(t, deriveSeed(seed, 100 + t)),
    ),
    books: [],
    traders: [],
    risk: null,
    marketData: null,
    latency: new LatencyReservoir(RESERVOIR, deriveSeed(seed, 1)),
    latencyWindow: new LatencyReservoir(RESERVOIR, deriveSeed(seed, 2)),
    pending: 0,
    stopping: false,
    acknowledged: 0,
    bookRestarts: 0,
    traderRestarts: 0,
    redelivered: 0,
  };
  const tallies: SubscriberTally[] = Array.from(
    { length: options.subscribers },
    newSubscriberTally,
  );

  // Generous limits: injected faults must never exhaust a restart budget and stop an actor.
  const supervisor = new OneForOneStrategy({ maxRestarts: 1_000_000_000, withinMs: 1000 });
  const system = new ActorSystem({ name: 'exchange', defaultStrategy: supervisor });

  // Two supervisors, each spawning its children in preStart (which runs inside spawn).
  system.spawn<Control>(
    {
      receive() {},
      preStart(ctx: ActorContext<Control>) {
        const subs: ActorRef<MarketUpdate>[] = tallies.map((tally, i) =>
          ctx.spawn(marketDataSubscriber(run, tally), { name: `subscriber-${i}` }),
        );
        run.marketData = ctx.spawn(marketDataActor(run, subs), { name: 'market-data' });
        run.risk = ctx.spawn(riskActor(run), { name: 'risk' });
        for (let s = 0; s < options.symbols; s++) {
          run.books.push(ctx.spawn(orderBookActor(run, s), { name: `book-${s}` }));
        }
      },
    },
    { name: 'exchange', supervisor },
  );
  system.spawn<Control>(
    {
      receive() {},
      preStart(ctx: ActorContext<Control>) {
        for (let t = 0; t < options.traders; t++) {
          run.traders.push(ctx.spawn(traderActor(run, t), { name: `trader-${t}` }));
        }
      },
    },
    { name: 'traders', supervisor },
  );

  const view = new LiveView(write, options.tty === true);
  const started = performance.now();
  let lastTick = started;
  let lastProcessed = 0;
  let lastAcks = 0;
  const tick = () => {
    const now = performance.now();
    const m = system.metrics.snapshot();
    const seconds = (now - lastTick) / 1000;
    view.show({
      elapsedS: (now - started) / 1000,
      msgPerS: (m.messagesProcessed - lastProcessed) / seconds,
      acksPerS: (run.acknowledged - lastAcks) / seconds,
      p50Ms: run.latencyWindow.percentile(0.5),
      p99Ms: run.latencyWindow.percentile(0.99),
      bookRestarts: run.bookRestarts,
      traderRestarts: run.traderRestarts,
      deadLetters: [m.deadLetters],
    });
    run.latencyWindow.reset();
    lastTick = now;
    lastProcessed = m.messagesProcessed;
    lastAcks = run.acknowledged;
  };
  const ticker = setInterval(tick, 1000);

  for (const trader of run.traders) {
    run.pending++;
    trader.tell({ kind: 'next' });
  }
  await sleep(options.durationS * 1000);
  run.stopping = true;
  const drainStart = performance.now();
  while (run.pending > 0 && performance.now() - drainStart < DRAIN_LIMIT_MS) await sleep(5);
  clearInterval(ticker);
  view.finish();
  const elapsedS = (performance.now() - started) / 1000;

  const metrics = system.metrics.snapshot();
  // Read before the check, which rebuilds every book from its journal once more.
  let snapshots = 0;
  let replayed = 0;
  for (const j of run.journals) {
    snapshots += j.snapshots;
    replayed += j.replayed;
  }
  const conservation = checkConservation({
    accounts: run.accounts,
    journals: run.journals,
    subscribers: tallies,
    pending: run.pending,
    deadLetters: metrics.deadLetters,
  });
  await system.shutdown();

  let submitted = 0;
  for (const a of run.accounts) submitted += a.submitted;
  const report: ExchangeReport = {
    options,
    elapsedS,
    messages: metrics.messagesProcessed,
    submitted,
    acknowledged: run.acknowledged,
    latencyP50Ms: run.latency.percentile(0.5),
    latencyP99Ms: run.latency.percentile(0.99),
    bookRestarts: run.bookRestarts,
    traderRestarts: run.traderRestarts,
    faults: run.faults.thrown,
    redelivered: run.redelivered,
    snapshots,
    replayed,
    deadLetters: metrics.deadLetters,
    conservation,
  };
  write(formatSummary(report));
  return report;
}
