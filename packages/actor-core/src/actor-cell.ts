import {
  type ActorClassWithArgs,
  type ActorDefinition,
  initialBehavior,
  type MessageOf,
  type ReceiveFn,
} from './actor.js';
import type { ActorContext } from './actor-context.js';
import type { ActorRef, AnyActorRef } from './actor-ref.js';
import type { ActorSystem } from './actor-system.js';
import type { AnyTarget } from './actor-target.js';
import {
  adoptChild,
  adoptDormantChild,
  adoptWokenChild,
  childCellsOf,
  forgetChild,
  hasChildNamed,
  supervisedChildrenOf,
} from './cell-children.js';
import { closeStopped, restartCell, resumeCell } from './cell-lifecycle.js';
import type { CellSettings } from './cell-settings.js';
import { cancelReceiveTimeout, clearTimers, setReceiveTimeout } from './cell-timers.js';
import { unwatch, watch, watchedTerminated } from './death-watch.js';
import type { ForeignChildren, ForeignSpawn } from './foreign-children.js';
import { Block, MailboxCell, Status } from './mailbox-cell.js';
import type { AnySpawnOptions, ClassSpawnOptions, SpawnOptions } from './spawn-options.js';
import { handleChildFailure, type SupervisedChild } from './supervision.js';
import type { RestartStats, SupervisorStrategy } from './supervisor-strategy.js';
import { SysKind } from './system-message.js';
import { LONE_STOP, systemMessageSlot } from './system-queue.js';
import { ActorTimerScheduler, type TimerScheduler } from './timer-scheduler.js';

/** What `processSystem` reads each system message into (one turn runs at a time per thread). */
const PROCESS_SLOT = systemMessageSlot();

/**
 * The runtime side of one actor: its place in the supervision tree, its supervision state and
 * lifecycle, on top of the mailbox and dispatcher turn of `MailboxCell`. It is also the
 * `ActorContext` passed to `receive`. The cold parts live beside it: the children
 * (cell-children.ts), death watch (death-watch.ts), timers (cell-timers.ts), and restart,
 * resume and the end of a stop (cell-lifecycle.ts).
 *
 * Thread contract: a cell belongs to one worker's event loop; nothing here is shared.
 */
export class ActorCell<M> extends MailboxCell<M> implements ActorContext<M> {
  readonly parentCell: AnyCell | null;
  /** Siblings under the same parent (an intrusive list: no per-child set entry). */
  prevSibling: AnyCell | null = null;
  nextSibling: AnyCell | null = null;

  /** `ref`: a dormant actor's ref (cell-factory.ts), or null to make one. */
  constructor(
    system: ActorSystem,
    parent: AnyCell | null,
    settings: CellSettings,
    id: number,
    ref: ActorRef<M> | null,
  ) {
    super(system, settings, id, ref);
    this.parentCell = parent;
  }

  /** What the actor was spawned from (a restart instantiates it again). */
  get definition(): ActorDefinition<M> {
    return this.settings.definition;
  }

  /** @internal The name given at spawn, or null for `$<slot>`. */
  get givenName(): string | null {
    return this.settings.name;
  }

  /** Strategy for this cell's children; null means the system default. */
  get strategy(): SupervisorStrategy | null {
    return this.settings.strategy;
  }

  /** The name among its siblings. Built on demand: a million actors need no million strings. */
  get name(): string {
    return this.givenName ?? `$${this.ref.slot}`;
  }

  get path(): string {
    return pathUnder(this.parentCell, this.name);
  }

  // ---- ActorContext -------------------------------------------------------------

  get self(): ActorRef<M> {
    return this.ref;
  }

  get parent(): AnyActorRef | null {
    return this.parentCell === null ? null : this.parentCell.ref;
  }

  get children(): readonly AnyActorRef[] {
    const extras = this.extras;
    if (extras === null) return [];
    const refs = childCellsOf(extras).map((c) => c.ref);
    const remote = extras.remote;
    return remote === null ? refs : refs.concat(remote.refs());
  }

  get timers(): TimerScheduler<M> {
    const extras = this.more();
    if (extras.timers === null) extras.timers = new ActorTimerScheduler<M>(this);
    return extras.timers;
  }

  reply(message: unknown): void {
    const sender = this.sender;
    if (sender === null) this.system.deadLetter(message, this.ref, this.ref, 'no-sender');
    else sender.tell(message, this.ref);
  }

  tell<T>(ref: ActorRef<T>, message: T): boolean {
    return ref.tell(message, this.ref);
  }

  spawn<C extends ActorClassWithArgs>(
    cls: C,
    options: ClassSpawnOptions<C>,
  ): ActorRef<MessageOf<C>>;
  spawn<C>(definition: ActorDefinition<C>, options?: SpawnOptions): ActorRef<C>;
  spawn<C>(
    definition: ActorDefinition<C> | ActorClassWithArgs<C>,
    options: AnySpawnOptions = {},
  ): ActorRef<C> {
    return this.system.spawnCell(definition, options, this);
  }

  stop(ref: AnyActorRef = this.ref): void {
    // A child on another worker: its name is free and its failures no longer count.
    this.extras?.remote?.stopping(ref.id);
    ref.cell.requestStop();
  }

  /** Asks this cell to stop. Its name is free among its siblings at once, so a restarting parent can reuse it. */
  requestStop(): void {
    this.parentCell?.forget(this);
    this.sendSystem(SysKind.Stop, null);
  }

  watch(ref: AnyActorRef, ...message: unknown[]): void {
    watch(this, ref.cell, message.length === 0 ? undefined : message[0]);
  }

  unwatch(ref: AnyActorRef): void {
    unwatch(this, ref.cell);
  }

  become(receive: ReceiveFn<M>, options: { readonly discardOld?: boolean } = {}): void {
    if (options.discardOld === false) this.more().behaviors.push(this.behavior);
    this.behavior = receive;
  }

  unbecome(): void {
    const previous = this.extras?.behaviors.pop();
    this.behavior = previous ?? initialBehavior(this.definition, this.actor);
  }

  setReceiveTimeout(timeoutMs: number, message: M): void {
    setReceiveTimeout(this, timeoutMs, message);
  }

  cancelReceiveTimeout(): void {
    cancelReceiveTimeout(this);
  }

  // ---- Failure, supervision, termination ------------------------------------------

  /** Suspends the cell and asks the parent for a directive. */
  fail(error: unknown, message: unknown): void {
    this.system.failures++;
    if (this.status !== Status.Running) return;
    this.blocked |= Block.Suspended;
    this.more().failedWith = message;
    const parent = this.supervisor;
    if (parent === null) {
      // A guardian failed: nothing above it decides, so it resumes.
      this.blocked &= ~Block.Suspended;
      return;
    }
    parent.sendSystem(SysKind.ChildFailed, this, error, message);
  }

  /** Where this cell's failures go: its parent cell (a child of a remote parent reports there). */
  protected get supervisor(): AnyTarget | null {
    return this.parentCell;
  }

  protected processSystem(): void {
    const sys = this.sys!;
    if (sys === LONE_STOP) {
      // A lone stop (MailboxCell.sendSystem): the only system message waiting, never shifted.
      this.sys = null;
      this.beginStop();
      return;
    }
    const slot = PROCESS_SLOT;
    while (sys.shift(slot)) {
      // Copied out first: a handler may drain this queue again (a stop announces itself).
      const kind = slot.kind;
      const other = slot.cell;
      const error = slot.error;
      const payload = slot.message;
      switch (kind) {
        case SysKind.Stop:
          this.beginStop();
          break;
        case SysKind.Watch:
          if (other !== null) this.more().watchers.add(other);
          break;
        case SysKind.Unwatch:
          if (other !== null) this.extras?.watchers.delete(other);
          break;
        case SysKind.WatchedTerminated:
          watchedTerminated(this, other!);
          break;
        case SysKind.ChildTerminated:
          if (other instanceof ActorCell) {
            this.forget(other);
            this.childEnded();
          } else if (this.extras?.remote?.terminated(other!.ref.id) === true) this.childEnded();
          break;
        case SysKind.ChildFailed: {
          const child =
            other instanceof ActorCell ? other : this.extras?.remote?.failed(other!.ref.id);
          if (child !== undefined) handleChildFailure(this, child, error);
          break;
        }
        case SysKind.Suspend:
          this.suspend();
          break;
        case SysKind.ChildStarted:
          this.remoteChildren().started(
            this,
            other!,
            payload as ForeignSpawn | null,
            this.status === Status.Running,
          );
          break;
        case SysKind.ChildSpawnFailed:
          if (this.remoteChildren().spawnFailed(payload as ForeignSpawn)) this.childEnded();
          break;
        case SysKind.Resume:
          resumeCell(this);
          break;
        case SysKind.Restart:
          restartCell(this, error);
          break;
      }
    }
  }

  /** A child terminated, or a remote spawn came to nothing: one fewer to wait for. */
  private childEnded(): void {
    const extras = this.more();
    extras.liveChildren--;
    if (this.status === Status.Stopping && extras.liveChildren === 0) this.finishStop();
  }

  private remoteChildren(): ForeignChildren {
    const extras = this.more();
    return extras.remote ?? (extras.remote = this.system.newForeignChildren());
  }

  /** A spawn of a child on another worker left: the parent waits for it like for a child. */
  openRemoteSpawn(spawn: ForeignSpawn): void {
    this.remoteChildren().open(spawn);
    this.more().liveChildren++;
  }

  /** Registers a new child. */
  adopt(child: AnyCell, name: string | null): void {
    adoptChild(this.more(), child, name);
  }

  /** Registers a new dormant child (cell-factory.ts). */
  adoptDormant(ref: AnyActorRef): void {
    adoptDormantChild(this.more(), ref, this.system.cells, this);
  }

  /** A dormant child woke: it is a child cell from now on. */
  adoptWoken(child: AnyCell): void {
    adoptWokenChild(this.more(), child);
  }

  /** Takes a child out of the live list (its stop has begun); its name is free again. Idempotent. */
  forget(child: AnyCell): void {
    if (this.extras !== null) forgetChild(this.extras, child);
  }

  hasChild(name: string): boolean {
    return hasChildNamed(this.extras, name);
  }

  /** Live children on this thread. */
  childCells(): AnyCell[] {
    return childCellsOf(this.extras);
  }

  /** Live children here and on other workers, for supervision. */
  supervisedChildren(): SupervisedChild[] {
    return supervisedChildrenOf(this.extras);
  }

  /** Restart bookkeeping for this cell's supervisor. */
  restartStats(): RestartStats {
    return this.more();
  }

  /** Suspends without a failure of its own (an all-for-one sibling waiting for its restart). */
  suspend(): void {
    this.blocked |= Block.Suspended;
  }

  /** Runs `preStart`; a throw is a failure for the supervisor. */
  start(): void {
    try {
      this.actor.preStart?.(this);
    } catch (error) {
      this.fail(error, undefined);
    }
  }

  /**
   * Stops a cell that has no children and runs no turns (a temporary ask cell) at once,
   * without a trip through its own system-message queue.
   */
  protected stopImmediately(): void {
    if (this.status !== Status.Running) return;
    this.parentCell?.forget(this);
    this.status = Status.Stopping;
    clearTimers(this);
    this.finishStop();
  }

  private beginStop(): void {
    if (this.status !== Status.Running) return;
    this.status = Status.Stopping;
    clearTimers(this);
    const extras = this.extras;
    // The name is free again as soon as the stop begins.
    this.parentCell?.forget(this);
    if (extras !== null && extras.dormant !== null)
      this.system.cells.stopDormantChildren(this, extras);
    if (extras === null || extras.liveChildren === 0) {
      this.finishStop();
      return;
    }
    for (const child of childCellsOf(extras)) child.sendSystem(SysKind.Stop, null);
    extras.remote?.stopAll();
  }

  /** The cell and all its children have stopped (a subclass may tell more than the parent). */
  protected finishStop(): void {
    this.status = Status.Stopped;
    closeStopped(this);
  }
}

/** A cell of any message type. */
// biome-ignore lint/suspicious/noExplicitAny: cells of different message types link to each other (parent, children, watchers).
export type AnyCell = ActorCell<any>;

/** The path of an actor named `name` under `parent` (a guardian has none: `/name`). */
export function pathUnder(parent: { readonly path: string } | null, name: string): string {
  return parent === null ? `/${name}` : `${parent.path}/${name}`;
}
