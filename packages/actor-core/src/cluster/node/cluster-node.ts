/**
 * One thread's member of an actor cluster (a pool worker, or the main thread): its local
 * ActorSystem, and the parts that join it to the other nodes — the remote-ref cache
 * (remote-ref-cache.ts), the outbound side (outbound/outbound.ts: staging, batching, overflow),
 * the inbound side (inbound.ts) and the link role that moves batches (link/node-link.ts).
 *
 * A tell to another node: `sendUser` stages an envelope in the destination's batch; the end of
 * the turn (or a full batch) ships it through the link, or into the FIFO overflow when the link
 * is full; the receiver's inbound decodes it for the local cell. Per-pair order holds.
 *
 * Thread contract: everything here runs on the node's own thread.
 */
import type { InboundRing } from '@zactor/scheduler-numa';
import type { ActorDefinition } from '../../actor.js';
import type { AnyActorRef } from '../../actor-ref.js';
import { ActorSystem } from '../../actor-system.js';
import type { AnyTarget } from '../../actor-target.js';
import type { DrivenDispatcher } from '../../dispatcher.js';
import { ActorError, undefinedMessage } from '../../errors.js';
import type { DeadLetterReason } from '../../event-stream.js';
import { refIdWorker } from '../../ref-id.js';
import type { SpawnOptions } from '../../spawn-options.js';
import type { SysKind } from '../../system-message.js';
import { Outbound } from '../outbound/outbound.js';
import type { OutboundBatch } from '../outbound/outbound-batch.js';
import { PendingFullRefusals } from '../outbound/pending-full-refusals.js';
import { type ChildParent, ChildSpawnTable } from '../supervision/child-spawn-table.js';
import { RemoteChildren } from '../supervision/remote-children.js';
import { ClusterCodec } from '../wire/cluster-codec.js';
import type { InboundCorruption } from '../wire/corrupt-tally.js';
import { PLATFORM_LITTLE_ENDIAN, RECORD_RELAY } from '../wire/envelope-layout.js';
import { NUMBER_ENVELOPE_BYTES } from '../wire/envelope-writer.js';
import { FrameEncoder } from './frame-encoder.js';
import { Inbound } from './inbound.js';
import { LocalSpawner } from './local-spawner.js';
import { NestedSends } from './nested-sends.js';
import { type NodeCounters, nodeCounters } from './node-counters.js';
import { type LossHandling, NodeLosses } from './node-losses.js';
import type { ActorKind, ClusterNodeOptions, PendingFullPolicy } from './node-options.js';
import { RelayForwarder } from './relay-forwarder.js';
import type { RemoteCell, RemoteTransport } from './remote-cell.js';
import { type NodeLoss, RemoteRefCache, workerLoss } from './remote-ref-cache.js';
import { StagedDeadLetters } from './staged-dead-letters.js';

export type { ActorKind, ClusterNodeOptions, NodeCounters, NodeLoss, PendingFullPolicy };

export class ClusterNode implements RemoteTransport {
  readonly nodeId: number;
  readonly nodeCount: number;
  /** The index of this process's pool worker 0 (a pool worker's node id is `base + worker`). */
  readonly base: number;
  /** The index of this process's main thread. */
  readonly mainNodeId: number;
  readonly system: ActorSystem;
  /** @internal */
  readonly codec: ClusterCodec;
  /** @internal Spawns of remote children this node asked for (see child-spawn-table.ts). */
  readonly childSpawns = new ChildSpawnTable();
  private readonly spawner: LocalSpawner;
  private readonly refs: RemoteRefCache;
  private readonly outbound: Outbound;
  private readonly inbound: Inbound;
  private readonly encoder: FrameEncoder;
  /** The system's dispatcher when this node can drive it (the default one); else null. */
  private readonly driven: DrivenDispatcher | null;
  /** Inside a drain of this node's own inbox (no nested drain of it). */
  private draining = false;
  private flushScheduled = false;
  /** Inside `afterDrain`: it flushes when the actors are done, so no microtask is needed. */
  private driving = false;
  /** Encodes in progress (nested through codecs), and the tells they made (nested-sends.ts). */
  private encodes = 0;
  private readonly nested: NestedSends;

  messagesOut = 0;
  /** Tells refused by `maxPendingBytes`, and the policy that handles them. */
  private readonly refusals: PendingFullRefusals;
  /** The main thread's forwarding of pool workers' batches to other processes. */
  private readonly relays: RelayForwarder;
  /** What this node does when another is lost, and with what a dead node leaves behind. */
  readonly losses: LossHandling;
  /** Closed by `close`: sends to other nodes are dead letters (`shutdown`). */
  private closed = false;
  private readonly onCorrupt: ((report: InboundCorruption) => void) | undefined;

  private readonly flushBound = (): void => this.flush();
  private readonly refOfBound = (id: number): AnyActorRef => this.refOf(id);
  private readonly recordBound = (
    typeId: number,
    view: DataView,
    offset: number,
    length: number,
  ): void => this.onRecord(typeId, view, offset, length);

  constructor(options: ClusterNodeOptions) {
    if (!PLATFORM_LITTLE_ENDIAN) {
      throw new ActorError(
        'ClusterNode',
        'UNSUPPORTED_PLATFORM',
        'the cross-worker wire format needs a little-endian platform',
      );
    }
    this.nodeId = options.nodeId;
    this.nodeCount = options.nodeCount;
    this.base = options.base ?? 0;
    this.mainNodeId = options.mainNode ?? options.nodeCount - 1;
    this.onCorrupt = options.onCorrupt;
    this.system = new ActorSystem({ ...options.system, worker: options.nodeId });
    this.system.remoteResolver = this.refOfBound;
    this.system.foreignChildren = () => new RemoteChildren();
    this.driven = this.system.dispatcher.driven?.() ?? null;
    this.codec = new ClusterCodec(options.messages, options.tagField, this.refOfBound);
    this.refs = new RemoteRefCache(this, options.nodeCount, options.nodeStates);
    this.spawner = new LocalSpawner(options.kinds, this.system, this.refOfBound);
    this.outbound = new Outbound({ ...options, large: options.largeMessages });
    this.inbound = new Inbound(this, options.largeMessages);
    const { codec, outbound, base, mainNodeId } = this;
    this.refusals = new PendingFullRefusals(options.pendingFull, this.system, outbound);
    this.encoder = new FrameEncoder(codec, outbound, options.largeMessages, base, mainNodeId);
    this.nested = new NestedSends(this.system, this.encoder, (t, m, s) =>
      this.sendOther(outbound.batchFor(t.worker), t, m, s, true),
    );
    const host = {
      nodeId: this.nodeId,
      nodeCount: this.nodeCount,
      isClosed: () => this.closed,
      deadLetters: (reason: DeadLetterReason) => this.deadLetters(reason),
      discard: (node: number, reason: DeadLetterReason) => this.discard(node, reason),
    };
    this.relays = new RelayForwarder(host, outbound, this.refs);
    this.losses = new NodeLosses(host, this.system, this.refs, this.childSpawns, this.inbound);
  }

  /** @internal The inbound's first bad record (InboundHost): to whoever the options named. */
  reportCorrupt(report: InboundCorruption): void {
    this.onCorrupt?.(report);
  }

  /** The handler to give the inbound ring's `drain`. */
  get recordHandler(): (typeId: number, view: DataView, offset: number, length: number) => void {
    return this.recordBound;
  }

  /** The ref for an actor id on any node (a dead-lettering ref for an id known to be gone). */
  refOf(id: number): AnyActorRef {
    if (refIdWorker(id) === this.nodeId) {
      return this.system.lookup(id) ?? this.refs.deadRef(id, 'stopped');
    }
    return this.refs.refOf(id);
  }

  /** From now on `refOf(id)` is `ref` (a balancing pool's queue written from this thread). */
  shortcutRef(id: number, ref: AnyActorRef): void {
    this.refs.shortcut(id, ref);
  }

  /** @internal */
  pin(cell: RemoteCell<unknown>): void {
    this.refs.pin(cell);
  }

  /** The behaviour of `kind` made from `args`. Throws ActorError for an unknown kind. */
  definitionOf(kind: string, args: unknown): ActorDefinition<unknown> {
    return this.spawner.definitionOf(kind, args);
  }

  /** Spawns `count` actors of `kind` here, or one child of `parent` (see LocalSpawner). */
  spawnLocal(
    kind: string,
    args: unknown,
    count: number,
    options: SpawnOptions = {},
    parent?: ChildParent,
  ): number[] {
    return this.spawner.spawn(kind, args, count, options, parent);
  }

  /** @internal
   * The tell path to another node. A number (the common small message) is written here, in a
   * few stores; anything else goes through the frame encoder. Kept small so V8 inlines it and
   * the number writer whole into `RemoteCell.enqueue` (measured: with the frame path inlined
   * too, the writer and `commit` fell out of the inlining budget and a send cost twice as much).
   */
  sendUser(target: RemoteCell<unknown>, message: unknown, sender: AnyActorRef | null): boolean {
    const node = target.worker;
    const batch = this.outbound.batchFor(node);
    if (
      typeof message !== 'number' ||
      batch === undefined ||
      batch.hold !== 0 ||
      this.refs.isDead(node) ||
      !this.outbound.admits(node)
    ) {
      return this.sendOther(batch, target, message, sender);
    }
    if (batch.used + NUMBER_ENVELOPE_BYTES > batch.capacity) this.outbound.ship(batch);
    batch.stageNumber(message, target.ref.id, sender === null ? -1 : sender.id);
    this.messagesOut++;
    // Anything sent while large messages are being handled here is published at once.
    if (this.inbound.largeTaken) this.outbound.ship(batch);
    else this.afterStage(batch);
    return true;
  }

  /** The tell path for anything but a number to a live node within its bound. */
  private sendOther(
    batch: OutboundBatch | undefined,
    target: RemoteCell<unknown>,
    message: unknown,
    sender: AnyActorRef | null,
    kept = false,
  ): boolean {
    if (message === undefined) throw undefinedMessage(target.path);
    if (batch === undefined || this.refs.isDead(target.worker)) {
      return this.system.deadLetter(message, sender, target.ref, this.refs.lossOf(target.worker));
    }
    if (this.closed) return this.system.deadLetter(message, sender, target.ref, 'shutdown');
    // A kept tell (nested-sends.ts) was accepted already: past the bound, and past the hold.
    if (!kept && !this.outbound.admits(target.worker)) {
      return this.refusals.refuse(message, sender, target);
    }
    if (batch.hold !== 0 && !kept) return this.nested.keep(batch, target, message, sender);
    this.encodes++;
    try {
      const outcome = this.encoder.encode(batch, message, target, sender === null ? -1 : sender.id);
      this.messagesOut++;
      // A large message took long to encode, and its receiver can start decoding it at once;
      // likewise anything sent while large messages are being handled here (not a deferred one).
      if (outcome === 'block') this.outbound.ship(batch);
      else if (outcome === 'inline' && this.inbound.largeTaken) this.outbound.ship(batch);
      else if (outcome === 'inline') this.afterStage(batch);
    } finally {
      if (--this.encodes === 0) this.nested.drain();
    }
    return true;
  }

  /** @internal */
  sendSystem(
    target: RemoteCell<unknown>,
    kind: SysKind,
    from: AnyTarget | null,
    error?: unknown,
    message?: unknown,
    kept = false,
  ): void {
    const batch = this.outbound.batchFor(target.worker);
    if (batch === undefined || this.refs.isDead(target.worker) || this.closed) return;
    // From a codec's getter (a stop, a watch) while a message is encoded there: after it.
    if (batch.hold !== 0 && !kept) {
      this.nested.later(batch, () => this.sendSystem(target, kind, from, error, message, true));
      return;
    }
    const fromId = from === null ? -1 : from.ref.id;
    this.encoder.encodeSystem(batch, kind, target.ref.id, fromId, error, message);
    this.afterStage(batch);
  }

  private afterStage(batch: OutboundBatch): void {
    if (batch.count >= batch.batcher.size && this.outbound.ship(batch)) return;
    if (!this.flushScheduled && !this.driving) {
      this.flushScheduled = true;
      queueMicrotask(this.flushBound);
    }
  }

  /** Ships every staged batch; what the link cannot take now waits in the overflow. */
  flush(): void {
    this.flushScheduled = false;
    this.outbound.flush();
  }

  /** Whether any batch or overflow still holds messages. */
  get hasStaged(): boolean {
    return this.outbound.hasPending;
  }

  /** Bytes waiting in this node's overflow queues (backpressure), per destination with `node`. */
  pendingBytes(node?: number): number {
    return node === undefined ? this.outbound.pendingBytes : this.outbound.pendingBytesTo(node);
  }

  /** Resolves once nothing of this node waits in an overflow (see Outbound.drained). */
  drained(): Promise<void> {
    return this.outbound.drained();
  }

  /**
   * Handles one inbound record: a batch of envelopes. `direct`: the caller is a loop that calls
   * `afterDrain` once its drain is done (a cluster worker's): an idle actor a message makes
   * ready then runs its turn at once, while its cell is in cache (a direct turn, once per actor
   * until `afterDrain`: see `DrivenDispatcher.hold`), and `afterDrain` publishes what it sends.
   */
  onRecord(typeId: number, view: DataView, offset: number, length: number, direct = false): void {
    if (typeId >= RECORD_RELAY) {
      this.relays.forward(typeId - RECORD_RELAY, view, offset, length);
      return;
    }
    // afterDrain flushes what direct turns stage (with no driven dispatcher there are none).
    if (direct && this.driven !== null) this.driving = true;
    const nested = this.draining;
    this.draining = true;
    // The actors made ready run when the drain ends (`afterDrain`, `drain`), or as made ready.
    this.driven?.hold(direct);
    try {
      this.inbound.onBatch(typeId, view, offset, length);
    } finally {
      this.draining = nested;
    }
  }

  /**
   * Drains this node's own inbound ring (the main thread's pump calls this); the actors it made
   * ready get the dispatcher's usual wake-up.
   */
  drain(ring: InboundRing, max: number): number {
    if (this.draining) return 0;
    this.draining = true;
    try {
      return ring.drain(this.recordBound, max);
    } finally {
      this.draining = false;
      this.driven?.release();
    }
  }

  /**
   * A worker's loop calls this after each drain of its ring: runs the actors the records made
   * ready and publishes what they sent, in the same turn. Returns the actor turns run.
   */
  afterDrain(): number {
    const driven = this.driven;
    if (driven === null) {
      this.flush();
      return 0;
    }
    this.driving = true;
    let turns: number;
    try {
      turns = driven.runNow();
    } finally {
      this.driving = false;
    }
    this.flush();
    this.inbound.largeTaken = false;
    return turns;
  }

  // ---- nodes coming and going, and the end --------------------------------------------------

  /** Node `node` died (or was found stuck and is being terminated): `nodeLost` with `workerLoss`. */
  workerDied(node: number): void {
    this.nodeLost(node, workerLoss(node));
  }

  /** Node `node` is lost (a worker died, or a link declared a process down): see `NodeLosses.lost`. */
  nodeLost(node: number, loss: NodeLoss): void {
    this.losses.lost(node, loss);
  }

  /** Node `node` runs again (a new generation): refs to its new actors work. */
  workerRestarted(node: number): void {
    this.refs.nodeRestarted(node);
  }

  /**
   * This node shuts down: what could not be handed to a link by now becomes dead letters with
   * reason `shutdown` (after a last flush), and so does anything sent to another node after
   * this, so every message is accounted for. Idempotent.
   */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.outbound.close();
    for (let node = 0; node < this.nodeCount; node++) {
      if (node !== this.nodeId) this.discard(node, 'shutdown');
    }
  }

  private discard(node: number, reason: DeadLetterReason): void {
    this.outbound.discard(node, this.deadLetters(reason));
  }

  private deadLetters(reason: DeadLetterReason): StagedDeadLetters {
    const { system, inbound, refs, codec } = this;
    return new StagedDeadLetters(system, inbound, refs, codec, this.refOfBound, reason);
  }

  /** Tells refused by `maxPendingBytes` so far. */
  get pendingFull(): number {
    return this.refusals.count;
  }

  counters(): NodeCounters {
    return nodeCounters(this, this.outbound, this.inbound, this.encoder, this.relays);
  }
}
