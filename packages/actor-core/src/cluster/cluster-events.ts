/**
 * The events an ActorCluster emits (it is an EventEmitter of ClusterEvents): a worker died, a
 * worker's loop stopped making steps, or a node's inbound ring turned out corrupt.
 *
 * Thread contract: emitted and listened to on the main thread (the one that started the cluster).
 */
import type { FailureLogEntry } from '../failure-log.js';
import type { UnresponsivePolicy } from './cluster-options.js';
import type { LostInbox } from './node/staged-dead-letters.js';

export type { LostInbox };

export interface WorkerDiedInfo {
  readonly worker: number;
  readonly code: number;
  readonly error: Error | undefined;
  /** Whether a new worker took its place. */
  readonly restarted: boolean;
  /** What its inbound ring still held (see LostInbox). */
  readonly lost: LostInbox;
}

/**
 * A worker whose loop had made no step for `unresponsiveMs`. For the terminating policies it is
 * emitted once the thread is gone and its inbox drained, just before `worker-died`.
 */
export interface WorkerUnresponsiveInfo {
  readonly worker: number;
  /**
   * How long the main thread had seen its heartbeat stand still when it gave up: at least
   * `unresponsiveMs`; its last step began before that, by less than one check interval (a
   * quarter of `unresponsiveMs`, at most 1 s).
   */
  readonly silentMs: number;
  /** What was done: the policy, or `terminate` when the cluster was shutting down. */
  readonly action: UnresponsivePolicy;
  /** What its inbox held when it was terminated; undefined for `report-only`. */
  readonly lost: LostInbox | undefined;
}

/**
 * A node's inbox held words no writer could have written. Either the ring itself (a record
 * header: the ring drains nothing more, `drainsOn` false), or a record's envelopes (that record
 * was skipped and counted, the inbox drains on, `drainsOn` true).
 */
export interface RingCorruptInfo {
  /** The node whose inbox it is (a worker index, or the main thread's node id). */
  readonly node: number;
  /** The sending node when the bad record names one (best effort), else undefined. */
  readonly from: number | undefined;
  /** Whether the inbox goes on draining (a bad record skipped) or stopped (a bad ring). */
  readonly drainsOn: boolean;
  readonly error: Error;
}

/** A line of a worker's failure log, forwarded to the main thread (see `logFailures`). */
export interface NodeFailureInfo {
  readonly node: number;
  readonly entry: FailureLogEntry;
}

export interface ClusterEvents {
  /** See NodeFailureInfo. */
  'node-failure': [NodeFailureInfo];
  'worker-died': [WorkerDiedInfo];
  /** See WorkerUnresponsiveInfo and `ActorClusterOptions.unresponsivePolicy`. */
  'worker-unresponsive': [WorkerUnresponsiveInfo];
  /**
   * Reported once per ring for the ring's own corruption: messages to that node then wait in
   * the senders' overflow queues (up to `maxPendingBytes`, then `pendingFull` applies); a
   * restart of the worker does not repair the ring (producers may still be writing to it).
   * Reported once per node for its first bad record (`drainsOn`): the record is skipped and
   * counted (`counters.corrupt`, per record), and the node goes on.
   */
  'ring-corrupt': [RingCorruptInfo];
}
