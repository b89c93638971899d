/**
 * The exchange as a cluster module: every worker thread (and the main thread) loads it, so
 * the actor kinds and the message schemas agree everywhere. `ActorCluster.start` takes its
 * URL (dist/exchange-cluster.js once built; the .ts file in the tests).
 *
 * The main thread spawns one `desk` per worker; the desk spawns that worker's share of the
 * exchange (books, traders, its risk shard, subscribers, maybe market data) under a generous
 * supervisor, from the same factories as the kinds below. The other kinds are there so a
 * cluster can also place single actors with `cluster.spawn` (they need a desk on their worker,
 * and as top-level actors they get the worker guardian's default restart budget).
 */
import { defineCluster } from '@zactor/actor-core';
import { marketDataActor } from './actors/market-data-actor.js';
import { marketDataSubscriber, newSubscriberTally } from './actors/market-data-subscriber.js';
import { MESSAGE_SCHEMAS } from './actors/message-schemas.js';
import { orderBookActor } from './actors/order-book-actor.js';
import { riskActor } from './actors/risk-actor.js';
import { traderActor } from './actors/trader-actor.js';
import { deskActor } from './desk/desk-actor.js';
import { type DeskArgs, desk } from './desk/desk-state.js';
import { deriveSeed } from './random/prng.js';

export default defineCluster({
  messages: MESSAGE_SCHEMAS,
  actors: {
    desk: (args: DeskArgs) => deskActor(args),
    book: (args: { symbol: number }) => orderBookActor(desk(), args.symbol),
    trader: (args: { index: number; seed: number }) =>
      traderActor(desk(), args.index, deriveSeed(args.seed, 100 + args.index)),
    risk: () => riskActor(desk()),
    marketData: () => marketDataActor(desk()),
    subscriber: (args: { index: number }) => {
      const state = desk();
      const tally = newSubscriberTally();
      state.tallies.set(args.index, tally);
      return marketDataSubscriber(state, tally);
    },
  },
});
