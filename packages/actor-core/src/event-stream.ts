import type { AnyActorRef } from './actor-ref.js';
import type { Directive } from './supervisor-strategy.js';

/** Everything the system publishes on its event stream. */
/**
 * Why a message became a dead letter: its actor had stopped, a bounded mailbox was full, a
 * reply had no sender, the destination worker died or its node (another process) was
 * declared down, the user's bound on what may wait for a destination (`maxPendingBytes`) was
 * reached, or the sender shut down before it could hand the message on. A full ring is not a
 * reason: what does not fit waits in the sender's heap. Balancing pools add two: a routee threw
 * on the message (`routee-failed`; supervision restarts it and the pool keeps serving), and a
 * message too large for the pool's queue records (`too-large`).
 */
export type DeadLetterReason =
  | 'stopped'
  | 'mailbox-full'
  | 'no-sender'
  | 'worker-dead'
  | 'node-down'
  | 'pending-full'
  | 'routee-failed'
  | 'too-large'
  | 'shutdown';

export type SystemEvent =
  | {
      readonly type: 'dead-letter';
      readonly message: unknown;
      readonly sender: AnyActorRef | null;
      readonly recipient: AnyActorRef;
      /** Why it was not delivered. */
      readonly reason: DeadLetterReason;
    }
  | { readonly type: 'actor-started'; readonly ref: AnyActorRef }
  | { readonly type: 'actor-stopped'; readonly ref: AnyActorRef }
  | {
      readonly type: 'actor-failed';
      readonly ref: AnyActorRef;
      readonly error: unknown;
      readonly directive: Directive;
    }
  | { readonly type: 'actor-restarted'; readonly ref: AnyActorRef; readonly error: unknown }
  | {
      readonly type: 'hook-failed';
      readonly ref: AnyActorRef;
      readonly hook: 'postStop' | 'preRestart';
      readonly error: unknown;
    };

export type SystemEventType = SystemEvent['type'];
export type EventHandler<E extends SystemEvent = SystemEvent> = (event: E) => void;

interface Subscription<E> {
  readonly handler: (event: E) => void;
  readonly types: ReadonlySet<string> | null;
}

/**
 * Publish/subscribe for system events (or any tagged events: `@zactor/remote` uses one for its
 * membership events). Publishing costs one length check when nobody listens, so the callers
 * build event objects only after `active` says someone does. A subscriber that throws is
 * unsubscribed; it never breaks the actor that published.
 *
 * Thread contract: the thread of its system.
 */
export class EventStream<E extends { readonly type: string } = SystemEvent> {
  private subscriptions: Subscription<E>[] = [];
  /** Subscriber errors that were caught (the subscriber was removed). */
  subscriberErrors = 0;

  get active(): boolean {
    return this.subscriptions.length !== 0;
  }

  /** Subscribes to every event, or to the given types. Returns the unsubscribe function. */
  subscribe<T extends E['type']>(
    handler: (event: Extract<E, { type: T }>) => void,
    types?: readonly T[],
  ): () => void {
    // The type filter guarantees the handler only sees the events it asked for.
    const subscription: Subscription<E> = {
      handler: handler as (event: E) => void,
      types: types ? new Set(types) : null,
    };
    this.subscriptions = [...this.subscriptions, subscription];
    return () => {
      this.subscriptions = this.subscriptions.filter((s) => s !== subscription);
    };
  }

  publish(event: E): void {
    // Copy-on-write array: a handler that (un)subscribes does not disturb this loop.
    for (const s of this.subscriptions) {
      if (s.types !== null && !s.types.has(event.type)) continue;
      try {
        s.handler(event);
      } catch {
        this.subscriberErrors++;
        this.subscriptions = this.subscriptions.filter((x) => x !== s);
      }
    }
  }
}
