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
import type { CellSettings } from './cell-settings.js';
import { ActorError, MailboxOverflowError, undefinedMessage } from './errors.js';
import { overflow, requeue } from './mailbox-edits.js';
import { MailboxQueue } from './mailbox-queue.js';
import { SysKind } from './system-message.js';
import { LONE_STOP, SystemQueue } from './system-queue.js';

/**
 * Where a cell is in its life. Declared here, next to the `tell` path and the dispatcher turn
 * that test it, so a build that compiles one file at a time still inlines the values there.
 */
export const enum Status {
  Running = 0,
  Stopping = 1,
  Stopped = 2,
  /** A cell dormant actors share (cell-factory.ts): a tell to it makes the actor's own cell. */
  Dormant = 3,
}

/** Reasons a running actor may not take user messages; `blocked === 0` means it may. */
export const enum Block {
  /** Failed; waiting for its supervisor's directive. */
  Suspended = 1,
  /** An async `receive` has not settled yet. */
  Busy = 2,
}

/**
 * The dispatching half of a cell: its mailbox (user messages next to their senders), its queue
 * of system messages, and the dispatcher turn that drains both. `ActorCell` is the only subclass;
 * it adds what the actor sees (the `ActorContext`), supervision and the lifecycle.
 *
 * Thread contract: a cell belongs to one worker's event loop; nothing here is shared.
 * The mailbox stores each message next to its sender, so a `tell` on the same worker
 * allocates nothing (but for the rare doubling of a mailbox that grows).
 */
export abstract class MailboxCell<M> implements ActorTarget<M> {
  readonly system: ActorSystem;
  readonly ref: ActorRef<M>;
  /**
   * @internal The actor's id (its ref's), here too so a lookup by id checks the table's entry
   * itself: a dormant actor's entry is its ref, which has an `id` as well (actor-table.ts).
   */
  readonly id: number;
  /** Throughput, mailbox bounds, strategy and name, shared with every cell spawned alike. */
  readonly settings: CellSettings;

  actor: ActorBehavior<M>;
  behavior: ReceiveFn<M>;
  sender: AnyActorRef | null = null;
  /** Set while the dispatcher holds the cell (queued or running a turn). */
  scheduled = false;
  blocked = 0;
  status: Status = Status.Running;

  /**
   * @internal The first message waiting while there is no `queue` (undefined: none), when it
   * has no sender: a cell that never has two messages waiting at once (one told once, a
   * resident actor told one at a time) never makes a MailboxQueue. A second message, or one
   * with a sender, makes the queue with this one first. (One field, not two: each costs every
   * cell, idle or not.)
   */
  firstMessage: unknown = undefined;
  /** @internal Null until two messages wait at once, and again once stopped. */
  queue: MailboxQueue | null = null;
  /**
   * @internal The system messages waiting (null: none yet; LONE_STOP: only a stop, with no
   * queue of its own, see `sendSystem`). Something waits when it is not null and not empty.
   */
  sys: SystemQueue | null = null;
  /** @internal The parts most actors never use (see cell-extras.ts); made on first use. */
  extras: CellExtras<M> | null = null;

  /** `ref`: the dormant actor's ref this cell is made for (it then points here), or null for a new one. */
  constructor(system: ActorSystem, settings: CellSettings, id: number, ref: ActorRef<M> | null) {
    this.system = system;
    this.id = id;
    if (ref === null) this.ref = new ActorRef<M>(this, id);
    else {
      this.ref = ref;
      ref.target = this;
    }
    this.settings = settings;
    const definition = settings.definition as ActorDefinition<M>;
    this.actor = instantiate(definition);
    this.behavior = initialBehavior(definition, this.actor);
  }

  abstract get path(): string;
  abstract requestStop(): void;
  /** Suspends the cell and asks its supervisor for a directive. */
  abstract fail(error: unknown, message: unknown): void;
  /** Handles the queued system messages. */
  protected abstract processSystem(): void;

  /**
   * The message being handled, for `stash` and for escalation; undefined between messages. Kept
   * by the system (one turn runs at a time on a thread), not in each cell.
   */
  get current(): unknown {
    const system = this.system;
    return system.runningCell === this ? system.runningMessage : undefined;
  }

  // ---- Mailbox --------------------------------------------------------------------

  /** The `tell` path. Allocation-free unless the mailbox needs a new segment. */
  enqueue(message: M, sender: AnyActorRef | null, ref?: ActorRef<M>): boolean {
    if (this.status !== Status.Running) return this.notRunning(message, sender, ref ?? this.ref);
    if (message === undefined) {
      throw undefinedMessage(this.path);
    }
    let queue = this.queue;
    if (queue !== null) {
      if (!queue.push(message, sender)) return overflow(this, queue, message, sender);
    } else if (this.firstMessage === undefined && sender === null) {
      this.firstMessage = message;
    } else {
      // A bounded mailbox holds at least one message: the first always fits.
      queue = this.queue = this.createQueue();
      if (this.firstMessage !== undefined) {
        queue.push(this.firstMessage, null);
        this.firstMessage = undefined;
      }
      if (!queue.push(message, sender)) return overflow(this, queue, message, sender);
    }
    const system = this.system;
    if (--system.sampleCountdown === 0) system.sampling.start(system, this, this.mailboxSize);
    if (!this.scheduled && this.blocked === 0) {
      this.scheduled = true;
      system.dispatcher.schedule(this);
    }
    return true;
  }

  /**
   * A tell to a cell that does not run: a dead letter, or, for the cell dormant actors share, the
   * message goes to the cell made now for the actor behind `ref`.
   */
  private notRunning(message: M, sender: AnyActorRef | null, ref: ActorRef<M>): boolean {
    if (this.status === Status.Dormant) {
      return this.system.cells.wakeDormant(ref).enqueue(message, sender);
    }
    return this.system.deadLetter(message, sender, ref, this.system.stoppedReason());
  }

  /**
   * A message the runtime sends the actor itself (a `Terminated` or watch message, a receive
   * timeout, a timer's message): a tell that never throws into the runtime. A full bounded
   * mailbox whose policy is `fail` makes it a dead letter (`mailbox-full`) instead: the throw is
   * for a user's `tell`, and here it would escape a dispatcher turn or a timer callback.
   */
  offer(message: M): boolean {
    try {
      return this.enqueue(message, null);
    } catch (error) {
      if (!(error instanceof MailboxOverflowError)) throw error;
      return this.system.deadLetter(message, null, this.ref, 'mailbox-full');
    }
  }

  /** Number of user messages waiting. */
  get mailboxSize(): number {
    const queue = this.queue;
    if (queue !== null) return queue.size;
    return this.firstMessage === undefined ? 0 : 1;
  }

  /** @internal Queues a system message; it is handled before the next user message, even when suspended. */
  sendSystem(kind: SysKind, cell: AnyTarget | null, error?: unknown, message?: unknown): void {
    if (this.status === Status.Stopped) {
      // A watch on an actor that is already gone is answered at once.
      if (kind === SysKind.Watch && cell !== null) cell.sendSystem(SysKind.WatchedTerminated, this);
      // A remote child that starts under a parent already gone must not live on.
      else if (kind === SysKind.ChildStarted && cell !== null) cell.requestStop();
      return;
    }
    let sys = this.sys;
    if (sys === null && kind === SysKind.Stop && cell === null) {
      // A plain stop with nothing else waiting makes no queue (the shared LONE_STOP): most
      // cells get no other system message, and many stop themselves (Skynet, Fork-join creation).
      this.sys = LONE_STOP;
    } else {
      if (sys === null || sys === LONE_STOP) {
        const made = new SystemQueue();
        // A lone stop waiting keeps its place, first.
        if (sys === LONE_STOP) made.push(SysKind.Stop, null);
        sys = this.sys = made;
      }
      sys.push(kind, cell, error, message);
    }
    if (!this.scheduled) {
      this.scheduled = true;
      this.system.dispatcher.schedule(this);
    }
  }

  stash(): void {
    const current = this.current;
    if (current === undefined) {
      throw new ActorError(
        'ActorContext.stash',
        'NO_MESSAGE',
        'stash() is only valid while handling a message',
      );
    }
    this.more().stash.push(current, this.sender);
  }

  unstashAll(): void {
    const stash = this.extras?.stash;
    if (stash === undefined || stash.length === 0) return;
    const rest = this.queue;
    const first = this.firstMessage;
    this.firstMessage = undefined;
    const queue = (this.queue = this.createQueue());
    const pending = stash.splice(0, stash.length);
    // Stashed messages were handled once and wait again; a waiting one that overflows is gone.
    let waiting = 0;
    for (let i = 0; i < pending.length; i += 2) {
      if (requeue(this, queue, pending[i], pending[i + 1])) waiting++;
    }
    if (first !== undefined && !requeue(this, queue, first, null)) waiting--;
    if (rest !== null) {
      for (let m = rest.shift(); m !== undefined; m = rest.shift()) {
        if (!requeue(this, queue, m, rest.sender)) waiting--;
      }
    }
    this.system.waitingAdjust += waiting;
  }

  // ---- Dispatch -----------------------------------------------------------------

  /**
   * One dispatcher turn: system messages first, then up to `throughput` user
   * messages. Never throws: a failure in `receive` goes to the supervisor.
   *
   * `this` is declared as the context too: the only subclass, `ActorCell`, is the context
   * its actor's `receive` gets.
   */
  runTurn(this: MailboxCell<M> & ActorContext<M>): number {
    if (this.hasSystemMessage()) this.processSystem();
    let queue = this.queue;
    let handled = 0;
    if (
      (queue !== null || this.firstMessage !== undefined) &&
      this.blocked === 0 &&
      this.status === Status.Running
    ) {
      const system = this.system;
      const waiting = queue === null ? 1 : queue.size;
      if (waiting > system.mailboxHighWater) system.mailboxHighWater = waiting;
      if (this.extras !== null) this.extras.lastActive = system.dispatcher.turnStart;
      const limit = this.settings.throughput;
      // The sampled message is the `sampleAt`-th handled here (-1: not this cell's). A sample
      // never starts on the running cell (tell-sampling.ts), so this holds for the whole turn.
      const sampleAt = system.sampleCell === this ? system.sampleRemaining : -1;
      // A dispatcher may run a turn inside another's (one that runs a cell as it is scheduled):
      // the outer turn's cell and message are back in place when this one ends.
      const outerCell = system.runningCell;
      const outerMessage = system.runningMessage;
      system.runningCell = this;
      while (handled < limit) {
        let message: unknown;
        let sender: AnyActorRef | null;
        if (queue !== null) {
          if (queue.empty) break;
          message = queue.take();
          sender = queue.sender;
        } else {
          // No queue yet: the first message, or (after a second arrived) the new queue.
          message = this.firstMessage;
          if (message === undefined) {
            queue = this.queue;
            if (queue === null) break;
            continue;
          }
          sender = null;
          this.firstMessage = undefined;
        }
        if (++handled === sampleAt && system.sampleCell === this) system.sampling.finish(system);
        this.sender = sender;
        system.runningMessage = message;
        let result: unknown;
        try {
          result = this.behavior.call(this.actor, message as M, this);
          // Inside the try: a result whose `then` throws is the receive's failure too.
          if (result != null && this.awaitResult(result, message)) break;
        } catch (error) {
          this.blocked &= ~Block.Busy;
          this.fail(error, message);
          break;
        }
        if (this.hasSystemMessage()) {
          this.processSystem();
          if (this.blocked !== 0 || this.status !== Status.Running) break;
        }
      }
      system.runningMessage = outerMessage;
      system.runningCell = outerCell;
      system.processed += handled;
      if (handled < sampleAt && system.sampleCell === this) system.sampleRemaining -= handled;
    }
    if (
      this.hasSystemMessage() ||
      (this.blocked === 0 && this.status === Status.Running && this.hasUserMessage())
    ) {
      this.system.dispatcher.schedule(this);
    } else {
      this.scheduled = false;
    }
    return handled;
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
    const hasUserWork = this.blocked === 0 && this.hasUserMessage();
    if (this.hasSystemMessage() || (hasUserWork && this.status === Status.Running)) {
      this.scheduled = true;
      this.system.dispatcher.schedule(this);
    }
  }

  /** Whether a system message waits (LONE_STOP holds one). */
  hasSystemMessage(): boolean {
    const sys = this.sys;
    return sys !== null && sys.size !== 0;
  }

  /** Whether a user message waits (the first one, or one in the queue). */
  private hasUserMessage(): boolean {
    const queue = this.queue;
    return queue === null ? this.firstMessage !== undefined : !queue.empty;
  }

  get isStopped(): boolean {
    return this.status === Status.Stopped;
  }

  get isRunning(): boolean {
    return this.status === Status.Running;
  }

  // ---- Internals ------------------------------------------------------------------

  /** @internal The extras, made on first use. */
  more(): CellExtras<M> {
    return this.extras ?? (this.extras = new CellExtras<M>());
  }

  private createQueue(): MailboxQueue {
    const bounds = this.settings.bounds;
    return new MailboxQueue(bounds === null ? 0 : bounds.capacity);
  }
}
