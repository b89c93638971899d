import type { ActorRef, AnyActorRef } from './actor-ref.js';
import type { ActorSystem } from './actor-system.js';
import type { SysKind } from './system-message.js';

/**
 * Role: where a ref's messages go. `ActorCell` is the local implementation (a mailbox on
 * this thread); `RemoteCell` encodes them for the worker that hosts the actor. Refs, watches
 * and `stop` only ever talk to this role, so they work the same across workers.
 *
 * Thread contract: a target belongs to the thread that made it; its methods are called on
 * that thread only.
 */
export interface ActorTarget<M> {
  readonly ref: ActorRef<M>;
  /** The actor's path (`/w<worker>/$<slot>` for an actor on another worker). */
  readonly path: string;
  /** The system of the calling thread (asks made through the ref live there). */
  readonly system: ActorSystem;
  /**
   * The `tell` path: true when queued, false when dead-lettered or dropped. `ref` is the ref told
   * through when the call comes from `ActorRef.tell` (a target has its own `ref`; only the
   * cells shared by dormant actors need it, cell-factory.ts).
   */
  enqueue(message: M, sender: AnyActorRef | null, ref?: ActorRef<M>): boolean;
  /** @internal Delivers a system message (watch, unwatch, stop, watched-terminated). */
  sendSystem(kind: SysKind, from: AnyTarget | null, error?: unknown, message?: unknown): void;
  /** Asks the actor to stop. */
  requestStop(): void;
}

/** A target of any message type. */
// biome-ignore lint/suspicious/noExplicitAny: targets of different message types link to each other (watchers).
export type AnyTarget = ActorTarget<any>;
