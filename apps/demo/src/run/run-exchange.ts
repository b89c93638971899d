import {
  ActorCluster,
  type ActorClusterOptions,
  type ActorRef,
  type KindsOf,
} from '@zactor/actor-core';
import {
  type DeskCounters,
  type DeskMsg,
  type DeskReport,
  type DeskSample,
  type DeskSpawned,
  zeroBookTotals,
  zeroTraderTotals,
} from '../desk/desk-protocol.js';
import type { DeskArgs } from '../desk/desk-state.js';
import type ExchangeCluster from '../exchange-cluster.js';
import {
  type RemoteChild,
  type RemoteMarketData,
  startRemoteMarketData,
} from '../remote/remote-market-data.js';
import { LatencyHistogram } from '../stats/latency-histogram.js';
import { LiveView } from '../view/live-view.js';
import { type ConservationResult, checkConservation, sumTotals } from './conservation.js';
import { DEFAULT_OPTIONS, type ExchangeOptions, validateOptions } from './exchange-options.js';
import { planDesks } from './placement.js';
import { formatSummary } from './summary.js';

/** What `runExchange` needs besides the flags: where the cluster module is, how to start workers. */
export interface RunOptions extends Partial<ExchangeOptions> {
  /** The cluster module: dist/exchange-cluster.js, or src/exchange-cluster.ts in tests. */
  readonly module: URL;
  /** How to start a worker (tests pass `startTsWorker` to run the TypeScript sources). */
  readonly workerFactory?: ActorClusterOptions['workerFactory'];
  /** Pin each worker to a cpu. Default true. */
  readonly pin?: boolean;
  /** The market-data process of `remote` (default: next to the CLI in dist/). */
  readonly remoteChild?: RemoteChild;
}

/** What a run did, and the conservation check's verdict. */
export interface ExchangeReport {
  readonly options: ExchangeOptions;
  readonly workers: number;
  readonly elapsedS: number;
  readonly messages: number;
  /** Messages processed on each worker. */
  readonly workerMessages: readonly number[];
  /** Messages that crossed from one thread to another, and the ring records that carried them. */
  readonly crossWorkerMessages: number;
  readonly crossWorkerBatches: number;
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
/** How long the drain may take before the check reports what is still unhandled. */
const DRAIN_LIMIT_MS = 30_000;
const ASK_TIMEOUT_MS = 30_000;

const sleep = (msDelay: number) => new Promise<void>((resolve) => setTimeout(resolve, msDelay));

/**
 * Runs the exchange on an ActorCluster: one desk per worker spawns that worker's share of
 * the actors; the traders trade for `durationS`, then stop sending; the run waits until no
 * counted message is in flight anywhere, gathers every worker's final state and checks
 * conservation, then shuts the cluster down.
 */
export async function runExchange(run: RunOptions): Promise<ExchangeReport> {
  const { module, workerFactory, pin, remoteChild, ...partial } = run;
  const options: ExchangeOptions = { ...DEFAULT_OPTIONS, ...partial };
  validateOptions(options);
  const write = options.write ?? (() => {});
  const cluster = await ActorCluster.start<typeof ExchangeCluster>({
    module,
    // The demo injects failures on purpose and counts them in its own report; a stderr line per
    // failure would break up the live view.
    logFailures: false,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(pin === undefined ? {} : { pin }),
    ...(workerFactory === undefined ? {} : { workerFactory }),
  });
  let remote: RemoteMarketData | undefined;
  try {
    if (options.remote !== undefined) {
      remote = await startRemoteMarketData(
        cluster,
        options.remote === 'local' ? undefined : options.remote,
        remoteChild ?? { module: new URL('./market-data-process.js', module) },
      );
    }
    return await trade(cluster, options, write, remote);
  } finally {
    await remote?.stop();
    await cluster.shutdown();
  }
}

async function trade(
  cluster: ActorCluster<KindsOf<typeof ExchangeCluster>>,
  options: ExchangeOptions,
  write: (text: string) => void,
  remote: RemoteMarketData | undefined,
): Promise<ExchangeReport> {
  const n = cluster.workerCount;
  const ask = <R>(desk: ActorRef<DeskMsg>, msg: DeskMsg) =>
    cluster.ask<DeskMsg, R>(desk, msg, { timeoutMs: ASK_TIMEOUT_MS });
  const desks = await Promise.all(
    Array.from({ length: n }, (_, w) => {
      const args: DeskArgs = {
        worker: w,
        workers: n,
        symbols: options.symbols,
        traders: options.traders,
        faultRate: options.faultRate,
        seed: options.seed,
        snapshotEvery: SNAPSHOT_EVERY,
      };
      return cluster.spawn('desk', { worker: w, name: 'desk', args });
    }),
  );
  const plans = planDesks(n, options.symbols, options.traders, options.subscribers);
  const spawned = await Promise.all(
    desks.map((d, w) => ask<DeskSpawned>(d, { op: 'setup', plan: plans[w]! })),
  );
  const books: DeskSpawned['books'] = [];
  const subscribers: DeskSpawned['subscribers'] = [];
  let marketData: DeskSpawned['marketData'] = null;
  spawned.forEach((s, w) => {
    const plan = plans[w]!;
    plan.books.forEach((symbol, i) => {
      books[symbol] = s.books[i]!;
    });
    plan.subscribers.forEach((index, i) => {
      subscribers[index] = s.subscribers[i]!;
    });
    marketData ??= s.marketData;
  });
  // --remote: one more subscriber, the relay to the market-data process (the last index).
  if (remote !== undefined) subscribers.push(remote.relay);
  const risks = spawned.map((s) => s.risk);
  await Promise.all(
    desks.map((d) => ask(d, { op: 'wire', books, risks, subscribers, marketData })),
  );

  const view = new LiveView(write, options.tty === true);
  await cluster.metrics(); // the msg/s of the first tick counts from here
  const started = performance.now();
  let lastTick = started;
  let lastAcks = 0;
  let ticking: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = async () => {
    const [metrics, samples] = await Promise.all([
      cluster.metrics(),
      Promise.all(desks.map((d) => ask<DeskSample>(d, { op: 'sample' }))),
    ]);
    const now = performance.now();
    const window = new LatencyHistogram();
    let acks = 0;
    let bookRestarts = 0;
    let traderRestarts = 0;
    for (const s of samples) {
      window.add(s.latency);
      acks += s.acknowledged;
      bookRestarts += s.bookRestarts;
      traderRestarts += s.traderRestarts;
    }
    const workers = metrics.nodes.filter((node) => node.pool !== undefined);
    view.show({
      elapsedS: (now - started) / 1000,
      msgPerS: metrics.total.messagesPerSecond,
      workers: workers.map((node) => ({
        msgPerS: node.messagesPerSecond,
        elu: node.pool?.eventLoopUtilization ?? 0,
      })),
      acksPerS: (acks - lastAcks) / ((now - lastTick) / 1000),
      p50Ms: window.percentile(0.5),
      p99Ms: window.percentile(0.99),
      bookRestarts,
      traderRestarts,
      deadLetters: metrics.total.deadLetters,
    });
    lastTick = now;
    lastAcks = acks;
  };
  const ticker = setInterval(() => {
    if (busy) return; // a slow tick (a loaded machine) skips the next instead of piling up
    busy = true;
    ticking = tick().finally(() => {
      busy = false;
    });
  }, 1000);

  try {
    await Promise.all(desks.map((d) => ask(d, { op: 'start' })));
    await sleep(options.durationS * 1000);
    await Promise.all(desks.map((d) => ask(d, { op: 'stop' })));
    await drain(desks, ask, () => remote?.relayed ?? 0);
  } finally {
    clearInterval(ticker);
    await ticking.catch(() => {});
  }
  view.finish();
  const elapsedS = (performance.now() - started) / 1000;

  const reports = await Promise.all(desks.map((d) => ask<DeskReport>(d, { op: 'report' })));
  const metrics = await cluster.metrics();
  const traders = sumTotals(
    reports.map((r) => r.traders),
    zeroTraderTotals(),
  );
  const bookTotals = sumTotals(
    reports.map((r) => r.books),
    zeroBookTotals(),
  );
  const subscriberTradeQty: number[] = [];
  const latency = new LatencyHistogram();
  let sent = 0;
  let handled = 0;
  const sum = (f: (r: DeskReport) => number) => reports.reduce((s, r) => s + f(r), 0);
  if (remote !== undefined) {
    const tally = await remote.settledTally(DRAIN_LIMIT_MS);
    subscriberTradeQty[options.subscribers] = tally.tradeQty;
    write(
      `zactor-demo --remote: the market-data process (pid ${tally.pid}) saw ${tally.updates} updates, ${tally.trades} trades over NATS at ${remote.url}\n`,
    );
  }
  for (const r of reports) {
    for (const [index, qty] of r.subscribers) subscriberTradeQty[index] = qty;
    latency.add(r.latency);
    sent += r.sent;
    handled += r.handled;
  }
  const conservation = checkConservation({
    traders,
    books: bookTotals,
    subscriberTradeQty,
    pending: sent - handled - (remote?.relayed ?? 0),
    deadLetters: metrics.total.deadLetters,
  });
  const workerNodes = metrics.nodes.filter((node) => node.pool !== undefined);
  const report: ExchangeReport = {
    options,
    workers: n,
    elapsedS,
    messages: metrics.total.messagesProcessed,
    workerMessages: workerNodes.map((node) => node.system.messagesProcessed),
    crossWorkerMessages: metrics.nodes.reduce((s, node) => s + node.counters.messagesIn, 0),
    crossWorkerBatches: metrics.nodes.reduce((s, node) => s + node.counters.recordsIn, 0),
    submitted: traders.submitted,
    acknowledged: sum((r) => r.acknowledged),
    latencyP50Ms: latency.percentile(0.5),
    latencyP99Ms: latency.percentile(0.99),
    bookRestarts: sum((r) => r.bookRestarts),
    traderRestarts: sum((r) => r.traderRestarts),
    faults: sum((r) => r.faults),
    redelivered: sum((r) => r.redelivered),
    snapshots: bookTotals.snapshots,
    replayed: bookTotals.replayed,
    deadLetters: metrics.total.deadLetters,
    conservation,
  };
  write(formatSummary(report));
  return report;
}

/**
 * Waits until nothing counted is in flight: every worker's `sent` and `handled` summed,
 * twice in a row with the same values and sent = handled (counters only grow, so two equal
 * rounds mean no message was sent or handled between them; Mattern's four-counter method).
 */
async function drain(
  desks: readonly ActorRef<DeskMsg>[],
  ask: <R>(desk: ActorRef<DeskMsg>, msg: DeskMsg) => Promise<R>,
  /** Messages handled outside the desks (the --remote relay's forwards). */
  handledElsewhere: () => number,
): Promise<void> {
  const started = performance.now();
  let previous: DeskCounters | null = null;
  while (performance.now() - started < DRAIN_LIMIT_MS) {
    const counters = await Promise.all(desks.map((d) => ask<DeskCounters>(d, { op: 'counters' })));
    let sent = 0;
    let handled = handledElsewhere();
    for (const c of counters) {
      sent += c.sent;
      handled += c.handled;
    }
    if (
      sent === handled &&
      previous !== null &&
      previous.sent === sent &&
      previous.handled === handled
    ) {
      return;
    }
    previous = { sent, handled };
    await sleep(5);
  }
}
