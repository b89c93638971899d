import type { AnyTarget } from './actor-target.js';

/**
 * Control messages between cells. They travel in a queue of their own that the cell
 * drains before each user message, so they overtake user messages.
 */
export const enum SysKind {
  Stop = 1,
  Watch = 2,
  Unwatch = 3,
  /** A watched actor stopped (sent to each watcher). */
  WatchedTerminated = 4,
  /** A child stopped (sent to its parent). */
  ChildTerminated = 5,
  /** A child failed; the parent's strategy decides. */
  ChildFailed = 6,
  Resume = 7,
  Restart = 8,
}

export interface SystemMessage {
  readonly kind: SysKind;
  /** The other actor involved: watcher, watched actor (either may be remote), or child (local). */
  readonly cell: AnyTarget | null;
  readonly error?: unknown;
  readonly message?: unknown;
}
