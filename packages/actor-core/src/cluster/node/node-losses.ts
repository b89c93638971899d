/**
 * What a node does when another node is lost (a pool worker died, or a network link declared a
 * process down), and with the inbox a dead worker left behind.
 *
 * Thread contract: the node's own thread (the inbox drain: the main thread, see below).
 */
import type { InboundRing } from '@zactor/scheduler-numa';
import type { ActorSystem } from '../../actor-system.js';
import { ActorError } from '../../errors.js';
import type { DeadLetterReason } from '../../event-stream.js';
import { refIdWorker } from '../../ref-id.js';
import type { ChildSpawnTable } from '../supervision/child-spawn-table.js';
import { RECORD_ENVELOPES } from '../wire/envelope-layout.js';
import type { Inbound } from './inbound.js';
import type { NodeLoss, RemoteRefCache } from './remote-ref-cache.js';
import type { LostInbox, StagedDeadLetters } from './staged-dead-letters.js';

export interface LossHost {
  readonly nodeId: number;
  /** Dead letters with `reason` for what a batch or an inbox holds. */
  readonly deadLetters: (reason: DeadLetterReason) => StagedDeadLetters;
  /** Turns what is staged or waiting for `node` into dead letters with `reason`. */
  readonly discard: (node: number, reason: DeadLetterReason) => void;
}

/** Role: what a node does with other nodes' losses, as the rest of the cluster layer calls it. */
export interface LossHandling {
  /** Node `node` is lost (see `NodeLosses.lost`). */
  lost(node: number, loss: NodeLoss): void;
  /** Dead-letters a batch that can no longer reach its node of this process. */
  deadLetterBatch(view: DataView, offset: number, length: number, reason: DeadLetterReason): void;
  /** Dead-letters what a dead node's inbox holds, and counts it. */
  drainDeadInbox(ring: InboundRing): LostInbox;
}

export class NodeLosses implements LossHandling {
  private readonly host: LossHost;
  private readonly system: ActorSystem;
  private readonly refs: RemoteRefCache;
  private readonly childSpawns: ChildSpawnTable;
  private readonly inbound: Inbound;

  constructor(
    host: LossHost,
    system: ActorSystem,
    refs: RemoteRefCache,
    childSpawns: ChildSpawnTable,
    inbound: Inbound,
  ) {
    this.host = host;
    this.system = system;
    this.refs = refs;
    this.childSpawns = childSpawns;
    this.inbound = inbound;
  }

  /**
   * Node `node` is lost: asks to its actors reject with ActorError `loss.code`, their watchers
   * here get Terminated, refs to them dead-letter from now on, and what was staged or waiting
   * for it becomes dead letters (`loss.reason`). Idempotent: a node is lost once (until the
   * node's `workerRestarted`).
   */
  lost(node: number, loss: NodeLoss): void {
    if (node === this.host.nodeId || !this.refs.nodeDied(node, loss.reason)) return;
    this.system.failPendingAsks(
      (target) => refIdWorker(target.id) === node,
      new ActorError('ActorRef.ask', loss.code, loss.message),
    );
    this.childSpawns.failWorker(node);
    this.host.discard(node, loss.reason);
    this.inbound.forgetNode(node);
  }

  /**
   * Dead-letters (`reason`) the envelopes of one batch (8-aligned at `offset` of `view`) that
   * can no longer reach its node: one that arrived for a pool worker of this process that died.
   */
  deadLetterBatch(view: DataView, offset: number, length: number, reason: DeadLetterReason): void {
    this.host.deadLetters(reason).recordHandler(RECORD_ENVELOPES, view, offset, length);
  }

  /**
   * The inbox of a dead node (after its loss), attached afresh: dead-letters what its records
   * hold (`worker-dead`; a large message's decode frees its block) and counts it.
   * Thread contract: the main thread, while no thread consumes that ring (the old one has
   * exited, no new one has started); it finishes a drain the dead consumer was ending first.
   */
  drainDeadInbox(ring: InboundRing): LostInbox {
    const letters = this.host.deadLetters('worker-dead');
    ring.recoverConsumer();
    ring.drain(letters.recordHandler);
    return letters.lost();
  }
}
