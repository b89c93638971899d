import type { ActorContext } from './actor-context.js';
import { ActorError } from './errors.js';

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
 * Base class for class-based actors. A restart builds a fresh instance with the same
 * constructor arguments (none, or the spawn's `args`), so state kept in fields starts over.
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
  /**
   * A type-only brand (always undefined at runtime): a class that does not extend `Actor` lacks
   * it, so it is not an actor class to the compiler even with a `receive` (and at runtime `spawn`
   * rejects it: `INVALID_ACTOR`). Public, so declarations of anonymous actor classes still emit.
   */
  declare readonly zactorActor: undefined;
  abstract receive(message: M, ctx: ActorContext<M>): void;
  preStart?(ctx: ActorContext<M>): void;
  postStop?(ctx: ActorContext<M>): void;
  preRestart?(ctx: ActorContext<M>, error: unknown, message: M | undefined): void;
  postRestart?(ctx: ActorContext<M>, error: unknown): void;
}

/** A class whose instances are actors. */
export type ActorClass<M> = new () => Actor<M>;

/** An actor class whose constructor takes arguments: spawn it with `{ args }`. */
// biome-ignore lint/suspicious/noExplicitAny: any constructor parameters; `spawn` types them from the class.
export type ActorClassWithArgs<M = any> = new (...args: any[]) => Actor<M>;

/** The message type of an actor class. */
export type MessageOf<C> = C extends new (...args: never[]) => Actor<infer M> ? M : never;

/**
 * What `spawn` accepts: an `Actor` subclass (restarts build a new instance), a plain
 * `receive` function (stateless, or state in a closure that a restart keeps), or an
 * object with `receive` and optional hooks (`ActorBehavior`: restarts keep the object and
 * call its hooks; this is how a function-style actor gets `preStart`, `postStop` and the rest).
 */
export type ActorDefinition<M> = ActorClass<M> | ReceiveFn<M> | ActorBehavior<M>;

/** The `this` of function actors: one shared object with no hooks, so they cost no object each. */
const FUNCTION_ACTOR: ActorBehavior<unknown> = Object.freeze({ receive() {} });

function isActorClass<M>(definition: ActorDefinition<M>): definition is ActorClass<M> {
  return typeof definition === 'function' && definition.prototype instanceof Actor;
}

/**
 * @internal Whether `definition` is a plain receive function: its actor has no object of its own
 * and no hooks, so nothing runs at its spawn (such an actor can wait dormant, without a cell,
 * until its first use: cell-factory.ts).
 */
export function isReceiveFunction<M>(definition: ActorDefinition<M>): definition is ReceiveFn<M> {
  return typeof definition === 'function' && !isActorClass(definition);
}

/**
 * An actor class spawned with constructor arguments, kept as its cell's definition so that
 * every instance (the first and each restart's) is built with the same arguments.
 */
class ClassWithArgs<M> {
  readonly cls: ActorClassWithArgs<M>;
  readonly args: readonly unknown[];

  constructor(cls: ActorClassWithArgs<M>, args: readonly unknown[]) {
    this.cls = cls;
    this.args = args;
  }
}

/**
 * @internal The definition a cell keeps for a spawn of `definition` with constructor `args`.
 * Throws `ActorError` `INVALID_ACTOR` for a class (or a function with a `receive` on its
 * prototype) that does not extend `Actor`, which would otherwise be called as a receive
 * function and fail on every message; `INVALID_OPTION` for `args` that are not an array or
 * are given for anything but an `Actor` class.
 */
export function spawnDefinition<M>(
  definition: ActorDefinition<M> | ActorClassWithArgs<M>,
  args: readonly unknown[] | undefined,
): ActorDefinition<M> {
  if (typeof definition === 'function') {
    const proto: unknown = definition.prototype;
    if (proto instanceof Actor) {
      if (args === undefined) return definition as ActorClass<M>;
      if (!Array.isArray(args)) {
        throw new ActorError('ActorSystem.spawn', 'INVALID_OPTION', 'args must be an array');
      }
      // Not one of the public definition kinds: only `instantiate` looks inside it.
      return new ClassWithArgs(
        definition as ActorClassWithArgs<M>,
        args,
      ) as unknown as ActorDefinition<M>;
    }
    // Arrow functions and methods have no prototype: the usual receive functions cost one read.
    if (
      proto !== undefined &&
      (typeof (proto as { receive?: unknown }).receive === 'function' ||
        Function.prototype.toString.call(definition).startsWith('class'))
    ) {
      throw new ActorError(
        'ActorSystem.spawn',
        'INVALID_ACTOR',
        `${definition.name || 'an anonymous class'} is a class but does not extend Actor: write \`class ${definition.name || 'X'} extends Actor<M>\``,
      );
    }
  }
  if (args !== undefined) {
    throw new ActorError(
      'ActorSystem.spawn',
      'INVALID_OPTION',
      'args are constructor arguments: only an Actor class takes them',
    );
  }
  return definition;
}

/** @internal Builds a fresh actor object for a definition. */
export function instantiate<M>(definition: ActorDefinition<M>): ActorBehavior<M> {
  if (typeof definition !== 'function') {
    if (definition instanceof ClassWithArgs) {
      const withArgs = definition as ClassWithArgs<M>;
      return new withArgs.cls(...withArgs.args);
    }
    return definition;
  }
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
