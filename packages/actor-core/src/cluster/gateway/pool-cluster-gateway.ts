/**
 * The ClusterGateway of an ActorCluster's main thread over its WorkerPool: deliveries into
 * the pool workers' rings, node loss and return spread over the control channel, spawns
 * through the spawn router (see cluster-gateway.ts for the role).
 *
 * Delivery: a batch for the main thread goes to its node at once; a batch for pool worker `i`
 * is copied into that worker's inbound ring as one `RECORD_ENVELOPES` record, as another
 * worker's batch would be. While the ring is full, batches for it wait here in arrival order
 * and are retried on the next turn, so per sender the order holds. A batch for a dead worker
 * is dropped (its senders learn of the death through their own membership).
 *
 * Thread contract: the main thread only (the one that started the cluster).
 */
import type { WorkerPool } from '@zactor/scheduler-numa';
import type { AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import type { ControlRequest } from '../cluster-protocol.js';
import type { ControlChannel } from '../control-channel.js';
import type { ClusterNode, NodeCounters, NodeLoss } from '../node/cluster-node.js';
import type { SharedNodeStates } from '../node/shared-node-states.js';
import type { SpawnRouter } from '../spawn-router.js';
import { RECORD_ENVELOPES } from '../wire/envelope-layout.js';
import type { ClusterGateway, LocalNodeListener } from './cluster-gateway.js';
import { referencesBlock } from './foreign-batch.js';

export interface ClusterGatewayParts {
  readonly pool: WorkerPool;
  readonly node: ClusterNode;
  readonly channel: ControlChannel;
  readonly router: SpawnRouter;
  readonly workerCount: number;
  /** Written before each node-lost / node-up broadcast (see SharedNodeStates). */
  readonly states: SharedNodeStates;
}

export class PoolClusterGateway implements ClusterGateway {
  /** The node id of pool worker 0. */
  readonly base: number;
  /** The node id of the main thread (the last of this process's). */
  readonly mainNodeId: number;
  readonly workerCount: number;
  /** Batches refused: for no node of this process, or referencing a shared block. */
  refused = 0;
  private readonly parts: ClusterGatewayParts;
  /** Per pool worker: batches waiting for room in its ring (copies), oldest first. */
  private readonly waiting: Uint8Array[][] = [];
  private waitingCount = 0;
  private retryScheduled = false;
  /** Nodes of other processes lost now (a restarted worker is told of them). */
  private readonly lost = new Map<number, NodeLoss>();
  private readonly listeners: LocalNodeListener[] = [];
  private readonly retryBound = (): void => {
    this.retryScheduled = false;
    this.retry();
  };

  constructor(parts: ClusterGatewayParts) {
    this.parts = parts;
    this.base = parts.node.base;
    this.mainNodeId = parts.node.mainNodeId;
    this.workerCount = parts.workerCount;
    for (let i = 0; i < parts.workerCount; i++) this.waiting.push([]);
  }

  /** The main thread's actor system. */
  get system(): ActorSystem {
    return this.parts.node.system;
  }

  /** The ref for an actor id of any node. */
  refOf(id: number): AnyActorRef {
    return this.parts.node.refOf(id);
  }

  /**
   * Hands one batch of envelopes (8-aligned at `offset` of `view`, valid during the call) that
   * arrived for node `node` of this process. False when it was refused (counted): `node` is not
   * one of this process's, or the batch references a shared block. A batch for a dead worker
   * is dead-lettered (`worker-dead`) on the main thread, as what waited for it is.
   */
  deliver(node: number, view: DataView, offset: number, length: number): boolean {
    if (node < this.base || node > this.mainNodeId || referencesBlock(view, offset, length)) {
      this.refused++;
      return false;
    }
    if (node === this.mainNodeId) {
      this.parts.node.onRecord(RECORD_ENVELOPES, view, offset, length);
      return true;
    }
    const worker = node - this.base;
    if (!this.parts.pool.isAlive(worker)) {
      this.parts.node.losses.deadLetterBatch(view, offset, length, 'worker-dead');
      return true;
    }
    const queue = this.waiting[worker]!;
    if (queue.length === 0 && this.copyIn(worker, view, offset, length)) return true;
    queue.push(
      new Uint8Array(
        view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + length),
      ),
    );
    this.waitingCount++;
    this.scheduleRetry();
    return true;
  }

  /** Runs the main thread's actors that delivered batches made ready, and ships what they sent. */
  afterDeliver(): void {
    this.parts.node.afterDrain();
  }

  /** Ships what the main thread's actors staged. */
  flush(): void {
    this.parts.node.flush();
  }

  /**
   * Node `node` of another process is lost: on every node of this process, asks to its actors
   * fail with `loss.code`, watchers get Terminated, refs dead-letter (`ClusterNode.nodeLost`).
   */
  nodeLost(node: number, loss: NodeLoss): void {
    if (node >= this.base && node <= this.mainNodeId) return;
    this.lost.set(node, loss);
    this.parts.states.markLost(node);
    this.parts.node.nodeLost(node, loss);
    this.parts.channel.broadcast({ zactor: 'node-lost', node, loss }, -1);
  }

  /** Node `node` of another process is up (again): refs to its actors work on every node here. */
  nodeUp(node: number): void {
    if (node >= this.base && node <= this.mainNodeId) return;
    this.lost.delete(node);
    this.parts.states.markUp(node);
    this.parts.node.workerRestarted(node);
    this.parts.node.flush();
    this.parts.channel.broadcast({ zactor: 'node-up', node }, -1);
  }

  /** Spawns one actor of `kind` where the cluster's placement puts it; resolves with its id. */
  async spawn(kind: string, args: unknown, name?: string): Promise<number> {
    const [ref] = await this.parts.router.spawn(
      kind,
      1,
      name === undefined ? { args } : { args, name },
      undefined,
    );
    return ref!.id;
  }

  /** Calls `listener` when a pool worker of this process dies or runs again. */
  onLocalNode(listener: LocalNodeListener): void {
    this.listeners.push(listener);
  }

  /** The main thread's node counters (`refused` also counts the batches refused here). */
  counters(): NodeCounters {
    const counters = this.parts.node.counters();
    return { ...counters, refused: counters.refused + this.refused };
  }

  /** Bytes the main thread holds for other nodes (its overflow; relayed batches included). */
  pendingBytes(): number {
    return this.parts.node.pendingBytes();
  }

  /** The ActorCluster saw pool worker `worker` die (its `worker-died` event). */
  workerDied(worker: number): void {
    const waiting = this.waiting[worker]!;
    this.waitingCount -= waiting.length;
    this.waiting[worker] = [];
    for (const batch of waiting) {
      this.parts.node.losses.deadLetterBatch(
        new DataView(batch.buffer),
        0,
        batch.length,
        'worker-dead',
      );
    }
    for (const listener of this.listeners) listener(this.base + worker, false);
  }

  /** The ActorCluster started a new pool worker in `worker`'s place: it learns what is lost. */
  workerRestarted(worker: number): void {
    const thread = this.parts.pool.worker(worker);
    for (const [node, loss] of this.lost) {
      thread?.postMessage({ zactor: 'node-lost', node, loss } satisfies ControlRequest);
    }
    for (const listener of this.listeners) listener(this.base + worker, true);
  }

  private copyIn(worker: number, view: DataView, offset: number, length: number): boolean {
    const ring = this.parts.pool.inbound(worker);
    if (ring === undefined) return false;
    const at = ring.tryClaim(RECORD_ENVELOPES, length);
    if (at < 0) return false;
    ring.bytes.set(new Uint8Array(view.buffer, view.byteOffset + offset, length), at);
    ring.commit(at);
    this.parts.pool.wake(worker);
    return true;
  }

  private retry(): void {
    for (let worker = 0; worker < this.waiting.length; worker++) {
      const queue = this.waiting[worker]!;
      let taken = 0;
      while (taken < queue.length) {
        const batch = queue[taken]!;
        const view = new DataView(batch.buffer);
        if (!this.copyIn(worker, view, 0, batch.length)) break;
        taken++;
      }
      if (taken > 0) {
        queue.splice(0, taken);
        this.waitingCount -= taken;
      }
    }
    if (this.waitingCount > 0) this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryScheduled) return;
    this.retryScheduled = true;
    setImmediate(this.retryBound);
  }
}
