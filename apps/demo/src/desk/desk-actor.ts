import {
  type ActorBehavior,
  type ActorContext,
  type ActorRef,
  OneForOneStrategy,
} from '@zactor/actor-core';
import { marketDataActor } from '../actors/market-data-actor.js';
import { marketDataSubscriber, newSubscriberTally } from '../actors/market-data-subscriber.js';
import type { BookMsg, MarketUpdate, RiskMsg, TraderMsg } from '../actors/messages.js';
import { orderBookActor } from '../actors/order-book-actor.js';
import { riskActor } from '../actors/risk-actor.js';
import { traderActor } from '../actors/trader-actor.js';
import { deriveSeed } from '../random/prng.js';
import { addDigest } from '../store/order-digest.js';
import {
  type DeskMsg,
  type DeskPlan,
  type DeskReport,
  type DeskSpawned,
  zeroBookTotals,
  zeroTraderTotals,
} from './desk-protocol.js';
import type { DeskArgs, DeskState } from './desk-state.js';
import { openDesk } from './desk-state.js';

/**
 * Generous limits: injected faults must never exhaust a restart budget and stop an actor.
 * (A top-level actor of a worker gets the worker guardian's default budget, 10 restarts in
 * 10 s, and `cluster.spawn` cannot pass a supervisor; so the desk spawns one supervisor child,
 * `exchange`, with this strategy, and that child spawns the exchange's actors.)
 */
const GENEROUS = new OneForOneStrategy({ maxRestarts: 1_000_000_000, withinMs: 1000 });

/**
 * The desk: one per worker, the main thread's handle on that worker. It creates the worker's
 * `DeskState`, spawns the worker's share of the exchange under a generous supervisor, keeps
 * the refs it is wired with, starts and stops the traders, and answers the main thread's
 * asks for counters, live samples and the final report.
 */
export function deskActor(args: DeskArgs): ActorBehavior<DeskMsg> {
  const state = openDesk(args);
  const traderRefs: ActorRef<TraderMsg>[] = [];
  return {
    receive(msg: DeskMsg, ctx: ActorContext<DeskMsg>): void {
      switch (msg.op) {
        case 'setup':
          ctx.reply(spawnPlan(ctx, state, args.seed, msg.plan, traderRefs));
          return;
        case 'wire':
          state.books = msg.books;
          state.risks = msg.risks;
          state.subscribers = msg.subscribers;
          state.marketData = msg.marketData;
          ctx.reply('wired');
          return;
        case 'start':
          for (const trader of traderRefs) {
            state.sent++;
            trader.tell({ type: 'next' });
          }
          ctx.reply('started');
          return;
        case 'stop':
          state.stopping = true;
          ctx.reply('stopping');
          return;
        case 'counters':
          ctx.reply({ sent: state.sent, handled: state.handled });
          return;
        case 'sample': {
          ctx.reply({
            acknowledged: state.acknowledged,
            bookRestarts: state.bookRestarts,
            traderRestarts: state.traderRestarts,
            latency: state.latencyWindow.toArray(),
          });
          state.latencyWindow.reset();
          return;
        }
        case 'report':
          ctx.reply(reportOf(state));
          return;
      }
    },
  };
}

function spawnPlan(
  ctx: ActorContext<DeskMsg>,
  state: DeskState,
  seed: number,
  plan: DeskPlan,
  traderRefs: ActorRef<TraderMsg>[],
): DeskSpawned {
  // Filled by the supervisor's preStart, which runs inside ctx.spawn.
  const out: {
    books: ActorRef<BookMsg>[];
    risk: ActorRef<RiskMsg> | null;
    subscribers: ActorRef<MarketUpdate>[];
    marketData: ActorRef<MarketUpdate> | null;
  } = { books: [], risk: null, subscribers: [], marketData: null };
  ctx.spawn<never>(
    {
      receive() {},
      preStart(sup: ActorContext<never>) {
        out.risk = sup.spawn(riskActor(state), { name: 'risk' });
        for (const s of plan.books) {
          out.books.push(sup.spawn(orderBookActor(state, s), { name: `book-${s}` }));
        }
        for (const i of plan.subscribers) {
          const tally = newSubscriberTally();
          state.tallies.set(i, tally);
          out.subscribers.push(sup.spawn(marketDataSubscriber(state, tally), { name: `sub-${i}` }));
        }
        if (plan.marketData) {
          out.marketData = sup.spawn(marketDataActor(state), { name: 'market-data' });
        }
        for (const t of plan.traders) {
          const trader = traderActor(state, t, deriveSeed(seed, 100 + t));
          traderRefs.push(sup.spawn(trader, { name: `trader-${t}` }));
        }
      },
    },
    { name: 'exchange', supervisor: GENEROUS },
  );
  const { risk } = out;
  if (risk === null) throw new Error('zactor-demo: the exchange supervisor did not start');
  return { ...out, risk };
}

function reportOf(state: DeskState): DeskReport {
  const t = zeroTraderTotals();
  for (const a of state.accounts.values()) {
    t.submitted += a.submitted;
    t.submittedQty += a.submittedQty;
    t.filled += a.filledOrders;
    t.cancelled += a.cancelledOrders;
    t.rejected += a.rejected;
    t.rejectedQty += a.rejectedQty;
    t.filledQty += a.filledQty;
    t.cancelledQty += a.cancelledQty;
    t.bought += a.bought;
    t.sold += a.sold;
    t.cash += a.cash;
    for (const [id, o] of a.open) {
      const remaining = a.remainingOf(o);
      t.resting++;
      t.restingQty += remaining;
      t.digest = addDigest(t.digest, id, remaining);
    }
  }
  const b = zeroBookTotals();
  for (const j of state.journals.values()) {
    // Read before recover(), which replays the journal once more.
    b.snapshots += j.snapshots;
    b.replayed += j.replayed;
    b.accepted += j.totals.acceptedOrders;
    b.filledQty += j.totals.filledQty;
    b.cancelledQty += j.totals.cancelledQty;
    b.trades += j.totals.trades;
    const book = j.recover();
    for (const side of ['buy', 'sell'] as const) {
      for (const o of book.depth(side)) {
        b.resting++;
        b.restingQty += o.remaining;
        b.digest = addDigest(b.digest, o.id, o.remaining);
      }
    }
  }
  return {
    worker: state.worker,
    sent: state.sent,
    handled: state.handled,
    acknowledged: state.acknowledged,
    bookRestarts: state.bookRestarts,
    traderRestarts: state.traderRestarts,
    latency: state.latency.toArray(),
    traders: t,
    books: b,
    subscribers: [...state.tallies].map(([i, tally]) => [i, tally.tradeQty] as const),
    faults: state.faults.thrown,
    redelivered: state.redelivered,
  };
}
