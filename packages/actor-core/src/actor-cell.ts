import { SegmentedHeapQueue } from '@zactor/ringbuffer';
import {
  type ActorBehavior,
  type ActorDefinition,
  initialBehavior,
  instantiate,
  type ReceiveFn,
} from './actor.js';
import type { ActorContext } from './actor-context.js';
import { ActorRef, type AnyActorRef } from './actor-ref.js';
import type { ActorSystem } from './actor-system.js';
import type { ActorTarget, AnyTarget } from './actor-target.js';
import { CellExtras } from './cell-extras.js';
import { ActorError, MailboxOverflowError } from './errors.js';
import type { ForeignChildren, ForeignSpawn } from './foreign-children.js';
import { MailboxQueue } from './mailbox-queue.js';
import type { MailboxOptions, SpawnOptions } from './spawn-options.js';
import { handleChildFailure, type SupervisedChild } from './supervision.js';
import type { RestartStats, SupervisorStrategy } from './supervisor-strategy.js';
import { SysKind, type SystemMessage } from './system-message.js';
import { Terminated } from './terminated.js';
import { ActorTimerScheduler, type TimerScheduler } from './timer-scheduler.js';

const enum Status {
  Running = 0,
  Stopping = 1,
  Stopped = 2,
}

/** Reasons a running actor may not take user messages; `blocked === 0` means it may. */
const enum Block {
  /** Failed; waiting for its supervisor's directive. */
  Suspended = 1,
  /** An async `receive` has not settled yet. */
  Busy = 2,
}

/** System messages are rare except at a parent whose many children stop together. */
const SYS_SEGMENT = 16;

type BoundedMailbox = Extract<MailboxOptions, { kind: 'bounded' }>;

const noop: ReceiveFn<unknown> = () => {};

/**
 * The runtime side of one actor: its mailbox, behaviour, supervision state and
 * lifecycle. It is also the `ActorContext` passed to `receive`.
 *
 * Thread contract: a cell belongs to one worker's event loop; nothing here is shared.
 * The mailbox stores each message next to its sender, so a `tell` on the same worker
 * allocates nothing (but for the rare doubling of a mailbox that grows).
 */
export class ActorCell<M> implements ActorContext<M>, ActorTarget<M> {
  readonly system: ActorSystem;
  readonly ref: ActorRef<M>;
  /** The name given at spawn, or null for `$<slot>`. */
  private readonly givenName: string | null;
  readonly parentCell: AnyCell | null;
  readonly definition: ActorDefinition<M>;
  readonly throughput: number;
  /** Strategy for this cell's children; null means the system default. */
  readonly strategy: SupervisorStrategy | null;
  /** Siblings under the same parent (an intrusive list: no per-child set entry). */
  prevSibling: AnyCell | null = null;
  nextSibling: AnyCell | null = null;

  actor: ActorBehavior<M>;
  behavior: ReceiveFn<M>;
  sender: AnyActorRef | null = null;
  /** Set while the dispatcher holds the cell (queued or running a turn). */
  scheduled = false;
  blocked = 0;
  status: Status = Status.Running;
  /** The message being handled, for `stash` and for `preRestart`. */
  current: unknown = undefined;

  private queue: MailboxQueue | null = null;
  /** Bounded mailbox settings, or null for unbounded. */
  private readonly bounds: BoundedMailbox | null;
  private sys: SegmentedHeapQueue<SystemMessage> | null = null;
  private sysCount = 0;
  private extras: CellExtras<M> | null = null;

  constructor(
    system: ActorSystem,
    parent: AnyCell | null,
    definition: ActorDefinition<M>,
    options: SpawnOptions,
    id: number,
    name: string | null,
  ) {
    this.system = system;
    this.parentCell = parent;
    this.definition = definition;
    this.givenName = name;
    this.ref = new ActorRef<M>(this, id);
    this.throughput = options.throughput ?? system.throughput;
    this.strategy = options.supervisor ?? null;
    const mailbox = options.mailbox;
    this.bounds = mailbox !== undefined && mailbox.kind === 'bounded' ? mailbox : null;
    this.actor = instantiate(definition);
    this.behavior = initialBehavior(definition, this.actor);
  }

  /** The name among its siblings. Built on demand: a million actors need no million strings. */
  get name(): string {
    return this.givenName ?? `$${this.ref.slot}`;
  }

  get path(): string {
    return this.parentCell === null ? `/${this.name}` : `${this.parentCell.path}/${this.name}`;
  }

  // ---- ActorContext -------------------------------------------------------------

  get self(): ActorRef<M> {
    return this.ref;
  }

  get parent(): AnyActorRef | null {
    return this.parentCell === null ? null : this.parentCell.ref;
  }

  get children(): readonly AnyActorRef[] {
    if (this.extras === null) return [];
    const refs = this.childCells().map((c) => c.ref);
    const remote = this.extras.remote;
    return remote === null ? refs : refs.concat(remote.refs());
  }

  get timers(): TimerScheduler<M> {
    const extras = this.more();
    if (extras.timers === null) extras.timers = new ActorTimerScheduler(this.ref);
    return extras.timers;
  }

  reply(message: unknown): void {
    const sender = this.sender;
    if (sender === null) this.system.deadLetter(message, this.ref, this.ref, 'no-sender');
    else sender.tell(message, this.ref);
  }

  spawn<C>(definition: ActorDefinition<C>, options: SpawnOptions = {}): ActorRef<C> {
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
    const target = ref.cell;
    if (target === this) return;
    this.more().watching.set(target, message.length === 0 ? undefined : message[0]);
    target.sendSystem(SysKind.Watch, this);
  }

  unwatch(ref: AnyActorRef): void {
    const target = ref.cell;
    if (this.extras === null || !this.extras.watching.delete(target)) return;
    target.sendSystem(SysKind.Unwatch, this);
  }

  become(receive: ReceiveFn<M>, options: { readonly discardOld?: boolean } = {}): void {
    if (options.discardOld === false) this.more().behaviors.push(this.behavior);
    this.behavior = receive;
  }

  unbecome(): void {
    const previous = this.extras?.behaviors.pop();
    this.behavior = previous ?? initialBehavior(this.definition, this.actor);
  }

  stash(): void {
    if (this.current === undefined) {
      throw new ActorError(
        'ActorContext.stash',
        'NO_MESSAGE',
        'stash() is only valid while handling a message',
      );
    }
    this.more().stash.push(this.current, this.sender);
  }

  unstashAll(): void {
    const stash = this.extras?.stash;
    if (stash === undefined || stash.length === 0) return;
    const rest = this.queue;
    const queue = (this.queue = this.createQueue());
    const pending = stash.splice(0, stash.length);
    for (let i = 0; i < pending.length; i += 2) this.requeue(queue, pending[i], pending[i + 1]);
    if (rest !== null) {
      for (let m = rest.shift(); m !== undefined; m = rest.shift())
        this.requeue(queue, m, rest.sender);
    }
  }

  setReceiveTimeout(timeoutMs: number, message: M): void {
    if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
      throw new ActorError(
        'ActorContext.setReceiveTimeout',
        'INVALID_DELAY',
        `timeout (${timeoutMs}) must be a positive finite number`,
      );
    }
    const extras = this.more();
    this.cancelReceiveTimeout();
    extras.receiveTimeoutMs = timeoutMs;
    extras.receiveTimeoutMessage = message;
    extras.lastActive = performance.now();
    this.armReceiveTimeout(timeoutMs);
  }

  cancelReceiveTimeout(): void {
    const extras = this.extras;
    if (extras === null || extras.receiveTimeoutHandle === null) return;
    clearTimeout(extras.receiveTimeoutHandle);
    extras.receiveTimeoutHandle = null;
    extras.receiveTimeoutMs = 0;
  }

  // ---- Mailbox --------------------------------------------------------------------

  /** The `tell` path. Allocation-free unless the mailbox needs a new segment. */
  enqueue(message: M, sender: AnyActorRef | null): boolean {
    if (this.status !== Status.Running) {
      return this.system.deadLetter(message, sender, this.ref, 'stopped');
    }
    if (message === undefined) {
      throw new ActorError(
        'ActorRef.tell',
        'UNDEFINED_MESSAGE',
        `a message to ${this.path} cannot be undefined`,
      );
    }
    let queue = this.queue;
    if (queue === null) queue = this.queue = this.createQueue();
    if (!queue.push(message, sender)) return this.onOverflow(queue, message, sender);
    const system = this.system;
    if (--system.sampleCountdown === 0) system.startSample(this, queue.size);
    if (!this.scheduled && this.blocked === 0) {
      this.scheduled = true;
      system.dispatcher.schedule(this);
    }
    return true;
  }

  /** Number of user messages waiting. */
  get mailboxSize(): number {
    return this.queue === null ? 0 : this.queue.size;
  }

  /** Queues a system message; it is handled before the next user message, even when suspended. */
  sendSystem(kind: SysKind, cell: AnyTarget | null, error?: unknown, message?: unknown): void {
    if (this.status === Status.Stopped) {
      // A watch on an actor that is already gone is answered at once.
      if (kind === SysKind.Watch && cell !== null) cell.sendSystem(SysKind.WatchedTerminated, this);
      // A remote child that starts under a parent already gone must not live on.
      else if (kind === SysKind.ChildStarted && cell !== null) cell.requestStop();
      return;
    }
    const sys = this.sys ?? (this.sys = new SegmentedHeapQueue<SystemMessage>(SYS_SEGMENT));
    sys.push({ kind, cell, error, message });
    this.sysCount++;
    if (!this.scheduled) {
      this.scheduled = true;
      this.system.dispatcher.schedule(this);
    }
  }

  // ---- Dispatch -----------------------------------------------------------------

  /**
   * One dispatcher turn: system messages first, then up to `throughput` user
   * messages. Never throws: a failure in `receive` goes to the supervisor.
   */
  runTurn(): void {
    if (this.sysCount !== 0) this.processSystem();
    const queue = this.queue;
    if (queue !== null && this.blocked === 0 && this.status === Status.Running) {
      const system = this.system;
      const waiting = queue.size;
      if (waiting > system.mailboxHighWater) system.mailboxHighWater = waiting;
      if (this.extras !== null) this.extras.lastActive = system.dispatcher.turnStart;
      const limit = this.throughput;
      let handled = 0;
      while (handled < limit) {
        const message = queue.shift();
        if (message === undefined) break;
        const sender = queue.sender;
        handled++;
        if (system.sampleCell === this && --system.sampleRemaining === 0) system.finishSample();
        this.sender = sender;
        this.current = message;
        let result: unknown;
        try {
          result = this.behavior.call(this.actor, message as M, this);
        } catch (error) {
          this.fail(error, message);
          break;
        }
        if (result != null && this.awaitResult(result, message)) break;
        if (this.sysCount !== 0) {
          this.processSystem();
          if (this.blocked !== 0 || this.status !== Status.Running) break;
        }
      }
      this.current = undefined;
      system.processed += handled;
    }
    if (
      this.sysCount !== 0 ||
      (queue !== null &&
        this.queue !== null &&
        this.blocked === 0 &&
        this.status === Status.Running &&
        this.queue.size !== 0)
    ) {
      this.system.dispatcher.schedule(this);
    } else {
      this.scheduled = false;
    }
  }

  /** Holds the mailbox while an async `receive` runs. Returns true when the result was a promise. */
  private awaitResult(result: unknown, message: unknown): boolean {
    if (typeof (result as PromiseLike<void>).then !== 'function') return false;
    this.blocked |= Block.Busy;
    const sender = this.sender;
    (result as PromiseLike<void>).then(
      () => this.settle(),
      (error: unknown) => {
        this.settle();
        this.sender = sender;
        this.fail(error, message);
      },
    );
    return true;
  }

  private settle(): void {
    this.blocked &= ~Block.Busy;
    this.reschedule();
  }

  /** Puts the cell back on the run queue when it has work and may run. */
  reschedule(): void {
    if (this.scheduled) return;
    const hasUserWork = this.queue !== null && this.queue.size !== 0 && this.blocked === 0;
    if (this.sysCount !== 0 || (hasUserWork && this.status === Status.Running)) {
      this.scheduled = true;
      this.system.dispatcher.schedule(this);
    }
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

  private processSystem(): void {
    const sys = this.sys!;
    for (let m = sys.shift(); m !== undefined; m = sys.shift()) {
      this.sysCount--;
      switch (m.kind) {
        case SysKind.Stop:
          this.beginStop();
          break;
        case SysKind.Watch:
          if (m.cell !== null) this.more().watchers.add(m.cell);
          break;
        case SysKind.Unwatch:
          if (m.cell !== null) this.extras?.watchers.delete(m.cell);
          break;
        case SysKind.WatchedTerminated:
          this.onWatchedTerminated(m.cell!);
          break;
        case SysKind.ChildTerminated:
          if (m.cell instanceof ActorCell) this.onChildTerminated(m.cell);
          else if (this.extras?.remote?.terminated(m.cell!.ref.id) === true) this.childEnded();
          break;
        case SysKind.ChildFailed: {
          const child =
            m.cell instanceof ActorCell ? m.cell : this.extras?.remote?.failed(m.cell!.ref.id);
          if (child !== undefined) handleChildFailure(this, child, m.error);
          break;
        }
        case SysKind.Suspend:
          this.suspend();
          break;
        case SysKind.ChildStarted:
          this.remoteChildren().started(
            this,
            m.cell!,
            m.message as ForeignSpawn | null,
            this.status === Status.Running,
          );
          break;
        case SysKind.ChildSpawnFailed:
          if (this.remoteChildren().spawnFailed(m.message as ForeignSpawn)) this.childEnded();
          break;
        case SysKind.Resume:
          this.resume();
          break;
        case SysKind.Restart:
          this.restart(m.error);
          break;
      }
    }
  }

  private onWatchedTerminated(reported: AnyTarget): void {
    const watching = this.extras?.watching;
    if (watching === undefined || this.status !== Status.Running) return;
    let target: AnyTarget | undefined = reported;
    if (!watching.has(target)) {
      // A remote actor may report through another stand-in of the same id (ClusterNode.pin).
      target = undefined;
      for (const key of watching.keys()) {
        if (key.ref.id === reported.ref.id) {
          target = key;
          break;
        }
      }
      if (target === undefined) return;
    }
    const message = watching.get(target);
    watching.delete(target);
    this.enqueue((message === undefined ? new Terminated(target.ref) : message) as M, null);
  }

  private onChildTerminated(child: AnyCell): void {
    this.forget(child);
    this.childEnded();
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
    const extras = this.more();
    const first = extras.firstChild;
    child.nextSibling = first;
    if (first !== null) first.prevSibling = child;
    extras.firstChild = child;
    if (name !== null) extras.names.set(name, child);
    extras.liveChildren++;
  }

  /** Restart bookkeeping for this cell's supervisor. */
  restartStats(): RestartStats {
    return this.more();
  }

  /** Takes a child out of the live list (its stop has begun); its name is free again. Idempotent. */
  forget(child: AnyCell): void {
    const extras = this.extras;
    if (extras === null) return;
    const linked = extras.firstChild === child || child.prevSibling !== null;
    if (!linked) return;
    const prev = child.prevSibling;
    const next = child.nextSibling;
    if (prev === null) extras.firstChild = next;
    else prev.nextSibling = next;
    if (next !== null) next.prevSibling = prev;
    child.prevSibling = null;
    child.nextSibling = null;
    if (child.givenName !== null && extras.names.get(child.givenName) === child) {
      extras.names.delete(child.givenName);
    }
  }

  hasChild(name: string): boolean {
    const extras = this.extras;
    if (extras === null) return false;
    return extras.names.has(name) || extras.remote?.hasName(name) === true;
  }

  /** Live children on this thread. */
  childCells(): AnyCell[] {
    const cells: AnyCell[] = [];
    for (let c = this.extras?.firstChild ?? null; c !== null; c = c.nextSibling) cells.push(c);
    return cells;
  }

  /** Live children here and on other workers, for supervision. */
  supervisedChildren(): SupervisedChild[] {
    const cells: SupervisedChild[] = this.childCells();
    const remote = this.extras?.remote;
    return remote === null || remote === undefined ? cells : cells.concat(remote.running());
  }

  private resume(): void {
    this.blocked &= ~Block.Suspended;
    if (this.extras !== null) this.extras.failedWith = undefined;
    // Children suspended by an escalation resume with their parent.
    for (const child of this.childCells()) {
      if ((child.blocked & Block.Suspended) !== 0) child.sendSystem(SysKind.Resume, null);
    }
    this.extras?.remote?.resumeSuspended();
  }

  /** Suspends without a failure of its own (an all-for-one sibling waiting for its restart). */
  suspend(): void {
    this.blocked |= Block.Suspended;
  }

  private restart(error: unknown): void {
    if (this.status !== Status.Running) return;
    const old = this.actor;
    try {
      if (old.preRestart !== undefined)
        old.preRestart(this, error, this.extras?.failedWith as M | undefined);
      else for (const child of this.supervisedChildren()) this.stop(child.ref);
    } catch (hookError) {
      this.system.publishHookFailure(this.ref, 'preRestart', hookError);
    }
    this.clearTimers();
    const extras = this.extras;
    if (extras !== null) extras.behaviors.length = 0;
    this.unstashAll();
    this.actor = instantiate(this.definition);
    this.behavior = initialBehavior(this.definition, this.actor);
    this.blocked &= ~Block.Suspended;
    if (this.extras !== null) this.extras.failedWith = undefined;
    this.system.restarts++;
    this.system.publishRestart(this.ref, error);
    try {
      const fresh = this.actor;
      if (fresh.postRestart !== undefined) fresh.postRestart(this, error);
      else fresh.preStart?.(this);
    } catch (startError) {
      this.fail(startError, undefined);
    }
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
    this.clearTimers();
    this.finishStop();
  }

  private beginStop(): void {
    if (this.status !== Status.Running) return;
    this.status = Status.Stopping;
    this.clearTimers();
    const extras = this.extras;
    const parent = this.parentCell;
    // The name is free again as soon as the stop begins.
    parent?.forget(this);
    if (extras === null || extras.liveChildren === 0) {
      this.finishStop();
      return;
    }
    for (const child of this.childCells()) child.sendSystem(SysKind.Stop, null);
    extras.remote?.stopAll();
  }

  protected finishStop(): void {
    this.status = Status.Stopped;
    const system = this.system;
    try {
      this.actor.postStop?.(this);
    } catch (error) {
      system.publishHookFailure(this.ref, 'postStop', error);
    }
    const queue = this.queue;
    this.queue = null;
    if (queue !== null) {
      for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
        system.deadLetter(m, queue.sender, this.ref, 'stopped');
      }
    }
    const extras = this.extras;
    if (extras !== null) {
      const stash = extras.stash;
      for (let i = 0; i < stash.length; i += 2) {
        system.deadLetter(stash[i], stash[i + 1] as AnyActorRef | null, this.ref, 'stopped');
      }
      for (const watcher of extras.watchers) watcher.sendSystem(SysKind.WatchedTerminated, this);
      for (const watched of extras.watching.keys()) watched.sendSystem(SysKind.Unwatch, this);
    }
    // Watches that arrived while stopping are answered too.
    const sys = this.sys;
    if (sys !== null) {
      for (let m = sys.shift(); m !== undefined; m = sys.shift()) {
        if (m.kind === SysKind.Watch && m.cell !== null) {
          m.cell.sendSystem(SysKind.WatchedTerminated, this);
        }
      }
      this.sysCount = 0;
    }
    this.extras = null;
    this.behavior = noop as ReceiveFn<M>;
    this.sender = null;
    system.release(this);
    if (this.parentCell !== null) this.parentCell.sendSystem(SysKind.ChildTerminated, this);
  }

  get isStopped(): boolean {
    return this.status === Status.Stopped;
  }

  get isRunning(): boolean {
    return this.status === Status.Running;
  }

  // ---- Internals ------------------------------------------------------------------

  private more(): CellExtras<M> {
    return this.extras ?? (this.extras = new CellExtras<M>());
  }

  private createQueue(): MailboxQueue {
    return new MailboxQueue(this.bounds === null ? 0 : this.bounds.capacity);
  }

  /** Queue a pair during unstash; a bounded mailbox that overflows sends the rest to dead letters. */
  private requeue(queue: MailboxQueue, message: unknown, sender: unknown): void {
    if (this.bounds !== null && queue.size >= this.bounds.capacity) {
      this.system.deadLetter(message, sender as AnyActorRef | null, this.ref, 'mailbox-full');
      return;
    }
    queue.push(message, sender as AnyActorRef | null);
  }

  private onOverflow(queue: MailboxQueue, message: M, sender: AnyActorRef | null): boolean {
    switch (this.bounds?.overflow ?? 'drop-newest') {
      case 'drop-newest':
        return this.system.deadLetter(message, sender, this.ref, 'mailbox-full');
      case 'drop-oldest': {
        const oldest = queue.shift();
        this.system.deadLetter(oldest, queue.sender, this.ref, 'mailbox-full');
        queue.push(message, sender);
        return true;
      }
      default:
        throw new MailboxOverflowError(this.path, this.bounds?.capacity ?? 0);
    }
  }

  private clearTimers(): void {
    const extras = this.extras;
    if (extras === null) return;
    extras.timers?.cancelAll();
    this.cancelReceiveTimeout();
  }

  private armReceiveTimeout(delayMs: number): void {
    const extras = this.extras!;
    extras.receiveTimeoutHandle = setTimeout(() => {
      extras.receiveTimeoutHandle = null;
      if (this.status !== Status.Running || extras.receiveTimeoutMs === 0) return;
      const idle = performance.now() - extras.lastActive;
      if (idle >= extras.receiveTimeoutMs) {
        extras.lastActive = performance.now();
        this.enqueue(extras.receiveTimeoutMessage as M, null);
        this.armReceiveTimeout(extras.receiveTimeoutMs);
      } else {
        this.armReceiveTimeout(extras.receiveTimeoutMs - idle);
      }
    }, delayMs);
  }
}

/** A cell of any message type. */
// biome-ignore lint/suspicious/noExplicitAny: cells of different message types link to each other (parent, children, watchers).
export type AnyCell = ActorCell<any>;
