import type { AnyActorRef } from './actor-ref.js';
import type { Directive } from './supervisor-strategy.js';

/** Everything the system publishes on its event stream. */
/**
 * Why a message became a dead letter: its actor had stopped, a bounded mailbox was full, a
 * reply had no sender, the destination worker died, the user's bound on what may wait for a
 * destination (`maxPendingBytes`) was reached, or the sender shut down before it could hand
 * the message on. A full ring is not a reason: what does not fit waits in the sender's heap.
 * Balancing pools add two: a routee threw on the message (`routee-failed`; supervision restarts
 * it and the pool keeps serving), and a message too large for the pool's queue records
 * (`too-large`).
 */
export type DeadLetterReason =
  | 'stopped'
  | 'mailbox-full'
  | 'no-sender'
  | 'worker-dead'
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

interface Subscription {
  readonly handler: (event: SystemEvent) => void;
  readonly types: ReadonlySet<SystemEventType> | null;
}

/**
 * Publish/subscribe for system events. Publishing costs one length check when nobody
 * listens, so the callers build event objects only after `active` says someone does.
 * A subscriber that throws is unsubscribed; it never breaks the actor that published.
 */
export class EventStream {
  private subscriptions: Subscription[] = [];
  /** Subscriber errors that were caught (the subscriber was removed). */
  subscriberErrors = 0;

  get active(): boolean {
    return this.subscriptions.length !== 0;
  }

  /** Subscribes to every event, or to the given types. Returns the unsubscribe function. */
  subscribe<T extends SystemEventType>(
    handler: EventHandler<Extract<SystemEvent, { type: T }>>,
    types?: readonly T[],
  ): () => void {
    // The type filter guarantees the handler only sees the events it asked for.
    const subscription: Subscription = {
      handler: handler as (event: SystemEvent) => void,
      types: types ? new Set(types) : null,
    };
    this.subscriptions = [...this.subscriptions, subscription];
    return () => {
      this.subscriptions = this.subscriptions.filter((s) => s !== subscription);
    };
  }

  publish(event: SystemEvent): void {
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
