import {
  type ActorClassWithArgs,
  type ActorDefinition,
  type MessageOf,
  spawnDefinition,
} from './actor.js';
import type { ActorCell, AnyCell } from './actor-cell.js';
import type { ActorRef, AnyActorRef, AskOptions } from './actor-ref.js';
import { ActorTable, isDormantRef } from './actor-table.js';
import { AskCell } from './ask-cell.js';
import { Asks } from './asks.js';
import { CellFactory } from './cell-factory.js';
import { SpawnSettings } from './cell-settings.js';
import { type Dispatcher, RunQueueDispatcher, type Schedulable } from './dispatcher.js';
import { ActorError } from './errors.js';
import { type DeadLetterReason, EventStream } from './event-stream.js';
import { FailureLog } from './failure-log.js';
import type { ForeignChildren } from './foreign-children.js';
import { Guardians } from './guardians.js';
import { SystemMetrics } from './metrics.js';
import type { PendingAsk } from './pending-ask.js';
import { refIdSlot, refIdWorker } from './ref-id.js';
import {
  type AnySpawnOptions,
  type ClassSpawnOptions,
  checkSpawn,
  type SpawnOptions,
} from './spawn-options.js';
import {
  type Directive,
  OneForOneStrategy,
  type SupervisorStrategy,
} from './supervisor-strategy.js';
import { type ActorSystemOptions, systemLimits } from './system-options.js';
import { TellSampling } from './tell-sampling.js';

export type { ActorSystemOptions } from './system-options.js';

/** Turns an actor id from another worker into a ref (set by the cluster node of this thread). */
export type RemoteRefResolver = (id: number) => AnyActorRef;

const EMPTY_OPTIONS: SpawnOptions = Object.freeze({});

/**
 * The actors of one worker: the actor table (slot -> cell, or a dormant actor's ref, with
 * generations so a stale ref is detected; actor-table.ts), the cell factory (cell-factory.ts),
 * the guardians at the top of the supervision tree
 * (guardians.ts), the dispatcher, asks, dead letters, the event stream and the metrics.
 *
 * Thread contract: one system per event loop; nothing in it may be touched from another thread.
 */
export class ActorSystem {
  readonly name: string;
  readonly worker: number;
  readonly throughput: number;
  readonly dispatcher: Dispatcher;
  readonly defaultStrategy: SupervisorStrategy;
  readonly events = new EventStream();
  readonly metrics: SystemMetrics;

  // Counters written by the cells on the hot path; read them through `metrics`.
  /** @internal */ processed = 0;
  /** @internal */ deadLetters = 0;
  /** @internal */ failures = 0;
  /** @internal */ restarts = 0;
  /** @internal */ actorsStarted = 0;
  /** @internal */ actorsStopped = 0;
  /** @internal */ mailboxHighWater = 0;
  /** @internal The cell whose user messages are being handled, and the one in hand (`ctx.stash`). */
  runningCell: object | null = null;
  /** @internal */ runningMessage: unknown = undefined;
  // Latency sampling (tell-sampling.ts): the fields the tell path and the turn read.
  /** @internal */ sampleCountdown: number;
  /** @internal The cell whose sampled message is on its way. */
  sampleCell: Schedulable | null = null;
  /** @internal */ sampleRemaining = 0;
  /** @internal A sample's start and end; the count of messages queued. */
  readonly sampling: TellSampling;
  /** @internal Messages that left a mailbox without a turn (+ back in it again, - gone). */
  waitingAdjust = 0;

  /** @internal Set by a cluster node: refs for ids of other workers. */
  remoteResolver: RemoteRefResolver | null = null;
  /** @internal Set by a cluster node: makes a parent's record of its children on other nodes. */
  foreignChildren: (() => ForeignChildren) | null = null;
  /** @internal Makes each cell's `CellSettings`. */
  readonly spawnSettings: SpawnSettings;
  private readonly table: ActorTable;
  /** @internal Makes the cells, dormant actors' on first use. */
  readonly cells: CellFactory;
  private readonly asks = new Asks({
    spawnAskCell: (pending) => this.spawnAskCell(pending),
    localCell: (ref) => this.localCell(ref),
    stop: (ref) => this.stop(ref),
  });
  private readonly guardians: Guardians;
  private readonly failureLog: FailureLog | null;

  constructor(options: ActorSystemOptions = {}) {
    const limits = systemLimits(options);
    this.name = options.name ?? 'zactor';
    this.worker = limits.worker;
    this.throughput = limits.throughput;
    this.spawnSettings = new SpawnSettings(this.throughput);
    this.table = new ActorTable(this.worker, limits.generationBase);
    this.cells = new CellFactory(this, this.table);
    this.sampling = new TellSampling(limits.sampleEvery);
    this.sampleCountdown = this.sampling.firstCountdown;
    this.dispatcher =
      options.dispatcher ??
      new RunQueueDispatcher({
        ...(options.timeBudgetMs === undefined ? {} : { timeBudgetMs: options.timeBudgetMs }),
        ...(options.sliceTurns === undefined ? {} : { sliceTurns: options.sliceTurns }),
      });
    this.defaultStrategy = options.defaultStrategy ?? new OneForOneStrategy();
    this.metrics = new SystemMetrics(this);
    const log = options.logFailures;
    this.failureLog =
      log === false ? null : new FailureLog(this.name, log === undefined ? undefined : log);
    this.guardians = new Guardians((definition, name) =>
      this.cells.make(definition, {}, null, name),
    );
  }

  /**
   * Spawns a top-level actor (a child of the user guardian). An actor class whose constructor
   * takes arguments gets `options.args`, at the spawn and at each restart.
   */
  spawn<C extends ActorClassWithArgs>(
    cls: C,
    options: ClassSpawnOptions<C>,
  ): ActorRef<MessageOf<C>>;
  spawn<M>(definition: ActorDefinition<M>, options?: SpawnOptions): ActorRef<M>;
  spawn<M>(
    definition: ActorDefinition<M> | ActorClassWithArgs<M>,
    options: AnySpawnOptions = EMPTY_OPTIONS,
  ): ActorRef<M> {
    return this.spawnCell(definition, options, this.guardians.user);
  }

  /** Stops an actor: its children first, then `postStop`; pending messages become dead letters. */
  stop(ref: AnyActorRef): void {
    ref.cell.requestStop();
  }

  /** The ref for an id, or undefined when that actor is gone (or lives on another worker). */
  lookup<M = unknown>(id: number): ActorRef<M> | undefined {
    const entry = this.entryOf(id);
    if (entry === undefined) return undefined;
    return (isDormantRef(entry) ? entry : entry.ref) as ActorRef<M>;
  }

  /**
   * @internal Tells the live actor `id` of this thread a message from another node, as its ref's
   * `tell` would; false when no actor here has that id. Throws what `tell` throws (a full
   * bounded mailbox with the `fail` policy). It reads the table's entry and checks its id, and
   * does not touch the ref: the inbound delivery of every message from another worker comes here.
   */
  tellLocal(id: number, message: unknown, sender: AnyActorRef | null): boolean {
    const entry = this.entryOf(id);
    if (entry === undefined) return false;
    if (isDormantRef(entry)) entry.tell(message, sender);
    else entry.enqueue(message, sender);
    return true;
  }

  /** The table's entry for the actor `id` of this thread (its cell, or its ref while dormant). */
  private entryOf(id: number): AnyCell | AnyActorRef | undefined {
    return refIdWorker(id) === this.worker ? this.table.withId(refIdSlot(id), id) : undefined;
  }

  /** The cell behind `ref` when it is a live actor of this thread. */
  private localCell(ref: AnyActorRef): AnyCell | undefined {
    if (refIdWorker(ref.id) !== this.worker) return undefined;
    const slot = refIdSlot(ref.id);
    if (this.table.dormantRef(slot) === ref) this.cells.wakeDormant(ref);
    const cell = this.table.get(slot);
    return cell !== undefined && cell.ref === ref ? cell : undefined;
  }

  /**
   * The ref for any id: a local actor, or (in a cluster) an actor on another worker. An id of
   * this worker whose actor is gone gives undefined; so does a foreign id outside a cluster.
   */
  resolve<M = unknown>(id: number): ActorRef<M> | undefined {
    if (refIdWorker(id) === this.worker) return this.lookup<M>(id);
    const remote = this.remoteResolver;
    return remote === null ? undefined : (remote(id) as ActorRef<M>);
  }

  /** See `ActorRef.ask`. */
  ask<M, R>(ref: ActorRef<M>, message: M, options: AskOptions = {}): Promise<R> {
    return this.asks.ask(ref, message, options);
  }

  /** @internal A reply settled `pending`: let its timeout bucket forget it. */
  askSettled(pending: PendingAsk<unknown>): void {
    this.asks.settled(pending);
  }

  /**
   * Fails every pending ask made on this thread whose target `match`es, with `error`, at once
   * (the outcome is known: the target's worker died, say); returns how many. Each ask's reply
   * ref stops, so a late reply is a dead letter.
   */
  failPendingAsks(match: (target: AnyActorRef) => boolean, error: Error): number {
    return this.asks.failWhere(match, error);
  }

  /** @internal Whether asks from this thread wait on `cell`. */
  isAsked(cell: AnyCell): boolean {
    return this.asks.asked.has(cell);
  }

  /** @internal A cell of this thread with asks waiting on it stopped: they fail now. */
  targetStopped(ref: AnyActorRef): void {
    this.asks.targetStopped(ref);
  }

  /**
   * Stops every actor (children before parents, `postStop` on each) and resolves
   * once all have stopped. Messages still queued go to dead letters; asks still waiting
   * fail at once with `SYSTEM_SHUTDOWN`.
   */
  shutdown(): Promise<void> {
    if (!this.guardians.closing) this.asks.shutdown();
    return this.guardians.shutdown();
  }

  /**
   * The dead-letter reason for a message to an actor that has stopped: `shutdown` once this
   * system shuts down (every actor stops; what was in flight is accounted for), else `stopped`.
   */
  stoppedReason(): 'stopped' | 'shutdown' {
    return this.guardians.closing ? 'shutdown' : 'stopped';
  }

  get isTerminated(): boolean {
    return this.guardians.isTerminated;
  }

  /** Resolves once the system has terminated (every actor stopped), whoever shut it down. */
  get whenTerminated(): Promise<void> {
    return this.guardians.terminated;
  }

  // ---- Used by cells ------------------------------------------------------------

  /** @internal */
  spawnCell<M>(
    definition: ActorDefinition<M> | ActorClassWithArgs<M>,
    options: AnySpawnOptions,
    parent: AnyCell,
  ): ActorRef<M> {
    if (this.guardians.closing || !parent.isRunning) {
      throw new ActorError(
        'ActorSystem.spawn',
        'NOT_RUNNING',
        `cannot spawn under ${parent.path}: it is stopping`,
      );
    }
    const name = checkSpawn(options, parent);
    const spawned = spawnDefinition(definition, options.args);
    const settings = this.spawnSettings.forSpawn(spawned, options, name);
    // An actor may wait dormant, without a cell, until first used (cell-factory.ts).
    const dormant = this.cells.spawnDormant(spawned, settings, parent, name);
    if (dormant !== undefined) {
      this.actorsStarted++;
      if (this.events.active) this.events.publish({ type: 'actor-started', ref: dormant });
      return dormant;
    }
    const cell = this.cells.make(spawned, options, parent, name, undefined, settings);
    this.actorsStarted++;
    parent.adopt(cell, name);
    if (this.events.active) this.events.publish({ type: 'actor-started', ref: cell.ref });
    cell.start();
    return cell.ref;
  }

  /** @internal
   * Spawns a cell of `cellClass` whose parent lives outside this thread (the cluster layer's
   * remote children): here it sits under the `remote` guardian, so a shutdown stops it, and
   * `link` ties it to its real parent before it starts. Its name is checked by that parent,
   * not among this system's actors.
   */
  spawnDetached<M, C extends ActorCell<M>>(
    definition: ActorDefinition<M>,
    options: SpawnOptions,
    cellClass: new (...args: ConstructorParameters<typeof ActorCell<M>>) => C,
    link: (cell: C) => void,
  ): ActorRef<M> {
    if (this.guardians.closing) {
      throw new ActorError('ActorSystem.spawn', 'NOT_RUNNING', 'the actor system is shutting down');
    }
    const name = checkSpawn(options, null);
    const guardian = this.guardians.remote;
    const cell = this.cells.make(
      spawnDefinition(definition, undefined),
      options,
      guardian,
      name,
      cellClass as typeof ActorCell,
    ) as C;
    this.actorsStarted++;
    guardian.adopt(cell, null);
    link(cell);
    if (this.events.active) this.events.publish({ type: 'actor-started', ref: cell.ref });
    cell.start();
    return cell.ref;
  }

  /** @internal
   * The record of a parent's children hosted elsewhere. Only a system joined to a cluster has
   * such children; the cluster installs the factory (`foreignChildren`).
   */
  newForeignChildren(): ForeignChildren {
    const make = this.foreignChildren;
    if (make === null) {
      throw new ActorError(
        'ActorSystem',
        'NOT_IN_CLUSTER',
        'this actor system has no children on other nodes: it is not part of a cluster',
      );
    }
    return make();
  }

  private spawnAskCell<R>(pending: PendingAsk<R>): ActorRef<R> {
    if (this.guardians.closing) {
      throw new ActorError('ActorRef.ask', 'NOT_RUNNING', 'the actor system is shutting down');
    }
    const temp = this.guardians.temp;
    const cell = this.cells.make(pending, EMPTY_OPTIONS, temp, null, AskCell);
    temp.adopt(cell, null);
    return cell.ref;
  }

  /** @internal Sends a message to dead letters; always returns false (the message was not delivered). */
  deadLetter(
    message: unknown,
    sender: AnyActorRef | null,
    recipient: AnyActorRef,
    reason: DeadLetterReason,
  ): false {
    this.deadLetters++;
    this.failureLog?.deadLetter(recipient, reason);
    if (this.events.active)
      this.events.publish({ type: 'dead-letter', message, sender, recipient, reason });
    return false;
  }

  /** @internal The cell has stopped: free its slot and bump the generation so old refs go stale. */
  release(cell: AnyCell): void {
    this.table.free(cell.ref.slot);
    this.cells.forget(cell);
    const parent = cell.parentCell;
    // Only user actors count: not the guardians, nor the ask cells under `temp`.
    if (parent !== null && parent !== this.guardians.temp) this.actorsStopped++;
    if (this.sampleCell === cell) this.sampleCell = null;
    if (this.events.active) this.events.publish({ type: 'actor-stopped', ref: cell.ref });
    if (parent === null) this.guardians.stopped();
  }

  /**
   * User messages waiting in this system's mailboxes (stashed ones not counted): a worker's
   * backlog for placement. Free on the tell path: the messages queued (the sampling countdown
   * counts each) less those handled and those that left a mailbox without a turn.
   */
  get waitingMessages(): number {
    return this.sampling.queued(this.sampleCountdown) + this.waitingAdjust - this.processed;
  }

  /** @internal */
  publishFailure(ref: AnyActorRef, error: unknown, directive: Directive): void {
    this.failureLog?.actorFailed(ref.path, error, directive);
    if (this.events.active) this.events.publish({ type: 'actor-failed', ref, error, directive });
  }

  /** @internal */
  publishRestart(ref: AnyActorRef, error: unknown): void {
    if (this.events.active) this.events.publish({ type: 'actor-restarted', ref, error });
  }

  /** @internal */
  publishHookFailure(ref: AnyActorRef, hook: 'postStop' | 'preRestart', error: unknown): void {
    this.failureLog?.hookFailed(ref.path, hook, error);
    if (this.events.active) this.events.publish({ type: 'hook-failed', ref, hook, error });
  }
}
