import type { ActorBehavior, ActorDefinition } from './actor.js';
import { ActorCell, type AnyCell } from './actor-cell.js';
import type { ActorRef, AnyActorRef, AskOptions } from './actor-ref.js';
import { AskCell } from './ask-cell.js';
import { type Dispatcher, RunQueueDispatcher, type Schedulable } from './dispatcher.js';
import { ActorError } from './errors.js';
import { type DeadLetterReason, EventStream } from './event-stream.js';
import type { ForeignChildren } from './foreign-children.js';
import { SystemMetrics } from './metrics.js';
import { AskTimeouts, PendingAsk } from './pending-ask.js';
import {
  GENERATION_LIMIT,
  MAX_SLOTS,
  MAX_WORKERS,
  packRefId,
  refIdSlot,
  refIdWorker,
} from './ref-id.js';
import type { SpawnOptions } from './spawn-options.js';
import {
  type Directive,
  OneForOneStrategy,
  type SupervisorStrategy,
} from './supervisor-strategy.js';
import { SysKind } from './system-message.js';

export interface ActorSystemOptions {
  /** Shown in paths of metrics and in Prometheus labels. Default `zactor`. */
  readonly name?: string;
  /** Messages an actor handles per turn before others get theirs. Default 300 (see BENCHMARKS.md). */
  readonly throughput?: number;
  /** How long the dispatcher runs before yielding to the event loop. Default 4 ms. */
  readonly timeBudgetMs?: number;
  /** Strategy of actors that set none, and of the user guardian. Default: one-for-one, restart, 10 within 10 s. */
  readonly defaultStrategy?: SupervisorStrategy;
  /** Time one tell -> receive in this many. Default 1024; 0 turns latency sampling off. */
  readonly latencySampleEvery?: number;
  /** This system's worker index, packed into every ref. Default 0. */
  readonly worker?: number;
  /** Replace the dispatcher (a custom runtime). */
  readonly dispatcher?: Dispatcher;
  /**
   * First generation of every slot (default 0). A cluster restarts a dead worker's system
   * with a new base, so refs to the dead worker's actors never match the new ones.
   */
  readonly generationBase?: number;
}

/** Turns an actor id from another worker into a ref (set by the cluster node of this thread). */
export type RemoteRefResolver = (id: number) => AnyActorRef;

const SAMPLING_OFF = 0x3fffffff;
const EMPTY_OPTIONS: SpawnOptions = Object.freeze({});

const guardianBehavior: ActorBehavior<unknown> = { receive() {} };

/**
 * The actors of one worker: the actor table (slot -> cell, with generations so a
 * stale ref is detected), the guardians at the top of the supervision tree, the
 * dispatcher, dead letters, the event stream and the metrics.
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
  // Latency sampling: one message in `sampleEvery` is followed to its receive.
  /** @internal */ sampleCountdown: number;
  /** @internal The cell whose sampled message is on its way. */
  sampleCell: Schedulable | null = null;
  /** @internal */ sampleRemaining = 0;
  private sampleStart = 0;
  private readonly sampleEvery: number;

  /** @internal Set by a cluster node: refs for ids of other workers. */
  remoteResolver: RemoteRefResolver | null = null;
  /** Set by a cluster node: makes a parent's record of its children on other nodes. */
  foreignChildren: (() => ForeignChildren) | null = null;
  private readonly generationBase: number;
  private readonly cells: (AnyCell | undefined)[] = [];
  private readonly generations: number[] = [];
  private readonly freeSlots: number[] = [];
  private readonly askTimeouts = new AskTimeouts();
  private readonly guardian: ActorCell<unknown>;
  private readonly tempGuardian: ActorCell<unknown>;
  /** Parent of the cells whose real parent is on another worker; made with the first one. */
  private remoteGuardian: ActorCell<unknown> | null = null;
  private guardiansAlive = 2;
  private shutdownPromise: Promise<void> | null = null;
  private onShutdown: (() => void) | null = null;

  constructor(options: ActorSystemOptions = {}) {
    this.name = options.name ?? 'zactor';
    this.worker = options.worker ?? 0;
    this.throughput = options.throughput ?? 300;
    this.sampleEvery = options.latencySampleEvery ?? 1024;
    this.generationBase = options.generationBase ?? 0;
    if (
      !Number.isInteger(this.generationBase) ||
      this.generationBase < 0 ||
      this.generationBase >= GENERATION_LIMIT
    ) {
      throw new ActorError(
        'ActorSystem',
        'INVALID_OPTION',
        `generationBase (${this.generationBase}) must be an integer in [0, ${GENERATION_LIMIT})`,
      );
    }
    if (!Number.isInteger(this.worker) || this.worker < 0 || this.worker >= MAX_WORKERS) {
      throw new ActorError(
        'ActorSystem',
        'INVALID_OPTION',
        `worker (${this.worker}) must be an integer in [0, ${MAX_WORKERS})`,
      );
    }
    if (!Number.isInteger(this.throughput) || this.throughput < 1) {
      throw new ActorError(
        'ActorSystem',
        'INVALID_OPTION',
        `throughput (${this.throughput}) must be a positive integer`,
      );
    }
    if (!Number.isInteger(this.sampleEvery) || this.sampleEvery < 0) {
      throw new ActorError(
        'ActorSystem',
        'INVALID_OPTION',
        `latencySampleEvery (${this.sampleEvery}) must be a non-negative integer`,
      );
    }
    // With sampling off the countdown restarts from a large small-integer (a Smi: no
    // heap-number arithmetic on the tell path) and `startSample` ignores the rare hit.
    this.sampleCountdown = this.sampleEvery === 0 ? SAMPLING_OFF : this.sampleEvery;
    this.dispatcher =
      options.dispatcher ??
      new RunQueueDispatcher(
        options.timeBudgetMs === undefined ? {} : { timeBudgetMs: options.timeBudgetMs },
      );
    this.defaultStrategy = options.defaultStrategy ?? new OneForOneStrategy();
    this.metrics = new SystemMetrics(this);
    this.guardian = this.newCell(guardianBehavior, {}, null, 'user');
    this.tempGuardian = this.newCell(guardianBehavior, {}, null, 'temp');
  }

  /** Spawns a top-level actor (a child of the user guardian). */
  spawn<M>(definition: ActorDefinition<M>, options: SpawnOptions = EMPTY_OPTIONS): ActorRef<M> {
    return this.spawnCell(definition, options, this.guardian);
  }

  /** Stops an actor: its children first, then `postStop`; pending messages become dead letters. */
  stop(ref: AnyActorRef): void {
    ref.cell.requestStop();
  }

  /** The ref for an id, or undefined when that actor is gone (or lives on another worker). */
  lookup<M = unknown>(id: number): ActorRef<M> | undefined {
    if (refIdWorker(id) !== this.worker) return undefined;
    const cell = this.cells[refIdSlot(id)];
    return cell !== undefined && cell.ref.id === id ? (cell.ref as ActorRef<M>) : undefined;
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
    const timeoutMs = options.timeoutMs ?? 5000;
    if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
      return Promise.reject(
        new ActorError(
          'ActorRef.ask',
          'INVALID_OPTION',
          `timeoutMs (${timeoutMs}) must be a positive finite number`,
        ),
      );
    }
    return new Promise<R>((resolve, reject) => {
      const pending = new PendingAsk<R>(resolve, reject, ref, timeoutMs);
      const replyTo = this.spawnAskCell(pending);
      pending.replyTo = replyTo;
      this.askTimeouts.add(pending as PendingAsk<unknown>);
      let delivered: boolean;
      try {
        delivered = ref.tell(message, replyTo);
      } catch (error) {
        pending.fail(error);
        this.askSettled(pending as PendingAsk<unknown>);
        this.stop(replyTo);
        return;
      }
      if (!delivered) {
        pending.fail(
          new ActorError(
            'ActorRef.ask',
            'UNDELIVERED',
            `the message to ${ref.cell.path} was not delivered (stopped or mailbox full)`,
          ),
        );
        this.askSettled(pending as PendingAsk<unknown>);
        this.stop(replyTo);
      }
    });
  }

  /** @internal A reply settled `pending`: let its timeout bucket forget it. */
  askSettled(pending: PendingAsk<unknown>): void {
    this.askTimeouts.settled(pending);
  }

  /**
   * Stops every actor (children before parents, `postStop` on each) and resolves
   * once all have stopped. Messages still queued go to dead letters.
   */
  shutdown(): Promise<void> {
    if (this.shutdownPromise === null) {
      this.shutdownPromise = new Promise<void>((resolve) => {
        this.onShutdown = resolve;
      });
      this.guardian.sendSystem(SysKind.Stop, null);
      this.tempGuardian.sendSystem(SysKind.Stop, null);
      this.remoteGuardian?.sendSystem(SysKind.Stop, null);
    }
    return this.shutdownPromise;
  }

  get isTerminated(): boolean {
    return this.guardiansAlive === 0;
  }

  // ---- Used by cells ------------------------------------------------------------

  /** @internal */
  spawnCell<M>(
    definition: ActorDefinition<M>,
    options: SpawnOptions,
    parent: AnyCell,
  ): ActorRef<M> {
    if (this.shutdownPromise !== null || !parent.isRunning) {
      throw new ActorError(
        'ActorSystem.spawn',
        'NOT_RUNNING',
        `cannot spawn under ${parent.path}: it is stopping`,
      );
    }
    const name = options.name ?? null;
    if (name !== null) {
      if (name.length === 0 || name.includes('/') || name.startsWith('$')) {
        throw new ActorError(
          'ActorSystem.spawn',
          'INVALID_NAME',
          `name ${JSON.stringify(name)} must be non-empty, without '/', not starting with '$'`,
        );
      }
      if (parent.hasChild(name)) {
        throw new ActorError(
          'ActorSystem.spawn',
          'DUPLICATE_NAME',
          `${parent.path} already has a child named ${JSON.stringify(name)}`,
        );
      }
    }
    this.checkOptions(options);
    const cell = this.newCell(definition, options, parent, name);
    parent.adopt(cell, name);
    if (this.events.active) this.events.publish({ type: 'actor-started', ref: cell.ref });
    cell.start();
    return cell.ref;
  }

  /** Throughput and mailbox capacity must be positive integers. */
  private checkOptions(options: SpawnOptions): void {
    if (
      options.throughput !== undefined &&
      (!Number.isInteger(options.throughput) || options.throughput < 1)
    ) {
      throw new ActorError(
        'ActorSystem.spawn',
        'INVALID_OPTION',
        `throughput (${options.throughput}) must be a positive integer`,
      );
    }
    const mailbox = options.mailbox;
    if (
      mailbox?.kind === 'bounded' &&
      (!Number.isInteger(mailbox.capacity) || mailbox.capacity < 1)
    ) {
      throw new ActorError(
        'ActorSystem.spawn',
        'INVALID_OPTION',
        `mailbox capacity (${mailbox.capacity}) must be a positive integer`,
      );
    }
  }

  /**
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
    if (this.shutdownPromise !== null) {
      throw new ActorError('ActorSystem.spawn', 'NOT_RUNNING', 'the actor system is shutting down');
    }
    const name = options.name ?? null;
    if (name !== null && (name.length === 0 || name.includes('/') || name.startsWith('$'))) {
      throw new ActorError(
        'ActorSystem.spawn',
        'INVALID_NAME',
        `name ${JSON.stringify(name)} must be non-empty, without '/', not starting with '$'`,
      );
    }
    this.checkOptions(options);
    let guardian = this.remoteGuardian;
    if (guardian === null) {
      guardian = this.remoteGuardian = this.newCell(guardianBehavior, {}, null, 'remote');
      this.guardiansAlive++;
    }
    const cell = this.newCell(
      definition,
      options,
      guardian,
      name,
      cellClass as typeof ActorCell,
    ) as C;
    guardian.adopt(cell, null);
    link(cell);
    if (this.events.active) this.events.publish({ type: 'actor-started', ref: cell.ref });
    cell.start();
    return cell.ref;
  }

  /**
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
    if (this.shutdownPromise !== null) {
      throw new ActorError('ActorRef.ask', 'NOT_RUNNING', 'the actor system is shutting down');
    }
    const cell = this.newCell(pending, EMPTY_OPTIONS, this.tempGuardian, null, AskCell);
    this.tempGuardian.adopt(cell, null);
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
    if (this.events.active)
      this.events.publish({ type: 'dead-letter', message, sender, recipient, reason });
    return false;
  }

  /** @internal The cell has stopped: free its slot and bump the generation so old refs go stale. */
  release(cell: AnyCell): void {
    const slot = cell.ref.slot;
    this.cells[slot] = undefined;
    this.generations[slot] =
      ((this.generations[slot] ?? this.generationBase) + 1) % GENERATION_LIMIT;
    this.freeSlots.push(slot);
    this.actorsStopped++;
    if (this.sampleCell === cell) this.sampleCell = null;
    if (this.events.active) this.events.publish({ type: 'actor-stopped', ref: cell.ref });
    if (cell.parentCell === null && --this.guardiansAlive === 0) this.onShutdown?.();
  }

  /** @internal */
  startSample(cell: Schedulable, position: number): void {
    if (this.sampleEvery === 0) {
      this.sampleCountdown = SAMPLING_OFF;
      return;
    }
    this.sampleCountdown = this.sampleEvery;
    if (this.sampleCell !== null) return;
    this.sampleCell = cell;
    this.sampleRemaining = position;
    this.sampleStart = performance.now();
  }

  /** @internal */
  finishSample(): void {
    this.metrics.recordLatency((performance.now() - this.sampleStart) * 1e6);
    this.sampleCell = null;
  }

  /** @internal */
  publishFailure(ref: AnyActorRef, error: unknown, directive: Directive): void {
    if (this.events.active) this.events.publish({ type: 'actor-failed', ref, error, directive });
  }

  /** @internal */
  publishRestart(ref: AnyActorRef, error: unknown): void {
    if (this.events.active) this.events.publish({ type: 'actor-restarted', ref, error });
  }

  /** @internal */
  publishHookFailure(ref: AnyActorRef, hook: 'postStop' | 'preRestart', error: unknown): void {
    if (this.events.active) this.events.publish({ type: 'hook-failed', ref, hook, error });
  }

  private newCell<M>(
    definition: ActorDefinition<M>,
    options: SpawnOptions,
    parent: AnyCell | null,
    name: string | null,
    cellClass: typeof ActorCell = ActorCell,
  ): ActorCell<M> {
    const slot = this.freeSlots.length !== 0 ? this.freeSlots.pop()! : this.cells.length;
    if (slot >= MAX_SLOTS) {
      throw new ActorError(
        'ActorSystem.spawn',
        'TOO_MANY_ACTORS',
        `a worker holds at most ${MAX_SLOTS} actors`,
      );
    }
    const generation = this.generations[slot] ?? this.generationBase;
    if (slot === this.generations.length) this.generations.push(this.generationBase);
    const cell = new cellClass<M>(
      this,
      parent,
      definition,
      options,
      packRefId(this.worker, slot, generation),
      name,
    );
    if (slot === this.cells.length) this.cells.push(cell);
    else this.cells[slot] = cell;
    this.actorsStarted++;
    return cell;
  }
}
