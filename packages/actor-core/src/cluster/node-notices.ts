/**
 * What a worker's node tells the main thread without being asked (postMessage; rare, so not on
 * the rings): its inbox's first bad record (reported as the cluster's `ring-corrupt`), and the
 * failure lines of its system's failure log (failure-log.ts: already rate-limited on the
 * worker), which the main thread writes through the cluster's `logFailures` and emits as
 * `node-failure`. Errors cross as their name, message and stack.
 *
 * Thread contract: built on the worker's thread, read on the main thread.
 */
import { ActorError, withoutPrefix } from '../errors.js';
import type { FailureLogEntry } from '../failure-log.js';
import type { RingCorruptInfo } from './cluster-events.js';
import { type ErrorParts, errorFromParts, errorParts } from './error-parts.js';
import type { InboundCorruption } from './wire/corrupt-tally.js';

export type NodeNotice =
  | {
      readonly kind: 'inbound-corrupt';
      readonly node: number;
      readonly from: number | undefined;
      readonly message: string;
    }
  | {
      readonly kind: 'failure';
      readonly node: number;
      readonly entry: Omit<FailureLogEntry, 'error'>;
      readonly error: ErrorParts | undefined;
    };

/** The message a worker posts. */
export interface NodeNoticeMessage {
  readonly zactor: 'notice';
  readonly notice: NodeNotice;
}

/** A node's first bad inbound record, as a notice. */
export type CorruptionNotice = Extract<NodeNotice, { kind: 'inbound-corrupt' }>;

export function corruptionNotice(report: InboundCorruption): {
  readonly zactor: 'notice';
  readonly notice: CorruptionNotice;
} {
  return {
    zactor: 'notice',
    notice: {
      kind: 'inbound-corrupt',
      node: report.node,
      from: report.from,
      message: report.error.message,
    },
  };
}

export function failureNotice(node: number, entry: FailureLogEntry): NodeNoticeMessage {
  const { error, ...rest } = entry;
  const parts = error === undefined ? undefined : errorParts(error);
  return { zactor: 'notice', notice: { kind: 'failure', node, entry: rest, error: parts } };
}

/**
 * The cluster's `ring-corrupt` event for a node's first bad record, with the error rebuilt as
 * the cluster's (a worker's crosses threads as its message).
 */
export function ringCorruptInfo(
  report: Pick<CorruptionNotice, 'node' | 'from' | 'message'>,
): RingCorruptInfo {
  return {
    node: report.node,
    from: report.from,
    drainsOn: true,
    error: new ActorError('ActorCluster', 'RING_CORRUPT', withoutPrefix(report.message)),
  };
}

/** The failure line of a worker as the main thread reports it (the error rebuilt). */
export function failureEntry(notice: Extract<NodeNotice, { kind: 'failure' }>): FailureLogEntry {
  const parts = notice.error;
  return parts === undefined ? notice.entry : { ...notice.entry, error: errorFromParts(parts) };
}
