/**
 * The tally of bad inbound records of one node: how many, from which node, and the first one
 * in full for the one report. A record is what one drain hands over (a ring record, a network
 * message); it is bad when anything in it was refused: its type, its framing (the rest of the
 * record is skipped), or one envelope (that envelope is skipped, the rest delivered). However
 * many envelopes of one record are refused, the record counts once.
 *
 * Where a record came from: the link does not say (an MPSC ring record has no producer field),
 * so the sending node is read from the envelopes: the sender id of the refused envelope when it
 * is an actor id of a known node, else that of the record's first envelope. That is the node
 * that published the record, unless a message was forwarded with a sender on another node;
 * a record too broken to name a sender is counted as from an unknown node.
 *
 * Thread contract: owned by the node's inbound, on the node's thread.
 */
import { ActorError } from '../../errors.js';
import { refIdWorker } from '../../ref-id.js';

/** Why (part of) a record was refused. */
export type CorruptReason =
  /** A record type other than RECORD_ENVELOPES. */
  | 'record-type'
  /** Framing (envelope-reader.ts): the rest of the record is skipped. */
  | 'misaligned'
  | 'truncated'
  | 'unknown-kind'
  /** A user body the codec refused. */
  | 'undecodable'
  /** A large-message reference to no block in use, or to more bytes than its block holds. */
  | 'bad-block-ref'
  /** A target that is not an actor id of this node, or a sender that is not an actor id. */
  | 'bad-id'
  /** A system envelope of an unknown kind, or whose body does not fit its kind. */
  | 'bad-system-message'
  /** Suspend, Resume or Restart not from the target's remote parent (see inbound.ts). */
  | 'forged-directive';

/** The report of a node's first bad record. */
export interface InboundCorruption {
  /** The node whose inbox it is. */
  readonly node: number;
  /** The sending node when the record names one (see the file comment), else undefined. */
  readonly from: number | undefined;
  readonly reason: CorruptReason;
  /** ActorError `RING_CORRUPT`, saying the same in words. */
  readonly error: ActorError;
}

/** Whether `id` can be an actor id: an integer from 0 below 2^53 (see ref-id.ts). */
export function isActorId(id: number): boolean {
  return id >= 0 && id <= Number.MAX_SAFE_INTEGER && Math.floor(id) === id;
}

export class CorruptTally {
  /** Bad records so far. */
  records = 0;
  private readonly node: number;
  private readonly nodeCount: number;
  /** Bad records per sending node; the last entry counts those of unknown origin. */
  private readonly bySource: Uint32Array;
  private firstReport: InboundCorruption | undefined;
  /** The first refusal in the record being read, or null while it is good. */
  private reason: CorruptReason | null = null;
  private source = -1;

  constructor(node: number, nodeCount: number) {
    this.node = node;
    this.nodeCount = nodeCount;
    this.bySource = new Uint32Array(nodeCount + 1);
  }

  /** A new record begins. */
  begin(): void {
    this.reason = null;
    this.source = -1;
  }

  /** Something in the current record was refused; `sender` is the id it names (or -1). */
  refuse(reason: CorruptReason, sender: number): void {
    this.reason ??= reason;
    if (this.source < 0 && isActorId(sender) && refIdWorker(sender) < this.nodeCount) {
      this.source = refIdWorker(sender);
    }
  }

  /**
   * The current record ended; `firstSender` is the sender id of its first envelope (read only
   * now, and only for a bad record; -1 when it has none). Returns the report when this was the
   * node's first bad record, else undefined: a node reports once, then only counts.
   */
  end(firstSender: () => number): InboundCorruption | undefined {
    const reason = this.reason;
    if (reason === null) return undefined;
    this.reason = null;
    if (this.source < 0) this.refuse(reason, firstSender());
    const from = this.source < 0 ? undefined : this.source;
    this.records++;
    this.bySource[from ?? this.nodeCount]!++;
    if (this.firstReport !== undefined) return undefined;
    const origin = from === undefined ? 'an unknown node' : `node ${from}`;
    this.firstReport = {
      node: this.node,
      from,
      reason,
      error: new ActorError(
        'ClusterNode.inbound',
        'RING_CORRUPT',
        `node ${this.node} refused a record from ${origin} (${reason}); bad records are counted and skipped, the inbox drains on`,
      ),
    };
    return this.firstReport;
  }

  /** Bad records whose sender was node `node`; -1: those of unknown origin. */
  from(node: number): number {
    if (node >= this.nodeCount) return 0;
    return this.bySource[node < 0 ? this.nodeCount : node] ?? 0;
  }

  /** The first bad record's report, if there was one. */
  get first(): InboundCorruption | undefined {
    return this.firstReport;
  }
}
