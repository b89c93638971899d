import type { ActorSystem, SystemEvent } from '../src/index.js';

/** Resolves after the dispatcher and pending timers have had `rounds` chances to run. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** Collects the system's events of the given types. */
export function record<T extends SystemEvent['type']>(
  system: ActorSystem,
  ...types: T[]
): Extract<SystemEvent, { type: T }>[] {
  const events: Extract<SystemEvent, { type: T }>[] = [];
  system.events.subscribe<T>((e) => events.push(e), types);
  return events;
}

/** A promise with its resolve function, for actors to signal tests. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
