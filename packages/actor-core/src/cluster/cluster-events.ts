/**
 * The events an ActorCluster emits (it is an EventEmitter of ClusterEvents): a worker died, or
 * a node's inbound ring turned out corrupt.
 *
 * Thread contract: emitted and listened to on the main thread (the one that started the cluster).
 */

export interface WorkerDiedInfo {
  readonly worker: number;
  readonly code: number;
  readonly error: Error | undefined;
  /** Whether a new worker took its place. */
  readonly restarted: boolean;
}

/** A node's inbound ring holds words no writer could have written: it drains nothing more. */
export interface RingCorruptInfo {
  /** The node whose inbox it is (a worker index, or the main thread's node id). */
  readonly node: number;
  readonly error: Error;
}

export interface ClusterEvents {
  'worker-died': [WorkerDiedInfo];
  /**
   * Reported once per ring. Messages to that node then wait in the senders' overflow queues
   * (up to `maxPendingBytes`, then `pendingFull` applies); a restart of the worker does not
   * repair the ring (producers may still be writing to it).
   */
  'ring-corrupt': [RingCorruptInfo];
}
