import type { RemoteError } from './errors.js';
import type { MemberChange } from './membership/member-table.js';
import type { FrameFault } from './wire/remote-frame.js';

/**
 * What a RemoteNode reports: members coming up, going down (silent for `downAfterMs`) or
 * leaving (a clean stop); peers refused for another codec fingerprint or `maxNodes`; frames
 * refused before any envelope was read; the NATS connection dropping and coming back.
 */
export type RemoteEvent =
  | MemberChange
  | {
      readonly type: 'peer-rejected';
      readonly node: number;
      readonly name: string;
      readonly error: RemoteError;
    }
  | {
      readonly type: 'frame-rejected';
      readonly fault: FrameFault;
      /** The sender's index when the header was readable. */
      readonly from: number | undefined;
      readonly error: RemoteError;
    }
  | { readonly type: 'disconnected' }
  | { readonly type: 'reconnected' };

export type RemoteEventType = RemoteEvent['type'];

type Handler = (event: RemoteEvent) => void;

/**
 * Publish/subscribe for RemoteEvents. A subscriber that throws is removed (counted in
 * `subscriberErrors`); it never breaks the node.
 *
 * Thread contract: the node's own thread.
 */
export class RemoteEvents {
  private handlers: { handler: Handler; types: ReadonlySet<string> | null }[] = [];
  subscriberErrors = 0;

  /** Subscribes to every event, or to the given types. Returns the unsubscribe function. */
  subscribe<T extends RemoteEventType>(
    handler: (event: Extract<RemoteEvent, { type: T }>) => void,
    types?: readonly T[],
  ): () => void {
    const entry = {
      handler: handler as Handler,
      types: types === undefined ? null : new Set<string>(types),
    };
    this.handlers = [...this.handlers, entry];
    return () => {
      this.handlers = this.handlers.filter((other) => other !== entry);
    };
  }

  publish(event: RemoteEvent): void {
    for (const entry of this.handlers) {
      if (entry.types !== null && !entry.types.has(event.type)) continue;
      try {
        entry.handler(event);
      } catch {
        this.subscriberErrors++;
        this.handlers = this.handlers.filter((other) => other !== entry);
      }
    }
  }
}
