import type { AnyActorRef } from '../../actor-ref.js';
import { refIdWorker } from '../../ref-id.js';
import { type DeadRefReason, RemoteCell, type RemoteTransport } from './remote-cell.js';
import type { NodeStates } from './shared-node-states.js';

/** How a node was lost (see ClusterNode.nodeLost). */
export type NodeLossReason = 'worker-dead' | 'node-down';

/** How a node was lost: the code asks to it fail with, their message, the dead-letter reason. */
export interface NodeLoss {
  readonly reason: NodeLossReason;
  readonly code: string;
  readonly message: string;
}

/** A dead worker thread: asks fail with `WORKER_DIED`, what waits is dead-lettered `worker-dead`. */
export function workerLoss(node: number): NodeLoss {
  return {
    reason: 'worker-dead',
    code: 'WORKER_DIED',
    message: `worker ${node} died before it replied`,
  };
}

/**
 * Stand-ins per generation of the cache (see `cacheRemote`): at most two generations are
 * kept, plus the stand-ins a watch pins.
 */
const REMOTE_GENERATION_LIMIT = 4096;

/**
 * The remote-ref cache of one node: the stand-in (`RemoteCell`) for each id of another node
 * in use here, and which nodes are known dead. Every ask leaves a temporary sender id behind,
 * so an unbounded cache would grow forever (the soak measured about 130 MB/hour per worker
 * with a 65,536-entry bound not yet reached); two generations keep the ids in use and forget
 * the rest. A watch needs one stand-in per id (watch maps are keyed by it), so `pin` keeps
 * those.
 *
 * Thread contract: owned by one node, used on its thread.
 */
export class RemoteRefCache {
  private remotes = new Map<number, RemoteCell<unknown>>();
  private olderRemotes = new Map<number, RemoteCell<unknown>>();
  /** Size at which the current generation turns over: the limit plus the pinned carried in. */
  private remotesLimit = REMOTE_GENERATION_LIMIT;
  /** Per node: null while it lives, else how it was lost. */
  private readonly deadNodes: (NodeLossReason | null)[] = [];
  private readonly transport: RemoteTransport;
  private readonly nodeCount: number;
  private readonly states: NodeStates | undefined;
  /** Ids reached without the link (see `shortcut`), or null while there is none. */
  private shortcuts: Map<number, AnyActorRef> | null = null;

  constructor(transport: RemoteTransport, nodeCount: number, states?: NodeStates) {
    this.transport = transport;
    this.nodeCount = nodeCount;
    this.states = states;
    for (let node = 0; node < nodeCount; node++) this.deadNodes.push(null);
  }

  /** The ref for `id`, an actor of another node (a dead-lettering ref when its node is dead). */
  refOf(id: number): AnyActorRef {
    const known = this.remotes.get(id);
    if (known !== undefined) return known.ref;
    const older = this.olderRemotes.get(id);
    if (older !== undefined) {
      this.olderRemotes.delete(id);
      this.cacheRemote(id, older);
      return older.ref;
    }
    const node = refIdWorker(id);
    if (!(node < this.nodeCount)) return this.deadRef(id, 'worker-dead');
    if (this.shortcuts !== null) {
      const shortcut = this.shortcuts.get(id);
      if (shortcut !== undefined) return shortcut;
    }
    const lost = this.deadNodes[node];
    if (lost !== null && lost !== undefined) {
      // The main thread may have seen the node come back before its word reached this thread.
      if (this.states?.isUp(node) !== true) return this.deadRef(id, lost);
      this.deadNodes[node] = null;
    }
    const cell = new RemoteCell<unknown>(this.transport, id);
    this.cacheRemote(id, cell);
    return cell.ref;
  }

  /**
   * From now on `refOf(id)` is `ref`, which reaches actor `id` without the link (a balancing
   * pool's queue written from this thread); a stand-in cached for `id` is forgotten (refs
   * already handed out keep working through the link).
   */
  shortcut(id: number, ref: AnyActorRef): void {
    (this.shortcuts ??= new Map()).set(id, ref);
    // A pinned stand-in stays: a watch through it needs that one (see `pin`).
    if (this.remotes.get(id)?.pinned === false) this.remotes.delete(id);
    if (this.olderRemotes.get(id)?.pinned === false) this.olderRemotes.delete(id);
  }

  /** A ref that dead-letters everything sent to it, with `reason`. */
  deadRef(id: number, reason: DeadRefReason): AnyActorRef {
    const cell = new RemoteCell<unknown>(this.transport, id);
    cell.dead = true;
    cell.deadReason = reason;
    return cell.ref;
  }

  isDead(node: number): boolean {
    const lost = this.deadNodes[node];
    return lost !== null && lost !== undefined;
  }

  /** How node `node` was lost (`worker-dead` for a node this cache does not know). */
  lossOf(node: number): NodeLossReason {
    return this.deadNodes[node] ?? 'worker-dead';
  }

  /**
   * Caches a stand-in in the current generation. A full generation becomes the older one and
   * the older one is dropped, except its pinned stand-ins, which move to the new generation.
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

  /**
   * Node `node` died (or was declared down): its stand-ins are marked dead with `reason` (their
   * watchers get Terminated) and dropped. False when it was already dead.
   */
  nodeDied(node: number, reason: NodeLossReason = 'worker-dead'): boolean {
    if (this.isDead(node)) return false;
    this.deadNodes[node] = reason;
    for (const cache of [this.remotes, this.olderRemotes]) {
      for (const [id, cell] of cache) {
        if (cell.worker !== node) continue;
        cache.delete(id);
        cell.markDead(reason);
      }
    }
    return true;
  }

  /** Node `node` runs again (a new generation): refs to its new actors work. */
  nodeRestarted(node: number): void {
    this.deadNodes[node] = null;
  }
}
