import type { ActorContext } from './actor-context.js';

/**
 * A message handler. `this` is the actor object when the actor is a class or an object.
 *
 * It may return nothing (the fast path) or a promise (an `async` handler): a returned
 * promise holds the actor's mailbox until it settles, and a rejection is a failure,
 * like a throw. The type says `void` so that any handler fits; the runtime looks for
 * a `then` method on what comes back.
 */
export type ReceiveFn<M> = (message: M, ctx: ActorContext<M>) => void;

/** Lifecycle hooks an actor may define. All are optional. */
export interface ActorHooks<M> {
  /** Runs before the first message. A throw here is a failure handled by the supervisor. */
  preStart?(ctx: ActorContext<M>): void;
  /** Runs once the actor and all its children have stopped. */
  postStop?(ctx: ActorContext<M>): void;
  /** Runs on the failed instance before a restart. By default the children are stopped. */
  preRestart?(ctx: ActorContext<M>, error: unknown, message: M | undefined): void;
  /** Runs on the fresh instance after a restart. By default it calls `preStart`. */
  postRestart?(ctx: ActorContext<M>, error: unknown): void;
}

/** An actor as a plain object: a `receive` and optional lifecycle hooks. */
export interface ActorBehavior<M> extends ActorHooks<M> {
  receive(message: M, ctx: ActorContext<M>): void;
}

/**
 * Base class for class-based actors. A restart builds a fresh instance with the
 * class's no-argument constructor, so state kept in fields starts over.
 *
 * ```ts
 * class Counter extends Actor<'inc' | 'get'> {
 *   count = 0;
 *   receive(msg: 'inc' | 'get', ctx: ActorContext<'inc' | 'get'>) {
 *     if (msg === 'inc') this.count++;
 *     else ctx.reply(this.count);
 *   }
 * }
 * ```
 */
export abstract class Actor<M> implements ActorBehavior<M> {
  abstract receive(message: M, ctx: ActorContext<M>): void;
  preStart?(ctx: ActorContext<M>): void;
  postStop?(ctx: ActorContext<M>): void;
  preRestart?(ctx: ActorContext<M>, error: unknown, message: M | undefined): void;
  postRestart?(ctx: ActorContext<M>, error: unknown): void;
}

/** A class whose instances are actors. */
export type ActorClass<M> = new () => Actor<M>;

/**
 * What `spawn` accepts: an `Actor` subclass (restarts build a new instance), a plain
 * `receive` function (stateless, or state in a closure that a restart keeps), or an
 * object with `receive` (restarts keep the object and call its hooks).
 */
export type ActorDefinition<M> = ActorClass<M> | ReceiveFn<M> | ActorBehavior<M>;

/** The `this` of function actors: one shared object with no hooks, so they cost no object each. */
const FUNCTION_ACTOR: ActorBehavior<unknown> = Object.freeze({ receive() {} });

function isActorClass<M>(definition: ActorDefinition<M>): definition is ActorClass<M> {
  return typeof definition === 'function' && definition.prototype instanceof Actor;
}

/** @internal Builds a fresh actor object for a definition. */
export function instantiate<M>(definition: ActorDefinition<M>): ActorBehavior<M> {
  if (typeof definition !== 'function') return definition;
  if (isActorClass(definition)) return new definition();
  return FUNCTION_ACTOR as unknown as ActorBehavior<M>;
}

/** @internal The receive function an actor starts with. */
export function initialBehavior<M>(
  definition: ActorDefinition<M>,
  actor: ActorBehavior<M>,
): ReceiveFn<M> {
  return typeof definition === 'function' && !isActorClass(definition) ? definition : actor.receive;
}
