import type { ReceiveFn } from '@zactor/actor-core';
import type { DeskState } from '../desk/desk-state.js';
import type { MarketUpdate } from './messages.js';

/** Fans each market update out to every subscriber (spread over the workers). */
export function marketDataActor(state: DeskState): ReceiveFn<MarketUpdate> {
  return (update) => {
    for (const s of state.subscribers) {
      state.sent++;
      s.tell(update);
    }
    state.handled++;
  };
}
