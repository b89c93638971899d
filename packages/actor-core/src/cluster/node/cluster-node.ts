/**
 * One thread's member of an actor cluster (a pool worker, or the main thread): its local
 * ActorSystem, the remote stand-ins for actors elsewhere, the outbound batches (one per
 * destination) and the decoder of its inbound ring.
 *
 * Flow of a tell to another worker: `RemoteCell.enqueue` -> `sendUser` encodes an envelope
 * into the destination's OutboundBatch -> a microtask (or a full batch, or the batcher's size)
 * publishes the batch as one record of the destination's MpscRing and wakes that worker ->
 * its `onRecord` decodes each envelope and tells the local cell. Order per sender-receiver
 * pair holds: one thread's envelopes to one destination go through one batch, batches are
 * published in order, and the ring is FIFO.
 *
 * Thread contract: everything here runs on the node's own thread.
 */
import { AdaptiveBatcher } from '@zactor/batcher';
import { NO_BLOCK } from '@zactor/mempool';
import type { InboundRing } from '@zactor/scheduler-numa';
import type { ActorDefinition } from '../../actor.js';
import type { AnyActorRef } from '../../actor-ref.js';
import { ActorSystem, type ActorSystemOptions } from '../../actor-system.js';
import type { AnyTarget } from '../../actor-target.js';
import { type DrivenDispatcher, RunQueueDispatcher } from '../../dispatcher.js';
import { ActorError } from '../../errors.js';
import { refIdWorker } from '../../ref-id.js';
import type { SpawnOptions } from '../../spawn-options.js';
import { SysKind } from '../../system-message.js';
import type { LargeMessageStore } from '../large/large-message.js';
import { type ChildParent, ChildSpawnTable } from '../supervision/child-spawn-table.js';
import { RemoteChildCell } from '../supervision/remote-child-cell.js';
import { RemoteChildren } from '../supervision/remote-children.js';
import { ClusterCodec, type MessageSchemas } from '../wire/cluster-codec.js';
import {
  BLOCK_REF_BYTES,
  CODEC_BLOCK,
  CODEC_NUMBER,
  ENV_BODY_BYTES,
  ENV_CODEC,
  ENV_F64_BODY,
  ENV_F64_SENDER,
  ENV_F64_TARGET,
  ENV_HEADER_BYTES,
  ENV_KIND,
  ENV_SENDER,
  ENV_TARGET,
  ENV_U32_BODY_BYTES,
  ENV_U32_HEAD,
  ENVELOPE_SYSTEM,
  ENVELOPE_USER,
  envelopeBytes,
  envelopeHead,
  PLATFORM_LITTLE_ENDIAN,
  RECORD_ENVELOPES,
  SYS_TOKEN_BYTES,
} from '../wire/envelope-layout.js';
import { decodeErrorBody, encodeErrorBody } from '../wire/error-body.js';
import { OutboundBatch } from '../wire/outbound-batch.js';
import { RemoteCell, type RemoteTransport } from './remote-cell.js';

/** Word 0 of a user envelope carrying a bare number. */
const HEAD_USER_NUMBER = envelopeHead(ENVELOPE_USER, 0, CODEC_NUMBER);

/** What `decodeBody` returns for bytes that do not decode (no message can be this object). */
const CORRUPT: unknown = Object.freeze({ corrupt: true });

/**
 * Stand-ins per generation of the remote-ref cache (see `refOf`): at most two generations are
 * kept, plus the stand-ins a watch pins.
 */
const REMOTE_GENERATION_LIMIT = 4096;

/** Batches up to this size are copied into the ring word by word (see `publish`). */
const SMALL_COPY_BYTES = 256;

/** Records of its own ring a waiting sender handles per poll (see `waitForRoom`). */
const WAIT_DRAIN_BATCH = 64;

/** What a cluster node does when a destination ring stays full. */
export type RingFullPolicy = 'wait' | 'drop' | 'fail';

/** How a node reaches the other nodes' rings. */
export interface NodeLinks {
  ring(node: number): InboundRing | undefined;
  /** Wakes node `node` after a record was committed to its ring. */
  wake(node: number): void;
}

/** Makes the behaviour of one actor kind from its spawn arguments. */
// biome-ignore lint/suspicious/noExplicitAny: kinds take any cloneable arguments and any message type.
export type ActorKind<A = any, M = any> = (args: A) => ActorDefinition<M>;

export interface ClusterNodeOptions {
  readonly nodeId: number;
  /** Pool workers plus the main thread. */
  readonly nodeCount: number;
  readonly kinds: Readonly<Record<string, ActorKind>>;
  readonly messages: MessageSchemas;
  readonly tagField: string;
  readonly links: NodeLinks;
  readonly ringFull: RingFullPolicy;
  readonly ringWaitMs: number;
  readonly maxBatchBytes: number;
  /** Messages per record the batcher may grow to. */
  readonly maxBatchMessages: number;
  /** The batcher's target for how long a message waits in a batch. */
  readonly batchLatencyMs: number;
  /** Where frames above its threshold go (see large-message.ts); none: they must fit a batch. */
  readonly largeMessages?: LargeMessageStore;
  readonly system?: ActorSystemOptions;
}

/** Counters of one node, as merged by the cluster's metrics. */
export interface NodeCounters {
  readonly messagesOut: number;
  readonly messagesIn: number;
  readonly recordsOut: number;
  readonly recordsIn: number;
  readonly ringFull: number;
  readonly corrupt: number;
  /** Large messages this node sent in blocks, and received from blocks. */
  readonly largeMessagesOut: number;
  readonly largeMessagesIn: number;
  /** Large messages not sent because no block was free (policy `drop`/`fail`, or `wait` timed out). */
  readonly blocksExhausted: number;
  /** Blocks in use over the whole cluster (a snapshot of the shared allocator). */
  readonly largeBlocksInUse: number;
}

export class ClusterNode implements RemoteTransport {
  readonly nodeId: number;
  readonly nodeCount: number;
  readonly system: ActorSystem;
  readonly codec: ClusterCodec;
  /** Spawns of remote children this node asked for (see child-spawn-table.ts). */
  readonly childSpawns = new ChildSpawnTable();
  private readonly kinds: Readonly<Record<string, ActorKind>>;
  private readonly links: NodeLinks;
  private readonly ringFullPolicy: RingFullPolicy;
  private readonly ringWaitMs: number;
  private readonly outbound: (OutboundBatch | undefined)[] = [];
  /** The remote-ref cache: stand-ins used in this generation, and in the one before. */
  private remotes = new Map<number, RemoteCell<unknown>>();
  private olderRemotes = new Map<number, RemoteCell<unknown>>();
  /** Size at which the current generation turns over: the limit plus the pinned carried in. */
  private remotesLimit = REMOTE_GENERATION_LIMIT;
  private readonly deadWorkers: boolean[] = [];
  /** The system's dispatcher when this node can drive it (the default one); else null. */
  private readonly driven: DrivenDispatcher | null;
  /** Inside a drain of this node's own ring (no nested drain of it). */
  private draining = false;
  private flushScheduled = false;
  /** Inside `afterDrain`: it flushes when the actors are done, so no microtask is needed. */
  private driving = false;
  /**
   * A large message was taken since the last `afterDrain`: its actor takes long, so what the
   * actors send meanwhile (e.g. acknowledgements) is published at once instead of at the end.
   */
  private largeTaken = false;
  private retryScheduled = false;
  private lastSenderId = -1;
  private lastSender: AnyActorRef | null = null;
  /** The inbound ring's buffer as u32 and f64 words (see `words`). */
  private inBuffer: ArrayBufferLike | null = null;
  private in32: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private in64: Float64Array<ArrayBufferLike> = new Float64Array(0);

  messagesOut = 0;
  messagesIn = 0;
  recordsOut = 0;
  recordsIn = 0;
  ringFull = 0;
  corrupt = 0;
  largeMessagesOut = 0;
  largeMessagesIn = 0;
  blocksExhausted = 0;
  private readonly large: LargeMessageStore | undefined;

  private readonly flushBound = (): void => this.flush();
  private readonly retryBound = (): void => {
    this.retryScheduled = false;
    this.flush();
  };
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
    this.kinds = options.kinds;
    this.links = options.links;
    this.ringFullPolicy = options.ringFull;
    this.ringWaitMs = options.ringWaitMs;
    this.large = options.largeMessages;
    this.system = new ActorSystem({ ...options.system, worker: options.nodeId });
    this.system.remoteResolver = (id) => this.refOf(id);
    this.system.foreignChildren = () => new RemoteChildren();
    const dispatcher = this.system.dispatcher;
    this.driven = dispatcher instanceof RunQueueDispatcher ? dispatcher : null;
    this.codec = new ClusterCodec(options.messages, options.tagField, (id) => this.refOf(id));
    for (let node = 0; node < options.nodeCount; node++) {
      this.deadWorkers.push(false);
      const ring = node === options.nodeId ? undefined : options.links.ring(node);
      if (ring === undefined) {
        this.outbound.push(undefined);
        continue;
      }
      const capacity = Math.min(options.maxBatchBytes, ring.maxRecordBytes) & ~7;
      const batcher = new AdaptiveBatcher({
        minSize: 1,
        maxSize: options.maxBatchMessages,
        initialSize: options.maxBatchMessages,
        targetLatencyMs: options.batchLatencyMs,
      });
      this.outbound.push(new OutboundBatch(node, capacity, batcher));
    }
  }

  /** The handler to give the inbound ring's `drain`. */
  get recordHandler(): (typeId: number, view: DataView, offset: number, length: number) => void {
    return this.recordBound;
  }

  // ---- refs ---------------------------------------------------------------------------------

  /** The ref for an actor id on any node (a dead-lettering ref for an id known to be gone). */
  refOf(id: number): AnyActorRef {
    const worker = refIdWorker(id);
    if (worker === this.nodeId) return this.system.lookup(id) ?? this.deadRef(id, 'stopped');
    const known = this.remotes.get(id);
    if (known !== undefined) return known.ref;
    const older = this.olderRemotes.get(id);
    if (older !== undefined) {
      this.olderRemotes.delete(id);
      this.cacheRemote(id, older);
      return older.ref;
    }
    if (!(worker < this.nodeCount) || this.deadWorkers[worker] === true) {
      return this.deadRef(id, 'worker-dead');
    }
    const cell = new RemoteCell<unknown>(this, id);
    this.cacheRemote(id, cell);
    return cell.ref;
  }

  /**
   * Caches a stand-in in the current generation. A full generation becomes the older one and
   * the older one is dropped, except its pinned stand-ins, which move to the new generation.
   * Every ask leaves a temporary sender id behind, so an unbounded cache would grow forever
   * (the soak measured about 130 MB/hour per worker with a 65,536-entry bound not yet reached);
   * two generations keep the ids in use and forget the rest. A watch needs one stand-in per id
   * (watch maps are keyed by it), so `pin` keeps those.
   */
  private cacheRemote(id: number, cell: RemoteCell<unknown>): void {
    if (this.remotes.size >= this.remotesLimit) {
      const dropped = this.olderRemotes;
      this.olderRemotes = this.remotes;
      this.remotes = new Map();
      for (const [pinnedId, kept] of dropped) if (kept.pinned) this.remotes.set(pinnedId, kept);
      this.remotesLimit = REMOTE_GENERATION_LIMIT + this.remotes.size;
    }
    this.remotes.set(id, cell);
  }

  /**
   * A watch involves `cell`: keep it as the one stand-in of its id. A stand-in evicted earlier
   * and watched later takes its id's place back unless another already holds it; the watched
   * actor then reports to that one, and ActorCell matches Terminated by id.
   */
  pin(cell: RemoteCell<unknown>): void {
    cell.pinned = true;
    const id = cell.ref.id;
    if (!cell.dead && !this.remotes.has(id) && !this.olderRemotes.has(id))
      this.cacheRemote(id, cell);
  }

  private deadRef(id: number, reason: 'stopped' | 'worker-dead'): AnyActorRef {
    const cell = new RemoteCell<unknown>(this, id);
    cell.dead = true;
    cell.deadReason = reason;
    return cell.ref;
  }

  /** The behaviour of `kind` made from `args`. Throws ActorError for an unknown kind. */
  definitionOf(kind: string, args: unknown): ActorDefinition<unknown> {
    const make = this.kinds[kind];
    if (make === undefined) {
      throw new ActorError(
        'ActorCluster.spawn',
        'UNKNOWN_KIND',
        `no actor kind ${JSON.stringify(kind)} in the cluster definition`,
      );
    }
    return make(args);
  }

  /**
   * Spawns `count` actors of `kind` here; their ids. With `parent`, one child of that actor of
   * another node (see remote-child-cell.ts). Throws ActorError for an unknown kind.
   */
  spawnLocal(
    kind: string,
    args: unknown,
    count: number,
    options: SpawnOptions = {},
    parent?: ChildParent,
  ): number[] {
    const make = this.kinds[kind];
    if (make === undefined) this.definitionOf(kind, args);
    if (parent !== undefined) {
      const parentRef = this.refOf(parent.id);
      return [
        this.system.spawnDetached(make!(args), options, RemoteChildCell, (cell) =>
          cell.link(parentRef.cell, parent.path, parent.token),
        ).id,
      ];
    }
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push(this.system.spawn(make!(args), options).id);
    return ids;
  }

  // ---- sending ------------------------------------------------------------------------------

  sendUser(target: RemoteCell<unknown>, message: unknown, sender: AnyActorRef | null): boolean {
    if (message === undefined) {
      throw new ActorError(
        'ActorRef.tell',
        'UNDEFINED_MESSAGE',
        `a message to ${target.path} cannot be undefined`,
      );
    }
    const batch = this.outbound[target.worker];
    if (batch === undefined || this.deadWorkers[target.worker] === true) {
      return this.system.deadLetter(message, sender, target.ref, 'worker-dead');
    }
    if (!batch.hasRoom() && !this.makeRoom(batch)) {
      return this.onRingFull(message, sender, target);
    }
    const start = batch.used;
    const u32 = batch.u32;
    const f64 = batch.f64;
    const at = start >>> 3;
    let written: number;
    /** The body is a reference to a large-message block (see layout.ts). */
    let large = false;
    if (typeof message === 'number') {
      // `hasRoom` above leaves room for a header and 8 body bytes.
      written = 8;
      f64[at + ENV_F64_BODY] = message;
      u32[(start >>> 2) + ENV_U32_HEAD] = HEAD_USER_NUMBER;
    } else {
      written = this.encodeFrame(batch, message, start + ENV_HEADER_BYTES, target);
      if (written < 0) {
        return written === -2
          ? this.onRingFull(message, sender, target)
          : this.onBlocksExhausted(message, sender, target);
      }
      // encodeFrame may have published the batch first: the envelope starts at `used` now.
      const head = batch.used;
      // The frame starts with its type id; an 8-byte body is a block reference (see layout.ts).
      large = written === BLOCK_REF_BYTES;
      const codecId = large ? CODEC_BLOCK : batch.view.getUint16(head + ENV_HEADER_BYTES, true);
      u32[(head >>> 2) + ENV_U32_HEAD] = envelopeHead(ENVELOPE_USER, 0, codecId);
    }
    const w = batch.used >>> 2;
    const d = batch.used >>> 3;
    u32[w + ENV_U32_BODY_BYTES] = written;
    f64[d + ENV_F64_TARGET] = target.ref.id;
    f64[d + ENV_F64_SENDER] = sender === null ? -1 : sender.id;
    batch.commit(written);
    this.messagesOut++;
    // A large message took long to encode, and its receiver can start decoding it at once;
    // likewise anything sent while large messages are being handled here.
    if ((large || this.largeTaken) && this.publish(batch)) return true;
    this.afterStage(batch);
    return true;
  }

  /**
   * Encodes a registry frame at the end of `batch` (publishing the batch first when it does not
   * fit), or a frame above the large-message threshold into a block with its reference in the
   * batch: the body bytes written, or -2 when the ring is full and the policy gave up, or -3
   * when no block was free and the policy gave up.
   */
  private encodeFrame(
    batch: OutboundBatch,
    message: unknown,
    at: number,
    target: RemoteCell<unknown>,
  ): number {
    const large = this.large;
    // With a block store, a first try bounded by the threshold tells small frames apart at the
    // cost of one Math.min; only a frame that does not fit is sized.
    const end =
      large === undefined ? batch.capacity : Math.min(batch.capacity, at + large.thresholdBytes);
    let written = this.codec.encode(message, batch.view, at, end);
    if (written < 0) {
      if (large !== undefined) {
        const size = this.codec.sizeOf(message);
        if (size > large.thresholdBytes || size > batch.capacity - ENV_HEADER_BYTES) {
          return this.encodeLarge(batch, message, size, target, large);
        }
      }
      if (batch.count === 0) this.tooLarge(target);
      if (!this.makeRoom(batch)) return -2;
      at = ENV_HEADER_BYTES;
      written = this.codec.encode(message, batch.view, at, batch.capacity);
      if (written < 0) this.tooLarge(target);
    }
    return written;
  }

  sendSystem(
    target: RemoteCell<unknown>,
    kind: SysKind,
    from: AnyTarget | null,
    error?: unknown,
    message?: unknown,
  ): void {
    const batch = this.outbound[target.worker];
    if (batch === undefined || this.deadWorkers[target.worker] === true) return;
    // Only the supervision messages of remote children have a body (see layout.ts).
    const errorBody =
      kind === SysKind.ChildFailed || kind === SysKind.Restart
        ? encodeErrorBody(error, batch.capacity - ENV_HEADER_BYTES)
        : null;
    const bodyBytes =
      errorBody !== null ? errorBody.length : kind === SysKind.ChildStarted ? SYS_TOKEN_BYTES : 0;
    // System messages are small and rare: wait for room whatever the policy, within the bound.
    if (
      batch.used + envelopeBytes(bodyBytes) > batch.capacity &&
      !this.makeRoom(batch) &&
      !this.waitForRoom(batch)
    ) {
      this.ringFull++;
      return;
    }
    const w = batch.used >>> 2;
    const d = batch.used >>> 3;
    batch.u32[w + ENV_U32_HEAD] = envelopeHead(ENVELOPE_SYSTEM, kind, 0);
    batch.u32[w + ENV_U32_BODY_BYTES] = bodyBytes;
    batch.f64[d + ENV_F64_TARGET] = target.ref.id;
    batch.f64[d + ENV_F64_SENDER] = from === null ? -1 : from.ref.id;
    if (errorBody !== null) batch.bytes.set(errorBody, batch.used + ENV_HEADER_BYTES);
    else if (bodyBytes !== 0) batch.f64[d + ENV_F64_BODY] = message as number;
    batch.commit(bodyBytes);
    this.afterStage(batch);
  }

  private afterStage(batch: OutboundBatch): void {
    if (batch.count >= batch.batcher.size) {
      if (this.publish(batch)) return;
    }
    if (!this.flushScheduled && !this.driving) {
      this.flushScheduled = true;
      queueMicrotask(this.flushBound);
    }
  }

  /**
   * Encodes a frame of `size` bytes into a new block and writes its reference as the body of
   * the envelope at `batch.used` (see `CODEC_BLOCK` in layout.ts): BLOCK_REF_BYTES, or -2 / -3
   * as `encodeFrame`. The block is freed on every path that does not stage the reference.
   */
  private encodeLarge(
    batch: OutboundBatch,
    message: unknown,
    size: number,
    target: RemoteCell<unknown>,
    large: LargeMessageStore,
  ): number {
    if (size > large.maxFrameBytes) {
      throw new ActorError(
        'ActorRef.tell',
        'MESSAGE_TOO_LARGE',
        `the message to ${target.path} encodes to ${size} bytes, more than the largest large-message block (${large.maxFrameBytes}); add a larger block class to largeMessageSlabs`,
      );
    }
    let block = large.alloc(size);
    if (block === NO_BLOCK) {
      if (this.ringFullPolicy !== 'wait') return -3;
      block = this.waitForBlock(large, size);
      if (block === NO_BLOCK) return -3;
      // The wait published batches and handled inbound records: look for room again.
      if (!batch.hasRoom() && !this.makeRoom(batch)) {
        large.free(block);
        return -2;
      }
    }
    let written: number;
    try {
      written = this.codec.encode(message, large.view, block, block + size);
    } catch (error) {
      large.free(block);
      throw error;
    }
    if (written < 0) {
      // sizeOf and encode disagree (a message mutated by a getter): nothing was staged.
      large.free(block);
      throw new ActorError(
        'ActorRef.tell',
        'UNENCODABLE',
        `the message to ${target.path} changed size while it was encoded`,
      );
    }
    const body = batch.used + ENV_HEADER_BYTES;
    batch.view.setUint32(body, block, true);
    batch.view.setUint32(body + 4, written, true);
    this.largeMessagesOut++;
    return BLOCK_REF_BYTES;
  }

  /**
   * Retries the block allocator up to `ringWaitMs`. Blocks come back when receivers decode
   * them, so it first publishes what this node staged (its own references may be what holds
   * the blocks) and keeps handling its own inbound records (which frees the blocks they carry).
   */
  private waitForBlock(large: LargeMessageStore, size: number): number {
    const deadline = performance.now() + this.ringWaitMs;
    const own = this.draining ? undefined : this.links.ring(this.nodeId);
    do {
      this.flush();
      if (own !== undefined) this.drain(own, WAIT_DRAIN_BATCH);
      const block = large.alloc(size);
      if (block !== NO_BLOCK) return block;
    } while (performance.now() < deadline);
    return NO_BLOCK;
  }

  private onBlocksExhausted(
    message: unknown,
    sender: AnyActorRef | null,
    target: RemoteCell<unknown>,
  ): boolean {
    this.blocksExhausted++;
    if (this.ringFullPolicy === 'fail') {
      throw new ActorError(
        'ActorRef.tell',
        'BLOCKS_EXHAUSTED',
        `no large-message block is free for the message to ${target.path}; it was not sent (raise largeMessageSlabs' block counts)`,
      );
    }
    return this.system.deadLetter(message, sender, target.ref, 'blocks-exhausted');
  }

  private tooLarge(target: RemoteCell<unknown>): never {
    throw new ActorError(
      'ActorRef.tell',
      'MESSAGE_TOO_LARGE',
      `the message to ${target.path} does not fit in one batch (${this.outbound[target.worker]?.capacity} bytes); raise maxBatchBytes and ringBytes`,
    );
  }

  /** Publishes what is staged for `batch` so the next message fits; false if the ring is full. */
  private makeRoom(batch: OutboundBatch): boolean {
    if (this.publish(batch)) return true;
    return this.ringFullPolicy === 'wait' && this.waitForRoom(batch);
  }

  /**
   * Retries the full ring up to `ringWaitMs`. Meanwhile it keeps handling this node's own
   * inbound records (outside a drain already in progress), so two nodes sending to each other
   * with both rings full make progress instead of each waiting for the other. The records only
   * go into mailboxes: no actor runs inside the wait.
   */
  private waitForRoom(batch: OutboundBatch): boolean {
    const deadline = performance.now() + this.ringWaitMs;
    const own = this.draining ? undefined : this.links.ring(this.nodeId);
    do {
      if (this.deadWorkers[batch.destination] === true) return false;
      if (this.publish(batch)) return true;
      if (own !== undefined) this.drain(own, WAIT_DRAIN_BATCH);
    } while (performance.now() < deadline);
    return false;
  }

  private onRingFull(
    message: unknown,
    sender: AnyActorRef | null,
    target: RemoteCell<unknown>,
  ): boolean {
    this.ringFull++;
    if (this.ringFullPolicy === 'fail') {
      throw new ActorError(
        'ActorRef.tell',
        'RING_FULL',
        `worker ${target.worker}'s inbound ring is full; the message to ${target.path} was not sent`,
      );
    }
    return this.system.deadLetter(message, sender, target.ref, 'ring-full');
  }

  /**
   * Publishes a batch as one record of its destination's ring and wakes the destination.
   * False when the ring has no room now (the batch stays staged).
   */
  private publish(batch: OutboundBatch): boolean {
    if (batch.count === 0) return true;
    const ring = this.links.ring(batch.destination)!;
    const offset = ring.tryClaim(RECORD_ENVELOPES, batch.used);
    if (offset < 0) return false;
    const used = batch.used;
    const at = ring.bytes.byteOffset + offset;
    if (used <= SMALL_COPY_BYTES && (at & 7) === 0) {
      // A few words: a loop beats creating a subarray to `set` from.
      if (batch.ringBuffer !== ring.bytes.buffer) {
        batch.ringBuffer = ring.bytes.buffer;
        batch.ringF64 = new Float64Array(ring.bytes.buffer, 0, ring.bytes.buffer.byteLength >>> 3);
      }
      const to = batch.ringF64;
      const from = batch.f64;
      const d = at >>> 3;
      for (let i = 0, n = used >>> 3; i < n; i++) to[d + i] = from[i]!;
    } else ring.bytes.set(batch.bytes.subarray(0, used), offset);
    ring.commit(offset);
    this.links.wake(batch.destination);
    if (batch.timed) batch.batcher.record(batch.count, 0, performance.now() - batch.firstAt);
    this.recordsOut++;
    batch.reset();
    return true;
  }

  /** Publishes every staged batch; a full ring is retried on a later turn of the event loop. */
  flush(): void {
    this.flushScheduled = false;
    let blocked = false;
    for (const batch of this.outbound) {
      if (batch !== undefined && batch.count !== 0 && !this.publish(batch)) blocked = true;
    }
    if (blocked && !this.retryScheduled) {
      this.retryScheduled = true;
      setImmediate(this.retryBound);
    }
  }

  /** Whether any batch still holds messages. */
  get hasStaged(): boolean {
    for (const batch of this.outbound) if (batch !== undefined && batch.count !== 0) return true;
    return false;
  }

  // ---- receiving ----------------------------------------------------------------------------

  /** Handles one inbound ring record: a run of envelopes (see layout.ts). */
  onRecord(typeId: number, view: DataView, offset: number, length: number): void {
    // A worker's loop drains the ring and calls this: a wait for room inside must not drain
    // the same ring again (its head only moves when that drain returns).
    const nested = this.draining;
    this.draining = true;
    // The actors these records make ready run when the drain ends (`afterDrain` or `drain`).
    this.driven?.hold();
    try {
      this.handleRecord(typeId, view, offset, length);
    } finally {
      this.draining = nested;
    }
  }

  private handleRecord(typeId: number, view: DataView, offset: number, length: number): void {
    this.recordsIn++;
    const base = view.byteOffset + offset;
    if (typeId !== RECORD_ENVELOPES || (base & 7) !== 0) {
      this.corrupt++;
      return;
    }
    if (view.buffer !== this.inBuffer) this.words(view.buffer);
    const u32 = this.in32;
    const f64 = this.in64;
    const end = base + length;
    let p = base;
    while (p < end) {
      if (p + ENV_HEADER_BYTES > end) {
        this.corrupt++;
        return;
      }
      const w = p >>> 2;
      const head = u32[w + ENV_U32_HEAD]!;
      const kind = head & 0xff;
      const bodyBytes = u32[w + ENV_U32_BODY_BYTES]!;
      const size = envelopeBytes(bodyBytes);
      if (p + size > end || (kind !== ENVELOPE_USER && kind !== ENVELOPE_SYSTEM)) {
        this.corrupt++;
        return;
      }
      const d = p >>> 3;
      const targetId = f64[d + ENV_F64_TARGET]!;
      const senderId = f64[d + ENV_F64_SENDER]!;
      if (kind === ENVELOPE_SYSTEM)
        this.onSystem((head >>> 8) & 0xff, targetId, senderId, p, bodyBytes);
      else {
        const message =
          head === HEAD_USER_NUMBER && bodyBytes === 8
            ? f64[d + ENV_F64_BODY]!
            : this.decodeBody(view, p - view.byteOffset, bodyBytes);
        this.deliver(message, targetId, senderId);
      }
      p += size;
    }
  }

  /** Views the inbound ring's buffer as words (once: a node drains one ring). */
  private words(buffer: ArrayBufferLike): void {
    this.inBuffer = buffer;
    this.in32 = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    this.in64 = new Float64Array(buffer, 0, buffer.byteLength >>> 3);
  }

  private deliver(message: unknown, targetId: number, senderId: number): void {
    if (message === CORRUPT) {
      this.corrupt++;
      return;
    }
    this.messagesIn++;
    let sender: AnyActorRef | null = null;
    if (senderId >= 0) {
      if (senderId === this.lastSenderId && this.lastSender !== null) sender = this.lastSender;
      else {
        sender = this.refOf(senderId);
        this.lastSenderId = senderId;
        this.lastSender = sender;
      }
    }
    const target = this.system.lookup(targetId);
    if (target === undefined) {
      this.system.deadLetter(message, sender, this.refOf(targetId), 'stopped');
      return;
    }
    try {
      target.tell(message, sender);
    } catch {
      // A bounded mailbox with the `fail` policy: the sender is elsewhere, so the message
      // becomes a dead letter here instead of an exception in the ring's drain.
      this.system.deadLetter(message, sender, target, 'mailbox-full');
    }
  }

  /** The message of the user envelope at `p`: a bare number or a codec frame; CORRUPT if undecodable. */
  private decodeBody(view: DataView, p: number, bodyBytes: number): unknown {
    const codecId = view.getUint16(p + ENV_CODEC, true);
    if (codecId === CODEC_NUMBER && bodyBytes === 8) {
      return view.getFloat64(p + ENV_HEADER_BYTES, true);
    }
    if (codecId === CODEC_BLOCK && bodyBytes === BLOCK_REF_BYTES && this.large !== undefined) {
      try {
        // Frees the block whatever happens: decoded, undecodable, or its target gone later.
        const message = this.large.take(this.codec, view, p + ENV_HEADER_BYTES);
        this.largeMessagesIn++;
        this.largeTaken = true;
        return message;
      } catch {
        return CORRUPT;
      }
    }
    try {
      return this.codec.decode(view, p + ENV_HEADER_BYTES, p + ENV_HEADER_BYTES + bodyBytes);
    } catch {
      return CORRUPT;
    }
  }

  /** A system envelope at byte `p` of the inbound buffer, with a body of `bodyBytes`. */
  private onSystem(
    kind: number,
    targetId: number,
    senderId: number,
    p: number,
    bodyBytes: number,
  ): void {
    const local = refIdWorker(targetId) === this.nodeId ? this.system.lookup(targetId) : undefined;
    const from = senderId >= 0 ? this.refOf(senderId).cell : null;
    switch (kind) {
      case SysKind.ChildStarted:
        if (from instanceof RemoteCell && bodyBytes === SYS_TOKEN_BYTES)
          this.onChildStarted(local?.cell, from, this.in64[(p >>> 3) + ENV_F64_BODY]!);
        else this.corrupt++;
        return;
      case SysKind.ChildFailed:
      case SysKind.Restart: {
        const error = decodeErrorBody(
          new Uint8Array(this.inBuffer!, p + ENV_HEADER_BYTES, bodyBytes),
        );
        if (kind === SysKind.Restart) local?.cell.sendSystem(kind, null, error);
        else if (from !== null) local?.cell.sendSystem(kind, from, error);
        return;
      }
      case SysKind.ChildTerminated:
        if (from !== null) local?.cell.sendSystem(kind, from);
        return;
      case SysKind.Resume:
      case SysKind.Suspend:
        local?.cell.sendSystem(kind, null);
        return;
      case SysKind.Watch:
        if (from === null) return;
        if (local === undefined)
          from.sendSystem(SysKind.WatchedTerminated, this.refOf(targetId).cell);
        else {
          if (from instanceof RemoteCell) this.pin(from);
          local.cell.sendSystem(SysKind.Watch, from);
        }
        return;
      case SysKind.Unwatch:
        if (from !== null) local?.cell.sendSystem(SysKind.Unwatch, from);
        return;
      case SysKind.Stop:
        local?.cell.requestStop();
        return;
      case SysKind.WatchedTerminated:
        if (from === null || local === undefined) return;
        if (from instanceof RemoteCell) from.unwatchedBy(local.cell);
        local.cell.sendSystem(SysKind.WatchedTerminated, from);
        return;
      default:
        this.corrupt++;
    }
  }

  /**
   * A remote child runs: its parent (here) records it. A parent that is gone, or a child whose
   * worker is known dead, ends the spawn; the child is stopped so no orphan lives on.
   */
  private onChildStarted(parent: AnyTarget | undefined, child: RemoteCell<unknown>, token: number) {
    const spawn = this.childSpawns.take(token);
    if (child.dead) {
      if (spawn !== undefined) {
        spawn.parent.sendSystem(SysKind.ChildSpawnFailed, null, undefined, spawn);
        spawn.reject(
          new ActorError('ClusterHandle.spawnChild', 'WORKER_DEAD', `${child.path} is gone`),
        );
      }
      return;
    }
    if (parent === undefined || (spawn !== undefined && spawn.parent !== parent)) {
      child.requestStop();
      if (spawn !== undefined) {
        spawn.parent.sendSystem(SysKind.ChildSpawnFailed, null, undefined, spawn);
        spawn.reject(
          new ActorError('ClusterHandle.spawnChild', 'NOT_RUNNING', 'the parent is gone'),
        );
      }
      return;
    }
    parent.sendSystem(SysKind.ChildStarted, child, undefined, spawn ?? null);
  }

  /**
   * Drains this node's own inbound ring (the main thread's pump, and a sender waiting for
   * room, call this); the actors it made ready get the dispatcher's usual wake-up.
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
   * ready and publishes what they sent, in the same turn (no microtask or event-loop turn
   * between a record arriving and its reply leaving). Returns the actor turns run.
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
    this.largeTaken = false;
    return turns;
  }

  // ---- workers coming and going -------------------------------------------------------------

  /**
   * Worker `worker` died: its actors' watchers here get Terminated, refs to them dead-letter
   * from now on, and what was staged for it becomes dead letters.
   */
  workerDied(worker: number): void {
    if (worker === this.nodeId || this.deadWorkers[worker] === true) return;
    this.deadWorkers[worker] = true;
    this.childSpawns.failWorker(worker);
    const batch = this.outbound[worker];
    if (batch !== undefined && batch.count !== 0) {
      this.deadLetterStaged(batch);
      batch.reset();
    }
    for (const cache of [this.remotes, this.olderRemotes]) {
      for (const [id, cell] of cache) {
        if (cell.worker !== worker) continue;
        cache.delete(id);
        cell.markDead();
      }
    }
    if (this.lastSender !== null && refIdWorker(this.lastSenderId) === worker) {
      this.lastSender = null;
      this.lastSenderId = -1;
    }
  }

  /** Worker `worker` runs again (a new generation): refs to its new actors work. */
  workerRestarted(worker: number): void {
    this.deadWorkers[worker] = false;
  }

  private deadLetterStaged(batch: OutboundBatch): void {
    const view = batch.view;
    for (let p = 0; p < batch.used; ) {
      const bodyBytes = view.getUint32(p + ENV_BODY_BYTES, true);
      if (view.getUint8(p + ENV_KIND) === ENVELOPE_USER) {
        const target = this.deadRef(view.getFloat64(p + ENV_TARGET, true), 'worker-dead');
        const senderId = view.getFloat64(p + ENV_SENDER, true);
        const message = this.decodeBody(view, p, bodyBytes);
        this.system.deadLetter(
          message === CORRUPT ? null : message,
          senderId >= 0 ? this.refOf(senderId) : null,
          target,
          'worker-dead',
        );
      }
      p += envelopeBytes(bodyBytes);
    }
  }

  counters(): NodeCounters {
    return {
      messagesOut: this.messagesOut,
      messagesIn: this.messagesIn,
      recordsOut: this.recordsOut,
      recordsIn: this.recordsIn,
      ringFull: this.ringFull,
      corrupt: this.corrupt,
      largeMessagesOut: this.largeMessagesOut,
      largeMessagesIn: this.largeMessagesIn,
      blocksExhausted: this.blocksExhausted,
      largeBlocksInUse: this.large === undefined ? 0 : this.large.outstanding(),
    };
  }
}
