import type { ActorClassWithArgs, ActorDefinition, MessageOf, ReceiveFn } from './actor.js';
import type { ActorRef, AnyActorRef } from './actor-ref.js';
import type { ActorSystem } from './actor-system.js';
import type { ClassSpawnOptions, SpawnOptions } from './spawn-options.js';
import type { Terminated } from './terminated.js';
import type { TimerScheduler } from './timer-scheduler.js';

/**
 * What an actor sees while it handles a message. The same object is passed to every
 * call of one actor; `sender` changes with each message.
 */
export interface ActorContext<M> {
  /** This actor's ref. */
  readonly self: ActorRef<M>;
  /** The sender of the message being handled, or null when there is none. */
  readonly sender: AnyActorRef | null;
  /** The parent in the supervision tree (the guardian for top-level actors). */
  readonly parent: AnyActorRef | null;
  readonly system: ActorSystem;
  /** The children currently alive. Allocates an array: not for hot paths. */
  readonly children: readonly AnyActorRef[];
  /** Per-actor timers, cancelled when the actor stops or restarts. */
  readonly timers: TimerScheduler<M>;

  /** Replies to the sender; a dead letter when there is no sender. */
  reply(message: unknown): void;
  /**
   * Sends `message` to `ref` with this actor as the sender (`ref.tell(message, ctx.self)`), so
   * the receiver's `ctx.reply` comes back here. Returns what `tell` returns.
   */
  tell<T>(ref: ActorRef<T>, message: T): boolean;
  /**
   * Spawns a child supervised by this actor's strategy. An actor class whose constructor takes
   * arguments gets `options.args`, at the spawn and at each restart.
   */
  spawn<C extends ActorClassWithArgs>(
    cls: C,
    options: ClassSpawnOptions<C>,
  ): ActorRef<MessageOf<C>>;
  spawn<C>(definition: ActorDefinition<C>, options?: SpawnOptions): ActorRef<C>;
  /** Stops a child, or this actor when called with no argument. */
  stop(ref?: AnyActorRef): void;

  /**
   * Watches another actor. When it stops, `message` is delivered to this actor; without
   * a message, a `Terminated` is delivered (so `M` must include `Terminated`).
   */
  watch(ref: AnyActorRef, ...message: Terminated extends M ? [message?: M] : [message: M]): void;
  /**
   * Stops watching; a termination that has not been delivered yet is dropped, also a
   * `Terminated` already waiting in the mailbox or the stash (the target stopped first). A custom
   * watch message already queued stays: it cannot be told from a user message.
   */
  unwatch(ref: AnyActorRef): void;

  /** Handles the following messages with `receive` until `unbecome` (or another `become`). */
  become(receive: ReceiveFn<M>, options?: { readonly discardOld?: boolean }): void;
  /** Returns to the previous behaviour. */
  unbecome(): void;

  /** Keeps the current message aside; `unstashAll` puts the kept ones back in front of the mailbox. */
  stash(): void;
  unstashAll(): void;

  /**
   * Delivers `message` when no message has arrived for `timeoutMs`. Checked once per
   * dispatcher turn, so the timeout fires between `timeoutMs` and about twice that.
   */
  setReceiveTimeout(timeoutMs: number, message: M): void;
  cancelReceiveTimeout(): void;
}
