import type { ActorRef, ReceiveFn } from '@zactor/actor-core';
import type { RunContext } from '../run/run-context.js';
import type { MarketUpdate } from './messages.js';

/** Fans each market update out to every subscriber. */
export function marketDataActor(
  run: RunContext,
  subscribers: readonly ActorRef<MarketUpdate>[],
): ReceiveFn<MarketUpdate> {
  return (update) => {
    for (const s of subscribers) {
      run.pending++;
      s.tell(update);
    }
    run.pending--;
  };
}
