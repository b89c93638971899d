/**
 * A router's head actor (on the main thread, cluster-pools.ts) watches the router's routees, as
 * Akka's router actor does: a routee that stops (it stopped itself, its supervisor stopped it,
 * or its worker died and was not replaced) is left out of the routing from then on
 * (`PoolFront.routeeGone`), instead of being picked and dead-lettering its share of the
 * messages. A restarted worker's new routees replace its old ones (`setRoutees`) and are watched
 * in turn.
 *
 * The two messages are the head's own: they never cross a thread (decoded messages are plain
 * data, never these classes), so the head tells them from user messages by their class.
 *
 * Thread contract: the main thread only.
 */
import type { ActorContext } from '../../actor-context.js';
import type { AnyActorRef } from '../../actor-ref.js';
import type { PoolFront } from './pool-front.js';

/** Told to a router's head: watch these routees. */
export class WatchRoutees {
  constructor(readonly routees: readonly AnyActorRef[]) {}
}

/** What the head's watch delivers when `routee` stops. */
export class RouteeGone {
  constructor(readonly routee: AnyActorRef) {}
}

/**
 * The head's handling of the two: true when `message` was one of them, false for a user message
 * (the head hands those to the pool's target).
 */
export function routeeWatch(
  message: unknown,
  ctx: ActorContext<unknown>,
  front: PoolFront,
): boolean {
  if (message instanceof RouteeGone) {
    front.routeeGone?.(message.routee);
    return true;
  }
  if (message instanceof WatchRoutees) {
    for (const routee of message.routees) ctx.watch(routee, new RouteeGone(routee));
    return true;
  }
  return false;
}
