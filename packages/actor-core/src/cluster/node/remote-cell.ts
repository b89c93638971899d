import { ActorRef, type AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import type { ActorTarget, AnyTarget } from '../../actor-target.js';
import { refIdSlot, refIdWorker } from '../../ref-id.js';
import { SysKind } from '../../system-message.js';

/** What a remote cell needs from the cluster node of its thread. */
export interface RemoteTransport {
  readonly system: ActorSystem;
  /** @internal Encodes a user message for `target`; false when it was dead-lettered or dropped. */
  sendUser(target: RemoteCell<unknown>, message: unknown, sender: AnyActorRef | null): boolean;
  /**
   * @internal Sends a system message to `target`: watch, unwatch, stop, watched-terminated, and the
   * supervision messages of remote children (an error or a spawn request travels in the body).
   */
  sendSystem(
    target: RemoteCell<unknown>,
    kind: SysKind,
    from: AnyTarget | null,
    error?: unknown,
    message?: unknown,
  ): void;
  /** @internal Keeps `cell` cached as the stand-in of its id while a watch involves it. */
  pin(cell: RemoteCell<unknown>): void;
}

/**
 * Why a stand-in dead-letters: its actor stopped, its worker died, or its node (a process of a
 * network cluster) was declared down.
 */
export type DeadRefReason = 'stopped' | 'worker-dead' | 'node-down';

/**
 * The stand-in, on this thread, for an actor hosted by another worker: `tell` encodes into that
 * worker's inbound ring (through the node's outbound batch). One instance per actor id and
 * thread (the node caches them), so watches keyed by target find it again.
 *
 * Thread contract: used on the thread of its node only.
 */
export class RemoteCell<M> implements ActorTarget<M> {
  readonly ref: ActorRef<M>;
  readonly worker: number;
  /** Set when the actor is known gone (its worker died, or a stale id): sends go to dead letters. */
  dead = false;
  deadReason: DeadRefReason = 'worker-dead';
  /** A watch involves this stand-in, so the node's cache keeps it (see ClusterNode.pin). */
  pinned = false;
  /**
   * Local cells watching this actor, so a dead worker can be reported to them; made on the first
   * watch (most stand-ins are never watched, and the node caches thousands of them).
   */
  private watcherSet: Set<AnyTarget> | null = null;
  /** The local parent when this actor is its remote child (a dead worker ends the child). */
  supervisor: AnyTarget | null = null;
  /** Local children of this actor when it is their remote parent (its dead worker stops them). */
  localChildren: Set<AnyTarget> | null = null;
  private readonly transport: RemoteTransport;

  constructor(transport: RemoteTransport, id: number) {
    this.transport = transport;
    this.worker = refIdWorker(id);
    this.ref = new ActorRef<M>(this, id);
  }

  get path(): string {
    return `/w${this.worker}/$${refIdSlot(this.ref.id)}`;
  }

  get system(): ActorSystem {
    return this.transport.system;
  }

  enqueue(message: M, sender: AnyActorRef | null): boolean {
    if (this.dead)
      return this.transport.system.deadLetter(message, sender, this.ref, this.deadReason);
    return this.transport.sendUser(this as RemoteCell<unknown>, message, sender);
  }

  sendSystem(kind: SysKind, from: AnyTarget | null, error?: unknown, message?: unknown): void {
    if (kind === SysKind.Watch && from !== null) {
      if (this.dead) {
        from.sendSystem(SysKind.WatchedTerminated, this);
        return;
      }
      this.transport.pin(this as RemoteCell<unknown>);
      (this.watcherSet ??= new Set()).add(from);
    } else if (kind === SysKind.Unwatch && from !== null) {
      this.unwatchedBy(from);
    }
    if (this.dead) return;
    this.transport.sendSystem(this as RemoteCell<unknown>, kind, from, error, message);
  }

  /** How many local cells watch this actor. */
  get watcherCount(): number {
    return this.watcherSet === null ? 0 : this.watcherSet.size;
  }

  /** `watcher` no longer watches this actor (an unwatch, or the Terminated it got). */
  unwatchedBy(watcher: AnyTarget): void {
    const watchers = this.watcherSet;
    if (watchers === null || !watchers.delete(watcher) || watchers.size !== 0) return;
    this.watcherSet = null;
    // Nothing links to this stand-in any more: the cache may drop it again.
    if (this.supervisor === null && this.localChildren === null) this.pinned = false;
  }

  /** This actor is a remote child of `parent`: keep this stand-in, and report its worker's death. */
  supervise(parent: AnyTarget): void {
    this.supervisor = parent;
    this.transport.pin(this as RemoteCell<unknown>);
  }

  /** The child ended: nothing to report any more (the cache may drop an unwatched stand-in). */
  unsupervise(): void {
    this.supervisor = null;
    if (this.watcherCount === 0 && this.localChildren === null) this.pinned = false;
  }

  /** `child`, a local cell, has this actor as its remote parent. */
  adoptLocal(child: AnyTarget): void {
    if (this.localChildren === null) {
      this.localChildren = new Set();
      this.transport.pin(this as RemoteCell<unknown>);
    }
    this.localChildren.add(child);
  }

  /** A local child of this actor ended. */
  dropLocal(child: AnyTarget): void {
    if (this.localChildren === null) return;
    this.localChildren.delete(child);
    if (this.localChildren.size === 0) {
      this.localChildren = null;
      if (this.watcherCount === 0 && this.supervisor === null) this.pinned = false;
    }
  }

  requestStop(): void {
    this.sendSystem(SysKind.Stop, null);
  }

  /**
   * The hosting worker died: tell local watchers, end the child for its local parent, stop the
   * local children (an orphan must not live on), then dead-letter everything from now on.
   */
  markDead(reason: DeadRefReason = 'worker-dead'): void {
    if (this.dead) return;
    this.dead = true;
    this.deadReason = reason;
    const watchers = this.watcherSet;
    this.watcherSet = null;
    if (watchers !== null) {
      for (const watcher of watchers) watcher.sendSystem(SysKind.WatchedTerminated, this);
    }
    const parent = this.supervisor;
    this.supervisor = null;
    parent?.sendSystem(SysKind.ChildTerminated, this);
    const children = this.localChildren;
    this.localChildren = null;
    if (children !== null) for (const child of children) child.requestStop();
  }
}
