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
  /** An all-for-one sibling on another worker waits for its restart (sent to the child). */
  Suspend = 9,
  /** A child spawned on another worker runs (sent to its parent; `message`: the spawn request). */
  ChildStarted = 10,
  /** A spawn on another worker came to nothing (local to the parent; `message`: the request). */
  ChildSpawnFailed = 11,
}
