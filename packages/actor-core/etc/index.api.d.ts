import { Histogram } from 'hdr-histogram-js';
import { EventEmitter } from 'node:events';
import { InboundRing, WorkerFactory, WorkerDefinition, WorkerMetrics } from '@zactor/scheduler-numa';
import { StructSchema, Infer, RefSchema } from '@zactor/serializer';
import { SlabShape } from '@zactor/mempool';

/** Options of `ask`. */
interface AskOptions {
    /** How long to wait for a reply before rejecting with `AskTimeoutError`. Default 5000 ms. */
    readonly timeoutMs?: number;
    /**
     * Aborting it rejects the ask at once with `ActorError` `ASK_ABORTED` (its `cause` is the
     * signal's `reason`); a reply that comes later is a dead letter. An already aborted signal
     * rejects before the message is sent.
     */
    readonly signal?: AbortSignal;
}
/**
 * A handle to an actor. `id` is the value identity, (worker, slot, generation) packed
 * into one safe integer; the object also points at the local cell so that a `tell`
 * on the same worker costs a few field reads and two queue pushes.
 *
 * A ref outlives its actor: telling a stopped actor sends the message to dead letters.
 */
declare class ActorRef<M = unknown> {
    readonly id: number;
    /** The actor's path in the supervision tree, e.g. `/user/orders/book-1`. */
    get path(): string;
    /** The worker that hosts the actor. */
    get worker(): number;
    /** The actor's slot in its worker's actor table. */
    get slot(): number;
    /**
     * Sends a message without waiting. Returns true when the message was queued, false
     * when it went to dead letters (the actor has stopped) or was dropped by a full
     * bounded mailbox. Throws `MailboxOverflowError` only for a full mailbox whose
     * policy is `fail`, and `ActorError` for an `undefined` message.
     */
    tell(message: M, sender?: AnyActorRef | null): boolean;
    /**
     * Sends a message with a temporary sender and resolves with the first reply
     * (`ctx.reply(...)` in the target). Rejects with `AskTimeoutError` after the timeout, and
     * with `ActorError` `ASK_ABORTED` when `options.signal` aborts first.
     */
    ask<R = unknown>(message: M, options?: AskOptions): Promise<R>;
    /**
     * The id, so a ref reads as its number where one is expected (the serializer's `t.ref`
     * fields take the ref itself: they read its `id`).
     */
    valueOf(): number;
    toString(): string;
}
/** A ref to an actor of any message type (senders, watch targets, children). */
type AnyActorRef = ActorRef<any>;

/**
 * Something the dispatcher can give a turn to: an actor cell. `runTurn` never throws; it
 * returns the messages it handled (the dispatcher's measure of work between clock reads).
 */
interface Schedulable {
    runTurn(): number;
}
/**
 * Role: runs ready actors. `schedule` is called at most once per ready period of a
 * cell (the cell keeps a `scheduled` flag); `turnStart` is the dispatcher's clock at
 * the start of the current drain, for cheap coarse timestamps.
 */
interface Dispatcher {
    schedule(cell: Schedulable): void;
    readonly turnStart: number;
    /**
     * This dispatcher as one an outer loop can drive (a cluster worker runs ready actors in the
     * same turn as the records that woke them), or null/absent when it cannot be driven.
     */
    driven?(): DrivenDispatcher | null;
}
/**
 * Role: a dispatcher an outer loop can drive: a cluster worker holds wake-ups while it hands
 * a batch of ring records to mailboxes, then runs the ready actors itself in the same turn.
 */
interface DrivenDispatcher extends Dispatcher {
    /** Until `release` or `runNow`, newly ready actors wait without scheduling a wake-up. */
    hold(): void;
    /** Ends a hold; schedules a wake-up if actors became ready meanwhile. */
    release(): void;
    /**
     * Runs ready actors now, up to the time budget (the rest get a wake-up); ends a hold.
     * Returns the turns run; 0 when called from inside an actor's turn.
     */
    runNow(): number;
}
interface RunQueueDispatcherOptions {
    /** Time after which a drain yields to the event loop (timers, I/O). Default 4 ms. */
    readonly timeBudgetMs?: number;
}
/**
 * A run queue of ready actors, drained in turns on the event loop. When the drain has
 * used its time budget it yields with `setImmediate`, so timers and I/O always run;
 * the clock is read once every 32 turns or 256 messages, not per message, and the budget
 * runs from the first read (so a short drain reads no clock). A drain therefore holds the
 * thread for about its budget plus at most 256 receives and the turn in progress (up to its
 * actor's `throughput`): what a cluster's `unresponsiveMs` must allow for.
 *
 * Waking an idle dispatcher: a `setImmediate` per wake-up costs a whole event-loop turn,
 * which dominated request/reply patterns (an `await ref.ask()` loop sat 77% idle). So a
 * wake-up is a microtask while the event loop has turned within the last time budget: a
 * marker `setImmediate` notes each turn, and once a budget has passed without one, wake-ups
 * go back to `setImmediate`. Timers and I/O therefore still get a turn at least every budget.
 */
declare class RunQueueDispatcher implements DrivenDispatcher {
    readonly timeBudgetMs: number;
    /** The clock of the current drain, read when first asked for (see `turnStart`). */
    private clock;
    /** The drain has not read the clock yet. */
    private clockStale;
    driven(): DrivenDispatcher;
    /**
     * The dispatcher's clock at the latest budget check of this drain, read on first use: a
     * drain of a few turns (a round trip across workers is one turn per hop) reads no clock at
     * all unless an actor with a receive timeout asks (measured: performance.now() was 11% of a
     * one-thread cross-node round trip, about 60 ns per hop).
     */
    get turnStart(): number;
    /** Whether the drain has used its budget (reads the clock; the first read starts it). */
    private overBudget;
    /** Drains started (one per wake-up or yield). */
    drains: number;
    private readonly ready;
    private running;
    /** When the current drain yields (-1: its budget has not started). */
    private deadline;
    private pending;
    private held;
    /** A marker setImmediate is queued: the event loop has not turned since `markerAt`. */
    private markerPending;
    private markerAt;
    private readonly drainBound;
    private readonly markerBound;
    constructor(options?: RunQueueDispatcherOptions);
    schedule(cell: Schedulable): void;
    hold(): void;
    release(): void;
    runNow(): number;
    private wake;
    /** Ready actors waiting for a turn. */
    get readyCount(): number;
    private drain;
    private run;
}

/** What a supervisor does with a failed child. */
type Directive = 'resume' | 'restart' | 'stop' | 'escalate';
/** Chooses a directive from the error a child threw. */
type Decider = (error: unknown) => Directive;
/** Restart bookkeeping the system keeps per child (on the child's cell, to save an object). */
interface RestartStats {
    /** Restarts inside the current window. */
    restartCount: number;
    /** When the current window opened (ms, `performance.now()` clock). */
    restartWindowStart: number;
}
/**
 * Role: how a parent handles a failed child. `decide` picks the directive, `scope`
 * says whether it applies to the failed child alone or to all its siblings too, and
 * `planRestart` enforces the restart limit and the backoff.
 */
interface SupervisorStrategy {
    decide(error: unknown): Directive;
    readonly scope: 'one' | 'all';
    /** Records a restart; returns the delay before it in ms, or -1 when the limit is exceeded. */
    planRestart(stats: RestartStats, now: number): number;
}
interface StrategyOptions {
    /** Default: restart on any error. */
    readonly decider?: Decider;
    /** Restarts allowed per child inside `withinMs` before it is stopped. Default 10. */
    readonly maxRestarts?: number;
    /** Length of the restart window. Default 10 000 ms. */
    readonly withinMs?: number;
    /** Exponential backoff between restarts inside a window: min * 2^(n-1), capped at max. */
    readonly backoff?: {
        readonly minMs: number;
        readonly maxMs: number;
    };
}
/** The parts one-for-one and all-for-one share: the decider, the limit and the backoff. */
declare abstract class RestartLimitStrategy implements SupervisorStrategy {
    abstract readonly scope: 'one' | 'all';
    readonly maxRestarts: number;
    readonly withinMs: number;
    readonly minBackoffMs: number;
    readonly maxBackoffMs: number;
    private readonly decider;
    constructor(where: string, options: StrategyOptions);
    decide(error: unknown): Directive;
    planRestart(stats: RestartStats, now: number): number;
}
/** Applies the directive to the failed child only (protoactor-go's and Akka's default). */
declare class OneForOneStrategy extends RestartLimitStrategy {
    readonly scope: "one";
    constructor(options?: StrategyOptions);
}
/** Applies the directive to the failed child and all its siblings. */
declare class AllForOneStrategy extends RestartLimitStrategy {
    readonly scope: "all";
    constructor(options?: StrategyOptions);
}

/** Everything the system publishes on its event stream. */
/**
 * Why a message became a dead letter: its actor had stopped, a bounded mailbox was full, a
 * reply had no sender, the destination worker died, the user's bound on what may wait for a
 * destination (`maxPendingBytes`) was reached, or the sender shut down before it could hand
 * the message on. A full ring is not a reason: what does not fit waits in the sender's heap.
 */
type DeadLetterReason = 'stopped' | 'mailbox-full' | 'no-sender' | 'worker-dead' | 'pending-full' | 'shutdown';
type SystemEvent = {
    readonly type: 'dead-letter';
    readonly message: unknown;
    readonly sender: AnyActorRef | null;
    readonly recipient: AnyActorRef;
    /** Why it was not delivered. */
    readonly reason: DeadLetterReason;
} | {
    readonly type: 'actor-started';
    readonly ref: AnyActorRef;
} | {
    readonly type: 'actor-stopped';
    readonly ref: AnyActorRef;
} | {
    readonly type: 'actor-failed';
    readonly ref: AnyActorRef;
    readonly error: unknown;
    readonly directive: Directive;
} | {
    readonly type: 'actor-restarted';
    readonly ref: AnyActorRef;
    readonly error: unknown;
} | {
    readonly type: 'hook-failed';
    readonly ref: AnyActorRef;
    readonly hook: 'postStop' | 'preRestart';
    readonly error: unknown;
};
type SystemEventType = SystemEvent['type'];
type EventHandler<E extends SystemEvent = SystemEvent> = (event: E) => void;
/**
 * Publish/subscribe for system events. Publishing costs one length check when nobody
 * listens, so the callers build event objects only after `active` says someone does.
 * A subscriber that throws is unsubscribed; it never breaks the actor that published.
 */
declare class EventStream {
    private subscriptions;
    /** Subscriber errors that were caught (the subscriber was removed). */
    subscriberErrors: number;
    get active(): boolean;
    /** Subscribes to every event, or to the given types. Returns the unsubscribe function. */
    subscribe<T extends SystemEventType>(handler: EventHandler<Extract<SystemEvent, {
        type: T;
    }>>, types?: readonly T[]): () => void;
    publish(event: SystemEvent): void;
}

/** tell -> receive latency percentiles in nanoseconds, from the sampled messages. */
interface LatencySnapshot {
    readonly count: number;
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly p999: number;
    readonly max: number;
}
interface MetricsSnapshot {
    readonly messagesProcessed: number;
    readonly deadLetters: number;
    readonly failures: number;
    readonly restarts: number;
    /**
     * User actors spawned (top-level, children, and in a cluster the remote children hosted
     * here). The system's own cells are not counted: the guardians and the temporary reply
     * cells of asks.
     */
    readonly actorsStarted: number;
    /** User actors that have stopped (counted as `actorsStarted`). */
    readonly actorsStopped: number;
    /** `actorsStarted - actorsStopped`: the user actors alive now. */
    readonly actorsAlive: number;
    /** Largest number of messages seen waiting in one mailbox at the start of a turn. */
    readonly mailboxHighWater: number;
    readonly latencyNs: LatencySnapshot;
}
/** The part of `@opentelemetry/api`'s `Meter` this module uses (so the API stays an optional peer). */
interface OtelMeter {
    createObservableCounter(name: string, options?: {
        description?: string;
        unit?: string;
    }): OtelObservable;
    createObservableGauge(name: string, options?: {
        description?: string;
        unit?: string;
    }): OtelObservable;
}
interface OtelObservable {
    addCallback(callback: (result: {
        observe(value: number, attributes?: Record<string, string>): void;
    }) => void): void;
}
/**
 * Latency samples go into an HDR histogram (hdr-histogram-js: the reference HdrHistogram
 * algorithm, mergeable and encodable, so later the histograms of several workers can be
 * combined). One message in `sampleEvery` is timed; the rest pay one decrement.
 */
declare class SystemMetrics {
    readonly latency: Histogram;
    private readonly system;
    constructor(system: ActorSystem);
    /** Records one tell -> receive latency, in nanoseconds. */
    recordLatency(ns: number): void;
    snapshot(): MetricsSnapshot;
    /** The snapshot in Prometheus text exposition format (version 0.0.4). */
    toPrometheus(): string;
    /**
     * Registers observable instruments on an OpenTelemetry meter, e.g.
     * `metrics.getMeter('zactor')` from `@opentelemetry/api`. With no SDK provider
     * registered the API's meter is a no-op, so this costs nothing.
     */
    bindMeter(meter: OtelMeter): void;
}

/** What a bounded mailbox does with a message that does not fit. */
type OverflowPolicy = 'drop-newest' | 'drop-oldest' | 'fail';
type MailboxOptions = {
    readonly kind: 'unbounded';
} | {
    readonly kind: 'bounded';
    readonly capacity: number;
    readonly overflow?: OverflowPolicy;
};
/** Per-actor options of `spawn`. */
interface SpawnOptions {
    /** A name unique among the siblings; the path uses it. Default: `$<slot>`. */
    readonly name?: string;
    /** Default: unbounded. A full bounded mailbox sends the dropped message to dead letters. */
    readonly mailbox?: MailboxOptions;
    /** Messages handled per dispatcher turn before other actors get theirs. Default: the system's. */
    readonly throughput?: number;
    /** How this actor supervises its children. Default: the system's default strategy. */
    readonly supervisor?: SupervisorStrategy;
}
/**
 * `spawn` options of an actor class whose constructor takes arguments: `args` go to the
 * constructor at the spawn and again at each restart (`spawn(Cls, { args: [a, b] })`).
 */
type ClassSpawnOptions<C extends ActorClassWithArgs> = SpawnOptions & {
    readonly args: ConstructorParameters<C>;
};

/** One line the runtime reports without being asked: what failed, where, and the error. */
interface FailureLogEntry {
    readonly kind: 'actor-failed' | 'hook-failed' | 'dead-letters' | 'suppressed';
    /** The actor's path (the recipient's, for dead letters), or null for a summary. */
    readonly path: string | null;
    /** The concise line, e.g. `[zactor] /user/orders failed (restart): Error: boom`. */
    readonly line: string;
    /** What was thrown, for `actor-failed` and `hook-failed`. */
    readonly error?: unknown;
}
/** Where failures go by default: a function of yours (your logger), or `false` for nowhere. */
type FailureLogOption = false | ((entry: FailureLogEntry) => void);

interface ActorSystemOptions {
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
    /**
     * Where failures nobody subscribed to go: by default one concise line on stderr per failed
     * actor or hook and one per window for dead letters, rate-limited (failure-log.ts); a
     * function to route them to your logger; `false` for nowhere. Events are published either way.
     */
    readonly logFailures?: FailureLogOption;
}

/** Turns an actor id from another worker into a ref (set by the cluster node of this thread). */
type RemoteRefResolver = (id: number) => AnyActorRef;
/**
 * The actors of one worker: the actor table (slot -> cell, with generations so a
 * stale ref is detected; actor-table.ts), the guardians at the top of the supervision tree
 * (guardians.ts), the dispatcher, asks, dead letters, the event stream and the metrics.
 *
 * Thread contract: one system per event loop; nothing in it may be touched from another thread.
 */
declare class ActorSystem {
    readonly name: string;
    readonly worker: number;
    readonly throughput: number;
    readonly dispatcher: Dispatcher;
    readonly defaultStrategy: SupervisorStrategy;
    readonly events: EventStream;
    readonly metrics: SystemMetrics;
    private sampleStart;
    private readonly sampleEvery;
    private readonly table;
    private readonly asks;
    private readonly guardians;
    private readonly failureLog;
    constructor(options?: ActorSystemOptions);
    /**
     * Spawns a top-level actor (a child of the user guardian). An actor class whose constructor
     * takes arguments gets `options.args`, at the spawn and at each restart.
     */
    spawn<C extends ActorClassWithArgs>(cls: C, options: ClassSpawnOptions<C>): ActorRef<MessageOf<C>>;
    spawn<M>(definition: ActorDefinition<M>, options?: SpawnOptions): ActorRef<M>;
    /** Stops an actor: its children first, then `postStop`; pending messages become dead letters. */
    stop(ref: AnyActorRef): void;
    /** The ref for an id, or undefined when that actor is gone (or lives on another worker). */
    lookup<M = unknown>(id: number): ActorRef<M> | undefined;
    /** The cell behind `ref` when it is a live actor of this thread. */
    private localCell;
    /**
     * The ref for any id: a local actor, or (in a cluster) an actor on another worker. An id of
     * this worker whose actor is gone gives undefined; so does a foreign id outside a cluster.
     */
    resolve<M = unknown>(id: number): ActorRef<M> | undefined;
    /** See `ActorRef.ask`. */
    ask<M, R>(ref: ActorRef<M>, message: M, options?: AskOptions): Promise<R>;
    /**
     * Fails every pending ask made on this thread whose target `match`es, with `error`, at once
     * (the outcome is known: the target's worker died, say); returns how many. Each ask's reply
     * ref stops, so a late reply is a dead letter.
     */
    failPendingAsks(match: (target: AnyActorRef) => boolean, error: Error): number;
    /**
     * Stops every actor (children before parents, `postStop` on each) and resolves
     * once all have stopped. Messages still queued go to dead letters; asks still waiting
     * fail at once with `SYSTEM_SHUTDOWN`.
     */
    shutdown(): Promise<void>;
    /**
     * The dead-letter reason for a message to an actor that has stopped: `shutdown` once this
     * system shuts down (every actor stops; what was in flight is accounted for), else `stopped`.
     */
    stoppedReason(): 'stopped' | 'shutdown';
    get isTerminated(): boolean;
    /** Resolves once the system has terminated (every actor stopped), whoever shut it down. */
    get whenTerminated(): Promise<void>;
    private spawnAskCell;
    private newCell;
}

/** Delivered to a watcher when a watched actor stops (unless it asked for its own message). */
declare class Terminated {
    readonly ref: AnyActorRef;
    constructor(ref: AnyActorRef);
}

/** Per-actor timers that send the actor a message. Starting a timer with a key that is in use replaces it. */
interface TimerScheduler<M> {
    startSingleTimer(key: unknown, message: M, delayMs: number): void;
    startPeriodicTimer(key: unknown, message: M, intervalMs: number): void;
    isActive(key: unknown): boolean;
    cancel(key: unknown): void;
    cancelAll(): void;
}

/**
 * What an actor sees while it handles a message. The same object is passed to every
 * call of one actor; `sender` changes with each message.
 */
interface ActorContext<M> {
    /** This actor's ref. */
    readonly self: ActorRef<M>;
    /** The sender of the message being handled, or null when there is none. */
    readonly sender: AnyActorRef | null;
    /** The parent in the supervision tree (the guardian for top-level actors). */
    readonly parent: AnyActorRef | null;
    readonly system: ActorSystem;
    /** The children currently alive. Allocates an array: not for hot paths. */
    readonly children: readonly AnyActorRef[];
    /** Per-actor timers, cancelled when the actor stops or restarts. */
    readonly timers: TimerScheduler<M>;
    /** Replies to the sender; a dead letter when there is no sender. */
    reply(message: unknown): void;
    /**
     * Sends `message` to `ref` with this actor as the sender (`ref.tell(message, ctx.self)`), so
     * the receiver's `ctx.reply` comes back here. Returns what `tell` returns.
     */
    tell<T>(ref: ActorRef<T>, message: T): boolean;
    /**
     * Spawns a child supervised by this actor's strategy. An actor class whose constructor takes
     * arguments gets `options.args`, at the spawn and at each restart.
     */
    spawn<C extends ActorClassWithArgs>(cls: C, options: ClassSpawnOptions<C>): ActorRef<MessageOf<C>>;
    spawn<C>(definition: ActorDefinition<C>, options?: SpawnOptions): ActorRef<C>;
    /** Stops a child, or this actor when called with no argument. */
    stop(ref?: AnyActorRef): void;
    /**
     * Watches another actor. When it stops, `message` is delivered to this actor; without
     * a message, a `Terminated` is delivered (so `M` must include `Terminated`).
     */
    watch(ref: AnyActorRef, ...message: Terminated extends M ? [message?: M] : [message: M]): void;
    /** Stops watching; a termination that has not been delivered yet is dropped. */
    unwatch(ref: AnyActorRef): void;
    /** Handles the following messages with `receive` until `unbecome` (or another `become`). */
    become(receive: ReceiveFn<M>, options?: {
        readonly discardOld?: boolean;
    }): void;
    /** Returns to the previous behaviour. */
    unbecome(): void;
    /** Keeps the current message aside; `unstashAll` puts the kept ones back in front of the mailbox. */
    stash(): void;
    unstashAll(): void;
    /**
     * Delivers `message` when no message has arrived for `timeoutMs`. Checked once per
     * dispatcher turn, so the timeout fires between `timeoutMs` and about twice that.
     */
    setReceiveTimeout(timeoutMs: number, message: M): void;
    cancelReceiveTimeout(): void;
}

/**
 * A message handler. `this` is the actor object when the actor is a class or an object.
 *
 * It may return nothing (the fast path) or a promise (an `async` handler): a returned
 * promise holds the actor's mailbox until it settles, and a rejection is a failure,
 * like a throw. The type says `void` so that any handler fits; the runtime looks for
 * a `then` method on what comes back.
 */
type ReceiveFn<M> = (message: M, ctx: ActorContext<M>) => void;
/** Lifecycle hooks an actor may define. All are optional. */
interface ActorHooks<M> {
    /** Runs before the first message. A throw here is a failure handled by the supervisor. */
    preStart?(ctx: ActorContext<M>): void;
    /** Runs once the actor and all its children have stopped. */
    postStop?(ctx: ActorContext<M>): void;
    /** Runs on the failed instance before a restart. By default the children are stopped. */
    preRestart?(ctx: ActorContext<M>, error: unknown, message: M | undefined): void;
    /** Runs on the fresh instance after a restart. By default it calls `preStart`. */
    postRestart?(ctx: ActorContext<M>, error: unknown): void;
}
/** An actor as a plain object: a `receive` and optional lifecycle hooks. */
interface ActorBehavior<M> extends ActorHooks<M> {
    receive(message: M, ctx: ActorContext<M>): void;
}
/**
 * Base class for class-based actors. A restart builds a fresh instance with the same
 * constructor arguments (none, or the spawn's `args`), so state kept in fields starts over.
 *
 * ```ts
 * class Counter extends Actor<'inc' | 'get'> {
 *   count = 0;
 *   receive(msg: 'inc' | 'get', ctx: ActorContext<'inc' | 'get'>) {
 *     if (msg === 'inc') this.count++;
 *     else ctx.reply(this.count);
 *   }
 * }
 * ```
 */
declare abstract class Actor<M> implements ActorBehavior<M> {
    /**
     * A type-only brand (always undefined at runtime): a class that does not extend `Actor` lacks
     * it, so it is not an actor class to the compiler even with a `receive` (and at runtime `spawn`
     * rejects it: `INVALID_ACTOR`). Public, so declarations of anonymous actor classes still emit.
     */
    readonly zactorActor: undefined;
    abstract receive(message: M, ctx: ActorContext<M>): void;
    preStart?(ctx: ActorContext<M>): void;
    postStop?(ctx: ActorContext<M>): void;
    preRestart?(ctx: ActorContext<M>, error: unknown, message: M | undefined): void;
    postRestart?(ctx: ActorContext<M>, error: unknown): void;
}
/** A class whose instances are actors. */
type ActorClass<M> = new () => Actor<M>;
/** An actor class whose constructor takes arguments: spawn it with `{ args }`. */
type ActorClassWithArgs<M = any> = new (...args: any[]) => Actor<M>;
/** The message type of an actor class. */
type MessageOf<C> = C extends new (...args: never[]) => Actor<infer M> ? M : never;
/**
 * What `spawn` accepts: an `Actor` subclass (restarts build a new instance), a plain
 * `receive` function (stateless, or state in a closure that a restart keeps), or an
 * object with `receive` and optional hooks (`ActorBehavior`: restarts keep the object and
 * call its hooks; this is how a function-style actor gets `preStart`, `postStop` and the rest).
 */
type ActorDefinition<M> = ActorClass<M> | ReceiveFn<M> | ActorBehavior<M>;

/**
 * Role: where a ref's messages go. `ActorCell` is the local implementation (a mailbox on
 * this thread); `RemoteCell` encodes them for the worker that hosts the actor. Refs, watches
 * and `stop` only ever talk to this role, so they work the same across workers.
 *
 * Thread contract: a target belongs to the thread that made it; its methods are called on
 * that thread only.
 */
interface ActorTarget<M> {
    readonly ref: ActorRef<M>;
    /** The actor's path (`/w<worker>/$<slot>` for an actor on another worker). */
    readonly path: string;
    /** The system of the calling thread (asks made through the ref live there). */
    readonly system: ActorSystem;
    /** The `tell` path: true when queued, false when dead-lettered or dropped. */
    enqueue(message: M, sender: AnyActorRef | null): boolean;
    /** Asks the actor to stop. */
    requestStop(): void;
}
/** A target of any message type. */
type AnyTarget = ActorTarget<any>;

/** Who asks for a child on another node: crosses threads with the spawn request. */
interface ChildParent {
    /** The parent's actor id. */
    readonly id: number;
    /** The parent's path, so the child's path reads as its place in the tree. */
    readonly path: string;
    /** Matches the child's `ChildStarted` to this request (unique per requesting node). */
    readonly token: number;
}

/**
 * Large cross-worker messages travel in shared slab blocks (issue #9). A message whose frame is
 * above the threshold is encoded straight into a block of one SharedArrayBuffer that every
 * cluster thread attaches; the envelope in the batch (and so in the ring record) carries only
 * the block's offset and the frame's length (see `CODEC_BLOCK` in layout.ts). The receiver
 * decodes from the block and frees it.
 *
 * The blocks come from `@zactor/mempool`'s SizeClassAllocator: several Treiber-stack slab pools
 * in one buffer, alloc and free lock-free from any thread (so the receiver frees what the
 * sender allocated).
 *
 * Where the bytes are copied, exactly: a registered schema's codec writes the frame into the
 * block (the encode itself; no staging buffer); the fallback codec (msgpackr) serializes into
 * msgpackr's own buffer and that result is copied once into the block, as on the ring path.
 * Nothing goes through the batch or the ring but the 8-byte reference. The receiver's decode
 * builds JS values from the block (strings, objects, and `bytes` / typed arrays copied out of
 * the block), which is the one copy left, and the reason the block can be freed at once.
 */

/** Role: where a cluster node puts the frames of large messages. */
interface LargeMessageStore {
    /** Frames of more bytes than this go into a block. */
    readonly thresholdBytes: number;
    /** The largest frame a block can hold. */
    readonly maxFrameBytes: number;
    /** The shared buffer the blocks live in (posted to every worker in the boot data). */
    readonly buffer: SharedArrayBuffer;
    /** A DataView over `buffer`, for codecs to encode into a block. */
    readonly view: DataView;
    /**
     * A block of at least `bytes` bytes: its offset in `buffer`, or NO_BLOCK (-1) when every class
     * that fits is exhausted (or `bytes` is above `maxFrameBytes`).
     *
     * Concurrency: any thread that attached the buffer; lock-free (one CAS per class tried). The
     * alloc acquires the free that returned the block.
     */
    alloc(bytes: number): number;
    /** Returns a block; see `take` for the receiver's path. Concurrency: any thread. */
    free(offset: number): void;
    /** Blocks handed out and not yet freed, over every thread: a snapshot. */
    outstanding(): number;
}
/** Default threshold: frames above 16 KiB go into blocks. */
declare const DEFAULT_LARGE_MESSAGE_BYTES: number;
/**
 * Default block classes: 32 KiB x 128, 128 KiB x 32, 512 KiB x 16, 2 MiB x 4, 8 MiB x 1 (32 MiB
 * of address space; Linux commits the pages as they are first written, so an idle cluster pays
 * for the blocks its largest burst touched). The largest message is 8 MiB minus the frame header.
 */
declare const DEFAULT_LARGE_MESSAGE_SLABS: readonly SlabShape[];
declare class SlabLargeMessageStore implements LargeMessageStore {
    readonly thresholdBytes: number;
    readonly maxFrameBytes: number;
    readonly buffer: SharedArrayBuffer;
    readonly view: DataView;
    private readonly allocator;
    /** Allocates the blocks (the cluster's main thread, once). Throws MemPoolError for bad shapes. */
    static create(thresholdBytes: number, slabs: readonly SlabShape[]): SlabLargeMessageStore;
    /** Attaches to the blocks another thread created (a worker, from its boot data). */
    static attach(buffer: SharedArrayBuffer, thresholdBytes: number): SlabLargeMessageStore;
    private constructor();
    alloc(bytes: number): number;
    free(offset: number): void;
    outstanding(): number;
}

/**
 * Role: how one cluster node reaches the others. The cluster layer (outbound staging, the
 * envelope format, remote refs, supervision) is written once against this role; a link only
 * moves batches of envelopes. `RingLink` carries them through SharedArrayBuffer rings between
 * worker threads; a network link (NATS, in `@zactor/remote`) implements the same role.
 *
 * A batch is a run of envelopes (see wire/envelope-layout.ts), 8-byte aligned, staged by the
 * sender in its own heap. Per destination, batches arrive in the order they were published.
 */
interface NodeLink {
    /**
     * The largest batch, in bytes, that one `publish` to `node` can carry (a multiple of 8), or
     * 0 when this link has no route to `node` (the node itself, or one it does not know).
     *
     * Thread contract: the sending node's thread; the value is fixed for the link's life.
     */
    batchCapacity(node: number): number;
    /**
     * Publishes the first `used` bytes of `batch` (`used` a multiple of 8 and at most
     * `batchCapacity(node)`) to `node` as one unit, and wakes `node` if it sleeps.
     * `'full'` when the link has no room now: nothing was published, and the caller keeps the
     * batch (it never waits here).
     *
     * Thread contract: the sending node's thread. On `'published'` the bytes were copied out:
     * the caller may reuse `batch` at once. The receiver sees the whole batch or none of it.
     */
    publish(node: number, batch: BatchBytes, used: number): PublishResult;
}
/** A staged batch: the same heap bytes seen as bytes and as f64 words (8-byte aligned). */
interface BatchBytes {
    readonly bytes: Uint8Array;
    readonly f64: Float64Array;
}
/** What `NodeLink.publish` did. */
type PublishResult = 'published' | 'full';

/**
 * The types a cluster definition carries to the code that uses it (types only, no runtime):
 * which kinds `spawn` accepts, the message type of the ref it returns and the arguments each
 * kind's factory takes (all read from the `actors` object given to `defineCluster`), and the TS
 * type of each registered message schema as an actor receives it.
 *
 * ```ts
 * const messages = { ping: t.struct({ seq: t.u32, from: t.ref }) };
 * type Ping = ClusterMessage<typeof messages>; // { type: 'ping'; seq: number; from: AnyActorRef }
 * ```
 */

/** Makes the behaviour of one actor kind from its spawn arguments. */
type ActorKind<A = any, M = any> = (args: A) => ActorDefinition<M>;
/** The `actors` of a cluster definition: actor kinds by name. */
type ActorKinds = Readonly<Record<string, ActorKind>>;
/** Registered message schemas by tag: structs whose values carry `[tagField]: tag`. */
type MessageSchemas = Readonly<Record<string, StructSchema>>;
/** The message type of an actor definition: a class's `Actor<M>`, a receive function's or object's `receive` parameter. */
type DefinitionMessage<D> = D extends abstract new (...args: any[]) => Actor<infer M> ? M : D extends (message: infer M, ctx: any) => unknown ? M : D extends {
    receive(message: infer M, ctx: any): unknown;
} ? M : unknown;
/** The message type of the actors a kind makes: what the ref `spawn` returns accepts. */
type KindMessage<F> = F extends (...args: never[]) => infer D ? DefinitionMessage<D> : never;
/** The spawn arguments of a kind: its factory's parameter (`undefined` for a factory without one). */
type KindArgs<F> = F extends () => unknown ? undefined : F extends (args: infer A) => unknown ? A : never;
/**
 * The options parameter of `spawn` for a kind: optional when the kind's factory takes no
 * arguments (or may take `undefined`), required with its `args` otherwise.
 */
type KindSpawnOptions<F> = undefined extends KindArgs<F> ? [options?: ClusterSpawnOptions<KindArgs<F>>] : [options: ClusterSpawnOptions<KindArgs<F>> & {
    readonly args: KindArgs<F>;
}];
/** The declared kind names of `K`. */
type KindName<K extends ActorKinds> = keyof K & string;
type Simplify<T> = {
    [P in keyof T]: T[P];
} & {};
/**
 * A registered struct's fields as an actor receives them: a top-level `t.ref` field is an
 * ActorRef (the cluster codec turns it back into one on the receiving thread, and a tell on the
 * same thread passes it as it is); everything else as the serializer decodes it (`Infer`).
 */
type ClusterFields<S extends StructSchema> = Infer<S> extends infer V ? {
    [P in keyof V]: P extends keyof S['fields'] ? S['fields'][P] extends RefSchema ? AnyActorRef : V[P] : V[P];
} : never;
/**
 * The TS type of the registered messages `S` (or of the ones tagged `Tag`): each one's fields
 * (`ClusterFields`) plus `[TagField]: tag`. Send and receive the same type: on the same thread a
 * message is passed as it is, so send typed arrays where the schema has `t.array`/`t.vec`.
 */
type ClusterMessage<S extends MessageSchemas, Tag extends keyof S & string = keyof S & string, TagField extends string = 'type'> = {
    [T in Tag]: Simplify<{
        [F in TagField]: T;
    } & ClusterFields<S[T]>>;
}[Tag];

/** What a remote cell needs from the cluster node of its thread. */
interface RemoteTransport {
    readonly system: ActorSystem;
}

/**
 * Every error this package throws is an `ActorError` whose message starts with
 * `@zactor/actor-core/<where>: `, so a user can tell at a glance which package complained.
 */
declare class ActorError extends Error {
    readonly name: string;
    /** Stable machine-readable code, e.g. `ASK_TIMEOUT`. */
    readonly code: string;
    constructor(where: string, code: string, message: string, options?: ErrorOptions);
}
/** An `ask` that got no reply in time. The temporary reply ref is gone; a late reply becomes a dead letter. */
declare class AskTimeoutError extends ActorError {
    readonly name: string;
    readonly timeoutMs: number;
    constructor(target: string, timeoutMs: number);
}
/** Thrown by `tell` when the target's bounded mailbox is full and its overflow policy is `fail`. */
declare class MailboxOverflowError extends ActorError {
    readonly name: string;
    constructor(target: string, capacity: number);
}

/**
 * The tally of bad inbound records of one node: how many, from which node, and the first one
 * in full for the one report. A record is what one drain hands over (a ring record, a network
 * message); it is bad when anything in it was refused: its type, its framing (the rest of the
 * record is skipped), or one envelope (that envelope is skipped, the rest delivered). However
 * many envelopes of one record are refused, the record counts once.
 *
 * Where a record came from: the link does not say (an MPSC ring record has no producer field),
 * so the sending node is read from the envelopes: the sender id of the refused envelope when it
 * is an actor id of a known node, else that of the record's first envelope. That is the node
 * that published the record, unless a message was forwarded with a sender on another node;
 * a record too broken to name a sender is counted as from an unknown node.
 *
 * Thread contract: owned by the node's inbound, on the node's thread.
 */

/** Why (part of) a record was refused. */
type CorruptReason = 
/** A record type other than RECORD_ENVELOPES. */
'record-type'
/** Framing (envelope-reader.ts): the rest of the record is skipped. */
 | 'misaligned' | 'truncated' | 'unknown-kind'
/** A user body the codec refused. */
 | 'undecodable'
/** A large-message reference to no block in use, or to more bytes than its block holds. */
 | 'bad-block-ref'
/** A target that is not an actor id of this node, or a sender that is not an actor id. */
 | 'bad-id'
/** A system envelope of an unknown kind, or whose body does not fit its kind. */
 | 'bad-system-message'
/** Suspend, Resume or Restart not from the target's remote parent (see inbound.ts). */
 | 'forged-directive';
/** The report of a node's first bad record. */
interface InboundCorruption {
    /** The node whose inbox it is. */
    readonly node: number;
    /** The sending node when the record names one (see the file comment), else undefined. */
    readonly from: number | undefined;
    readonly reason: CorruptReason;
    /** ActorError `RING_CORRUPT`, saying the same in words. */
    readonly error: ActorError;
}

/**
 * The counters of one node (what the cluster's metrics merge), gathered from its parts.
 *
 * Thread contract: the node's own thread; a snapshot (the allocator's figure is shared).
 */

/** Counters of one node, as merged by the cluster's metrics. */
interface NodeCounters {
    readonly messagesOut: number;
    readonly messagesIn: number;
    readonly recordsOut: number;
    readonly recordsIn: number;
    /** Publishes the link refused (the batch waited in the overflow instead). */
    readonly ringFull: number;
    /** Bytes waiting in this node's overflow queues now (backpressure). */
    readonly pendingBytes: number;
    /** The same per destination node (index = node id; 0 for this node and unreachable ones). */
    readonly pendingBytesTo: readonly number[];
    /** Tells refused because a destination's overflow held `maxPendingBytes`. */
    readonly pendingFull: number;
    readonly corrupt: number;
    /** Large messages this node sent in blocks, and received from blocks. */
    readonly largeMessagesOut: number;
    readonly largeMessagesIn: number;
    /** Large messages that waited in the overflow because no block was free. */
    readonly blocksExhausted: number;
    /** Blocks in use over the whole cluster (a snapshot of the shared allocator). */
    readonly largeBlocksInUse: number;
}

/** What a node does with a tell once the overflow for its destination holds `maxPendingBytes`. */
type PendingFullPolicy = 'drop' | 'fail';

interface ClusterNodeOptions {
    readonly nodeId: number;
    /** Pool workers plus the main thread. */
    readonly nodeCount: number;
    readonly kinds: Readonly<Record<string, ActorKind>>;
    readonly messages: MessageSchemas;
    readonly tagField: string;
    readonly link: NodeLink;
    /** Bytes that may wait for one destination in this node's heap (Infinity: no bound). */
    readonly maxPendingBytes: number;
    readonly pendingFull: PendingFullPolicy;
    readonly maxBatchBytes: number;
    /** Messages per batch the batcher may grow to. */
    readonly maxBatchMessages: number;
    /** The batcher's target for how long a message waits in a batch. */
    readonly batchLatencyMs: number;
    /** Where frames above its threshold go (see large-message.ts); none: they must fit a batch. */
    readonly largeMessages?: LargeMessageStore;
    readonly system?: ActorSystemOptions;
    /** Told of this node's first bad inbound record (once; later ones are only counted). */
    readonly onCorrupt?: (report: InboundCorruption) => void;
}

/**
 * What a dead worker's inbound ring still held when its thread was gone: the main thread drains
 * it before any new worker takes the slot, dead-letters each user message there (reason
 * `worker-dead`, decoded where it can be: undecodable ones as `null`), frees the large-message
 * blocks they referenced, and drops the system messages (watch, stop; their senders learn of
 * the death from the `worker-died` notice). Not counted, because they died with the thread's
 * heap: the messages in its actors' mailboxes and those it had staged but not yet published.
 * The records of its last drain may have been delivered already (a thread killed in the middle
 * of a drain): those are counted again here.
 */
interface LostInbox {
    /** Ring records (batches of envelopes) left unread. */
    readonly records: number;
    /** User messages in them, dead-lettered on the main thread. */
    readonly messages: number;
    /** Of those, large messages (in shared blocks, which their decode freed). */
    readonly largeMessages: number;
    /** System messages in them, dropped. */
    readonly systemMessages: number;
}

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

declare class ClusterNode implements RemoteTransport {
    readonly nodeId: number;
    readonly nodeCount: number;
    readonly system: ActorSystem;
    private readonly spawner;
    private readonly pendingFullPolicy;
    private readonly refs;
    private readonly outbound;
    private readonly inbound;
    private readonly encoder;
    /** The system's dispatcher when this node can drive it (the default one); else null. */
    private readonly driven;
    /** Inside a drain of this node's own inbox (no nested drain of it). */
    private draining;
    private flushScheduled;
    /** Inside `afterDrain`: it flushes when the actors are done, so no microtask is needed. */
    private driving;
    messagesOut: number;
    pendingFull: number;
    /** Closed by `close`: sends to other nodes are dead letters (`shutdown`). */
    private closed;
    private readonly onCorrupt;
    private readonly flushBound;
    private readonly refOfBound;
    private readonly recordBound;
    constructor(options: ClusterNodeOptions);
    /** The handler to give the inbound ring's `drain`. */
    get recordHandler(): (typeId: number, view: DataView, offset: number, length: number) => void;
    /** The ref for an actor id on any node (a dead-lettering ref for an id known to be gone). */
    refOf(id: number): AnyActorRef;
    /** The behaviour of `kind` made from `args`. Throws ActorError for an unknown kind. */
    definitionOf(kind: string, args: unknown): ActorDefinition<unknown>;
    /** Spawns `count` actors of `kind` here, or one child of `parent` (see LocalSpawner). */
    spawnLocal(kind: string, args: unknown, count: number, options?: SpawnOptions, parent?: ChildParent): number[];
    /** The tell path for anything but a number to a live node within its bound. */
    private sendOther;
    private afterStage;
    private onPendingFull;
    /** Ships every staged batch; what the link cannot take now waits in the overflow. */
    flush(): void;
    /** Whether any batch or overflow still holds messages. */
    get hasStaged(): boolean;
    /** Bytes waiting in this node's overflow queues (backpressure), per destination with `node`. */
    pendingBytes(node?: number): number;
    /** Resolves once nothing of this node waits in an overflow (see Outbound.drained). */
    drained(): Promise<void>;
    /** Handles one inbound record: a batch of envelopes. */
    onRecord(typeId: number, view: DataView, offset: number, length: number): void;
    /**
     * Drains this node's own inbound ring (the main thread's pump calls this); the actors it made
     * ready get the dispatcher's usual wake-up.
     */
    drain(ring: InboundRing, max: number): number;
    /**
     * A worker's loop calls this after each drain of its ring: runs the actors the records made
     * ready and publishes what they sent, in the same turn. Returns the actor turns run.
     */
    afterDrain(): number;
    /**
     * Node `node` died (or was found stuck and is being terminated): asks to its actors reject
     * with ActorError `WORKER_DIED`, their watchers here get Terminated, refs to them dead-letter
     * from now on, and what was staged or waiting for it becomes dead letters (`worker-dead`).
     */
    workerDied(node: number): void;
    /**
     * The inbox of a dead node (after `workerDied`), attached afresh: dead-letters what its
     * records hold (`worker-dead`; a large message's decode frees its block) and counts it.
     * Thread contract: the main thread, while no thread consumes that ring (the old one has
     * exited, no new one has started); it finishes a drain the dead consumer was ending first.
     */
    drainDeadInbox(ring: InboundRing): LostInbox;
    /** Node `node` runs again (a new generation): refs to its new actors work. */
    workerRestarted(node: number): void;
    /**
     * This node shuts down: what could not be handed to a link by now becomes dead letters with
     * reason `shutdown` (after a last flush), and so does anything sent to another node after
     * this, so every message is accounted for. Idempotent.
     */
    close(): void;
    private discard;
    private deadLetters;
    counters(): NodeCounters;
}

/** Spawn options that cross threads (a supervisor strategy object cannot). */
type RemoteSpawnOptions = Omit<SpawnOptions, 'supervisor'>;
/** One worker's part of the cluster metrics. */
interface NodeMetrics {
    readonly node: number;
    readonly system: MetricsSnapshot;
    readonly counters: NodeCounters;
    /** hdr-histogram-js compressed base64 of the tell -> receive latency (ns). */
    readonly latency: string;
    readonly heapUsedBytes: number;
    /** Bytes allocated on the node's heap since it started (see allocation-counter.ts). */
    readonly allocatedBytes: number;
    readonly uptimeMs: number;
}

/**
 * The options of `ActorCluster.start` and `ActorCluster.spawn`, and the defaults that more than
 * one part of the cluster reads.
 *
 * Thread contract: plain data; read on the main thread (the one that starts the cluster).
 */

/** `latency`: idle workers spin long before parking; `efficiency`: they park almost at once. */
type ClusterMode = 'latency' | 'efficiency';
/** Where `spawn` puts an actor when no worker is named. */
type PlacementPolicy = 'round-robin' | 'least-loaded' | 'numa-local';
interface ActorClusterOptions {
    /** The cluster module (its default export is `defineCluster(...)`), as a URL or path. */
    readonly module: URL | string;
    /** Pool workers. Default: one per usable cpu. */
    readonly workers?: number;
    /** Default `efficiency`. */
    readonly mode?: ClusterMode;
    /** Default `round-robin`. */
    readonly placement?: PlacementPolicy;
    /** Pin each worker to its cpu (Linux). Default true. */
    readonly pin?: boolean;
    /** Bytes of each inbound ring (a power of two). Default 1 MiB. */
    readonly ringBytes?: number;
    /**
     * Bytes that may wait, per destination node, in a sender's heap while the destination's ring
     * is full (a full ring never drops and never blocks the sender: batches wait in an overflow
     * queue and go out, in order, as the receiver drains). Past this bound a tell follows
     * `pendingFull`. Default: no bound (Infinity); watch `pendingBytes` in the metrics, or await
     * `drained()`, to pace a producer.
     */
    readonly maxPendingBytes?: number;
    /**
     * What a tell does once `maxPendingBytes` wait for its destination: `drop` (a dead letter with
     * reason `pending-full`, tell returns false) or `fail` (throws ActorError `PENDING_FULL`).
     * Default `drop`.
     */
    readonly pendingFull?: PendingFullPolicy;
    /** Largest batch (one ring record) in bytes. Default 64 KiB. */
    readonly maxBatchBytes?: number;
    /** Most messages per batch the adaptive batcher may choose. Default 512. */
    readonly maxBatchMessages?: number;
    /** The batcher's latency target for a message waiting in a batch. Default 0.1 ms. */
    readonly batchLatencyMs?: number;
    /**
     * Messages whose encoded frame is larger than this many bytes travel in a shared slab block
     * and the ring carries an 8-byte reference (see README, "Large messages"). An integer from 16
     * to `maxBatchBytes` - 24. Default 16 KiB.
     */
    readonly largeMessageBytes?: number;
    /**
     * The block classes for large messages, `{ blockSize, blockCount }` with power-of-two sizes
     * (64 B to 1 GiB, strictly increasing) and 1 to 65,535 blocks each; the largest block bounds
     * the largest message. Default 32 KiB x 128, 128 KiB x 32, 512 KiB x 16, 2 MiB x 4, 8 MiB x 1.
     * When none is free, the message waits (encoded, in the sender's heap) for a block, in order.
     */
    readonly largeMessageSlabs?: readonly SlabShape[];
    /** Start a new worker when one dies. Default true. */
    readonly restartWorkers?: boolean;
    /**
     * Liveness: a worker whose loop has made no step for this long is unresponsive (the
     * `worker-unresponsive` event, then `unresponsivePolicy`). Idle workers wake at least every
     * quarter of it, so a parked worker is never taken for a stuck one; a worker stuck in one
     * receive (an endless loop, a long `Atomics.wait`) is. Work that legitimately holds the loop
     * longer than this is indistinguishable from a stuck receive: set it above your longest step
     * (one dispatcher run: up to 64 actor turns of up to `throughput` messages each), with room
     * for a loaded machine. Infinity turns the watch off. Default 1000 ms; at least 20.
     */
    readonly unresponsiveMs?: number;
    /**
     * What the main thread does with an unresponsive worker: `terminate-and-restart` (the default
     * unless `restartWorkers` is false, then `terminate`) ends its thread with
     * `worker.terminate()`, fails the asks to its actors (`WORKER_DIED`), tells their watchers,
     * frees the large-message blocks its inbox held and counts what was lost, then starts a new
     * worker in its place; `terminate` does the same without the restart; `report-only` only
     * emits the event (once per silence). During `shutdown` an unresponsive worker is terminated
     * whatever the policy.
     */
    readonly unresponsivePolicy?: UnresponsivePolicy;
    /**
     * How long each of the three phases of `shutdown` (stopping the actors, handing on what waits,
     * draining the inboxes) waits for a worker's answer: a worker that has not answered by then is
     * terminated (what it held is lost, as at a death) and the other phases go on without it.
     * A stuck worker is terminated sooner, after `unresponsiveMs`. Default 10 s.
     */
    readonly shutdownTimeoutMs?: number;
    /**
     * Where failure lines go (see `ActorSystemOptions.logFailures`): the main thread's own, and
     * the workers', which they forward to the main thread (already rate-limited there), which
     * also emits them as `node-failure`. Default: stderr.
     */
    readonly logFailures?: FailureLogOption;
    /** Per-system options passed to every node. */
    readonly throughput?: number;
    readonly latencySampleEvery?: number;
    /** How long `spawn` waits for the worker's answer. Default 10 s. */
    readonly spawnTimeoutMs?: number;
    /** How to start a Worker (tests use it to run TypeScript). */
    readonly workerFactory?: WorkerFactory;
}
/** What the main thread does with a worker whose loop stopped turning (see `unresponsiveMs`). */
type UnresponsivePolicy = 'terminate-and-restart' | 'terminate' | 'report-only';
/** Options of `ActorCluster.spawn`. */
interface ClusterSpawnOptions<A> extends RemoteSpawnOptions {
    /** Arguments for the kind's factory (structured-cloned to the worker). */
    readonly args?: A;
    /** A worker index, or `main` for the main thread. Default: the placement policy's choice. */
    readonly worker?: number | 'main';
}

/**
 * What an actor can do with the cluster it runs in, from any thread: `clusterOf(ctx.system)`.
 * On the main thread the handle is the ActorCluster itself; on a pool worker it is a
 * `WorkerClusterHandle`, which asks the main thread to spawn (placement lives there, with the
 * pool's load figures) and turns the answer into refs. Spawning is rare, so it goes by
 * postMessage, not through the rings.
 *
 * An actor spawned with `spawn` is a top-level actor of the worker that hosts it, supervised by
 * that worker's strategy: watch it to learn of its end. One spawned with `spawnChild` is a child
 * of the calling actor wherever it runs (see remote-child-cell.ts and remote-children.ts).
 *
 * Thread contract: a handle is used on the thread of its actor system only.
 */

/**
 * Role: the cluster as one thread's actors see it. `K` is the cluster definition's kinds
 * (`KindsOf<typeof definition>`): `spawn` then accepts only those names, types each kind's
 * `args`, and resolves with a ref of the kind's message type. Untyped (the default), any name
 * goes and refs take any message.
 */
interface ClusterHandle<K extends ActorKinds = ActorKinds> {
    /** This thread's node: a pool worker's index, or the main thread's (the last) id. */
    readonly nodeId: number;
    /** Pool workers in the cluster (the main thread is not counted). */
    readonly workerCount: number;
    /**
     * Spawns one actor of `kind` (on `options.worker`, `'main'`, or the placement policy's
     * choice) and resolves with its ref. Rejects with ActorError (`UNKNOWN_KIND`,
     * `INVALID_OPTION`, `WORKER_DEAD`, `NOT_RUNNING`, `SPAWN_TIMEOUT`).
     */
    spawn<N extends KindName<K>>(kind: N, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>>;
    /** Spawns `count` actors of `kind` on one node with one request. */
    spawnMany<N extends KindName<K>>(kind: N, count: number, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>[]>;
    /**
     * Spawns one actor of `kind` as a child of the calling actor (`parent`, its `ctx`) on
     * `options.worker`, `'main'`, or the placement policy's choice; on the parent's own node it is
     * a plain `ctx.spawn`. The parent supervises it as a local child: its failures go to the
     * parent's strategy (the error arrives as a plain `Error` with the same name, message and
     * stack), its end reaches the parent, and it stops with the parent. Resolves once the child
     * runs. Rejects with ActorError (`UNKNOWN_KIND`, `INVALID_OPTION`, `INVALID_NAME`,
     * `DUPLICATE_NAME`, `WORKER_DEAD`, `NOT_RUNNING`, `SPAWN_TIMEOUT`); the parent then has no
     * such child. Call it from the parent's own `receive` or hooks (its thread).
     */
    spawnChild<N extends KindName<K>>(parent: ActorContext<any>, kind: N, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>>;
    /**
     * Asks `ref` from this thread, with the options of `ref.ask` (`timeoutMs`, `signal`): the same
     * call on the main thread (the `ActorCluster`) and on a worker.
     */
    ask<M, R = unknown>(ref: ActorRef<M>, message: M, options?: AskOptions): Promise<R>;
    /**
     * Backpressure: bytes this thread's node holds in its overflow queues because a destination's
     * ring was full (for one destination node with `node`). Tells never wait for room; a producer
     * that sends faster than a receiver drains sees this grow.
     */
    pendingBytes(node?: number): number;
    /**
     * Resolves once nothing this thread sent waits in an overflow any more (like a stream's
     * 'drain' event): `if (handle.pendingBytes() > limit) await handle.drained()`.
     */
    drained(): Promise<void>;
}
/**
 * The cluster `system` belongs to, or undefined for a system outside any cluster. Pass the
 * definition's kinds to type it: `clusterOf<KindsOf<typeof definition>>(ctx.system)`.
 */
declare function clusterOf<K extends ActorKinds = ActorKinds>(system: ActorSystem): ClusterHandle<K> | undefined;

/** Where a ring link finds the other nodes' inboxes. */
interface RingRoutes {
    /** Node `node`'s inbound ring, or undefined for the node itself. */
    ring(node: number): InboundRing | undefined;
    /** Wakes node `node` after a record was committed to its ring. */
    wake(node: number): void;
}
/**
 * The link between worker threads of one process: each batch becomes one `RECORD_ENVELOPES`
 * record of the destination's inbound MPSC ring (claim, copy, commit), then the destination
 * is woken. Per destination the ring is FIFO, so batches arrive in publish order.
 *
 * Thread contract: one RingLink per sending thread; `publish` is called on that thread only.
 * The ring's claim is a CAS shared with the other producers; the commit publishes the
 * record's bytes to the consumer (see MpscRing).
 */
declare class RingLink implements NodeLink {
    private readonly rings;
    /** Each destination ring's buffer as f64 words, for small copies. */
    private readonly ringWords;
    private readonly routes;
    constructor(routes: RingRoutes, nodeCount: number);
    batchCapacity(node: number): number;
    publish(node: number, batch: BatchBytes, used: number): PublishResult;
}

/**
 * What a cluster module declares. Its types travel with the definition: `ActorCluster.start<
 * typeof definition>` (or `ClusterHandle<KindsOf<typeof definition>>`) spawns only the kinds of
 * `actors`, returns refs of each kind's message type and checks each kind's `args`.
 */
interface ClusterSpec<K extends ActorKinds = ActorKinds, S extends MessageSchemas = MessageSchemas, TagField extends string = string> {
    /** Actor kinds by name: `cluster.spawn(name, { args })` runs `kinds[name](args)` on a worker. */
    readonly actors: K;
    /**
     * Message schemas by tag; values with `[tagField]: tag` use them, others the fallback codec.
     * `ClusterMessage<typeof messages>` is their TS type.
     */
    readonly messages?: S;
    /** The field naming a message's schema. Default `type`. */
    readonly tagField?: TagField;
    /**
     * How each node's guardian supervises the top-level actors spawned by `cluster.spawn`
     * (default: one-for-one restart, 10 within 10 s). Built in this module, so every thread has it.
     */
    readonly supervisor?: SupervisorStrategy;
    /** Runs on every worker once its node exists (e.g. to spawn per-worker actors). */
    readonly setup?: (worker: ClusterSetup<NoInfer<K>>) => void;
}
/**
 * What `ClusterSpec.setup` gets on each worker: the worker's actor system (to spawn local
 * actors, subscribe to its events) and the cluster as the worker's actors see it.
 *
 * Thread contract: used on the worker it was given on.
 */
interface ClusterSetup<K extends ActorKinds = ActorKinds> {
    /** This worker's node id (its pool index). */
    readonly nodeId: number;
    /** This worker's actor system. */
    readonly system: ActorSystem;
    /** The cluster from this worker: `clusterOf(system)`, typed with the definition's kinds. */
    readonly cluster: ClusterHandle<K>;
}
/** A cluster module's default export: the spec plus the worker side of the runtime. */
interface ClusterDefinition<K extends ActorKinds = ActorKinds, S extends MessageSchemas = MessageSchemas, TagField extends string = string> extends WorkerDefinition {
    readonly spec: ClusterSpec<K, S, TagField>;
}
/** The actor kinds of a cluster definition: `KindsOf<typeof definition>`. */
type KindsOf<D> = D extends ClusterDefinition<infer K, MessageSchemas, string> ? K : never;
/**
 * The TS type of a cluster definition's registered messages (all of them, or those tagged
 * `Tag`): `MessagesOf<typeof definition, 'ping'>`. See `ClusterMessage`.
 */
type MessagesOf<D, Tag extends string = string> = D extends ClusterDefinition<ActorKinds, infer S, infer F> ? ClusterMessage<S, Extract<keyof S & string, Tag>, string extends F ? 'type' : F> : never;
/**
 * Makes a cluster module's default export from its kinds and schemas; their types stay on the
 * result (see `ClusterSpec`).
 */
declare function defineCluster<const K extends ActorKinds, const S extends MessageSchemas = Record<never, never>, const TagField extends string = 'type'>(spec: ClusterSpec<K, S, TagField>): ClusterDefinition<K, S, TagField>;

/**
 * The events an ActorCluster emits (it is an EventEmitter of ClusterEvents): a worker died, a
 * worker's loop stopped making steps, or a node's inbound ring turned out corrupt.
 *
 * Thread contract: emitted and listened to on the main thread (the one that started the cluster).
 */

interface WorkerDiedInfo {
    readonly worker: number;
    readonly code: number;
    readonly error: Error | undefined;
    /** Whether a new worker took its place. */
    readonly restarted: boolean;
    /** What its inbound ring still held (see LostInbox). */
    readonly lost: LostInbox;
}
/**
 * A worker whose loop had made no step for `unresponsiveMs`. For the terminating policies it is
 * emitted once the thread is gone and its inbox drained, just before `worker-died`.
 */
interface WorkerUnresponsiveInfo {
    readonly worker: number;
    /**
     * How long the main thread had seen its heartbeat stand still when it gave up: at least
     * `unresponsiveMs`; its last step began before that, by less than one check interval (a
     * quarter of `unresponsiveMs`, at most 1 s).
     */
    readonly silentMs: number;
    /** What was done: the policy, or `terminate` when the cluster was shutting down. */
    readonly action: UnresponsivePolicy;
    /** What its inbox held when it was terminated; undefined for `report-only`. */
    readonly lost: LostInbox | undefined;
}
/**
 * A node's inbox held words no writer could have written. Either the ring itself (a record
 * header: the ring drains nothing more, `drainsOn` false), or a record's envelopes (that record
 * was skipped and counted, the inbox drains on, `drainsOn` true).
 */
interface RingCorruptInfo {
    /** The node whose inbox it is (a worker index, or the main thread's node id). */
    readonly node: number;
    /** The sending node when the bad record names one (best effort), else undefined. */
    readonly from: number | undefined;
    /** Whether the inbox goes on draining (a bad record skipped) or stopped (a bad ring). */
    readonly drainsOn: boolean;
    readonly error: Error;
}
/** A line of a worker's failure log, forwarded to the main thread (see `logFailures`). */
interface NodeFailureInfo {
    readonly node: number;
    readonly entry: FailureLogEntry;
}
interface ClusterEvents {
    /** See NodeFailureInfo. */
    'node-failure': [NodeFailureInfo];
    'worker-died': [WorkerDiedInfo];
    /** See WorkerUnresponsiveInfo and `ActorClusterOptions.unresponsivePolicy`. */
    'worker-unresponsive': [WorkerUnresponsiveInfo];
    /**
     * Reported once per ring for the ring's own corruption: messages to that node then wait in
     * the senders' overflow queues (up to `maxPendingBytes`, then `pendingFull` applies); a
     * restart of the worker does not repair the ring (producers may still be writing to it).
     * Reported once per node for its first bad record (`drainsOn`): the record is skipped and
     * counted (`counters.corrupt`, per record), and the node goes on.
     */
    'ring-corrupt': [RingCorruptInfo];
}

/**
 * Start-up of an ActorCluster: loading the cluster module's definition, then starting the
 * scheduler-numa WorkerPool (whose workers boot from ClusterBootData) and the main thread's
 * ClusterNode, linked to every worker's inbound ring and to the main thread's own.
 *
 * Thread contract: the main thread, once per cluster, inside `ActorCluster.start`.
 */

/** Any cluster's definition, as the parts of the cluster that do not care about its kinds see it. */
type AnyClusterDefinition = ClusterDefinition<Readonly<Record<string, ActorKind>>>;

/** One worker's (or the main thread's) metrics, merged from its node and its pool slot. */
interface ClusterNodeMetrics {
    readonly node: number;
    readonly system: MetricsSnapshot;
    readonly counters: NodeCounters;
    /** Messages processed per second since the previous `metrics()` call (or since start). */
    readonly messagesPerSecond: number;
    readonly heapUsedBytes: number;
    /** Heap growth per second since the previous call (what survived; see allocation below). */
    readonly heapGrowthBytesPerSecond: number;
    /** Bytes allocated on the node's heap since it started (V8 GC statistics; see AllocationCounter). */
    readonly allocatedBytes: number;
    /** Allocation rate since the previous `metrics()` call (or since start), bytes/s. */
    readonly allocatedBytesPerSecond: number;
    /** Pool metrics (event-loop utilisation, parks, wakes); undefined for the main thread. */
    readonly pool: WorkerMetrics | undefined;
    /** Bytes waiting in this node's inbound ring, and its capacity. */
    readonly ringUsedBytes: number;
    readonly ringCapacityBytes: number;
}
interface ClusterMetrics {
    readonly nodes: readonly ClusterNodeMetrics[];
    readonly total: {
        readonly messagesProcessed: number;
        readonly messagesPerSecond: number;
        readonly deadLetters: number;
        readonly failures: number;
        readonly restarts: number;
        readonly actorsAlive: number;
        readonly workerDeaths: number;
        /** Tell -> receive latency over every node (merged HDR histograms), in ns. */
        readonly latencyNs: LatencySnapshot;
    };
}

/**
 * An actor system across pinned worker threads. `ActorCluster.start` starts a scheduler-numa
 * WorkerPool whose workers load the cluster module (a `defineCluster` default export), runs a
 * ClusterNode on each worker and one on the main thread, and wires every node to every other
 * node's inbound MpscRing. Refs work from any thread: a tell to another worker is encoded,
 * batched per destination and published into that worker's ring.
 *
 * This file holds the facade; its parts are cluster-startup.ts (start-up), spawn-router.ts
 * (placement and spawn requests), control-channel.ts (postMessage requests and replies),
 * metrics-merge.ts, worker-deaths.ts (death and restart), liveness/ (stuck workers),
 * cluster-shutdown.ts and main-pump.ts (the main inbox).
 *
 * Thread contract: an ActorCluster lives on the thread that started it (the main thread);
 * actors use their `ctx`/refs on their own workers.
 */

/**
 * `K`: the cluster definition's kinds, which type `spawn` (see ClusterHandle). Name the module's
 * type when starting: `ActorCluster.start<typeof definition>(...)` with
 * `import type definition from './actors.js'` (a type-only import loads nothing).
 */
declare class ActorCluster<K extends ActorKinds = ActorKinds> extends EventEmitter<ClusterEvents> implements ClusterHandle<K> {
    /**
     * Starts the workers and the main node. Resolves once every worker is ready.
     * Throws ActorError `INVALID_MODULE` when the module's default export is not a cluster.
     * `D` is the type of that default export (`typeof definition`); the module itself is loaded
     * from `options.module` only.
     */
    static start<D extends AnyClusterDefinition = AnyClusterDefinition>(options: ActorClusterOptions): Promise<ActorCluster<KindsOf<D>>>;
    readonly definition: AnyClusterDefinition;
    readonly mode: ClusterMode;
    /** Set once the workers run. */
    workerCount: number;
    private pool;
    private running;
    private readonly mainRing;
    /** The large-message blocks every node shares. */
    readonly largeMessages: LargeMessageStore;
    private readonly options;
    /** The main thread's allocation counter (workers keep their own). */
    private readonly allocation;
    /** The liveness watch's timing (checked before any worker starts). */
    private readonly liveness;
    private readonly unresponsivePolicy;
    private readonly shutdownTimeoutMs;
    private closing;
    private shutdownPromise;
    private constructor();
    /** Starts the pool and the main node, then wires the parts that run the cluster. */
    private begin;
    /** A worker's notice: its first bad record, or a line of its failure log. */
    private noticed;
    /** The main thread's actor system (actors spawned with `worker: 'main'` live here). */
    get system(): ActorSystem;
    /** The main thread's node id (the last one: pool workers come first). */
    get nodeId(): number;
    /** The main thread's node. */
    get mainNode(): ClusterNode;
    /** Bytes the main thread's node holds in its overflow queues (see ClusterHandle). */
    pendingBytes(node?: number): number;
    /** Resolves once nothing the main thread sent waits in an overflow (see ClusterHandle). */
    drained(): Promise<void>;
    /** The ref for an actor id from any node. */
    refOf<M = unknown>(id: number): ActorRef<M>;
    /**
     * Spawns one actor of `kind` on a worker (the placement policy's choice unless `worker` is
     * given) and resolves with its ref. Rejects with ActorError `UNKNOWN_KIND`, `NOT_RUNNING`,
     * `WORKER_DEAD` or `SPAWN_TIMEOUT`.
     */
    spawn<N extends KindName<K>>(kind: N, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>>;
    /** Spawns `count` actors of `kind` on one worker with one round trip. */
    spawnMany<N extends KindName<K>>(kind: N, count: number, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>[]>;
    /** See `ClusterHandle.spawnChild`: a child of an actor of the main thread. */
    spawnChild<N extends KindName<K>>(parent: ActorContext<any>, kind: N, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>>;
    /** Sends `message` to `ref` from outside any actor (no sender). */
    tell<M>(ref: ActorRef<M>, message: M): boolean;
    /** Asks `ref` from the main thread; the same options as `ref.ask` (`timeoutMs`, `signal`). */
    ask<M, R = unknown>(ref: ActorRef<M>, message: M, options?: AskOptions): Promise<R>;
    /** @deprecated Pass `{ timeoutMs }`: a number as the third argument goes in the next release. */
    ask<M, R = unknown>(ref: ActorRef<M>, message: M, timeoutMs: number): Promise<R>;
    /**
     * Metrics of every node: per-node counters, msg/s since the previous call, pool metrics
     * (event-loop utilisation, parks, wakes), ring occupancy, and the merged latency histogram.
     */
    metrics(): Promise<ClusterMetrics>;
    /** Kills worker `worker` (for fault tests): it dies as if it crashed. */
    kill(worker: number): Promise<void>;
    /**
     * Stops every actor on every node (postStop runs; queued messages become dead letters), then
     * ends the workers and the main pump (see cluster-shutdown.ts). Each phase waits at most
     * `shutdownTimeoutMs` for a worker, and a stuck one is terminated after `unresponsiveMs`.
     * Idempotent.
     */
    shutdown(): Promise<void>;
    private stopAll;
    /** The running parts; throws ActorError `NOT_STARTED` before `start` has finished. */
    private started;
}

/**
 * The wire format of actor messages between workers. A sender stages messages for one
 * destination in a local buffer and publishes them as ONE record of the destination's inbound
 * MpscRing (record type `RECORD_ENVELOPES`); the record's payload is a run of envelopes:
 *
 * ```
 *  record payload (8-byte aligned, as the ring gives it)
 *  +-------------------+-------------------+-----+
 *  | envelope 0        | envelope 1        | ... |
 *  +-------------------+-------------------+-----+
 *
 *  envelope (little endian)
 *   0       1         2            4              8              16             24
 *  +-------+---------+------------+--------------+--------------+--------------+----------------+
 *  | kind  | sysKind | codec id   | body bytes   | target id    | sender id    | body, padded   |
 *  | u8    | u8      | u16        | u32          | f64          | f64 (-1: no) | to 8 bytes     |
 *  +-------+---------+------------+--------------+--------------+--------------+----------------+
 * ```
 *
 * - kind `ENVELOPE_USER`: body is a frame of the codec registry (codec id 0 = the fallback
 *   codec), or for codec id `CODEC_NUMBER` a bare f64; the receiver decodes it and tells
 *   `target` with `sender`.
 * - kind `ENVELOPE_USER`, codec id `CODEC_BLOCK`: the frame is in a shared slab block (see
 *   large-message.ts) and the body is only its reference, drawn at `BLOCK_REF_BYTES`.
 * - kind `ENVELOPE_SYSTEM`: `sysKind` is a `SysKind` from `sender` to `target`. Most have no
 *   body (watch, unwatch, stop, watched-terminated, child-terminated, resume, suspend); the
 *   supervision messages of remote children carry one (see `SYS_ERROR_HEADER_BYTES` and
 *   `SYS_TOKEN_BYTES`). User envelopes never look at these.
 *
 * Invariants: every envelope starts 8-byte aligned; `24 + pad8(body bytes)` is its size; an
 * envelope never crosses the record's end (a reader that finds one that would refuses the
 * rest of the record). Ids are actor ids (see ref-id.ts): integers below 2^53.
 */
declare const RECORD_ENVELOPES = 1;

declare function packRefId(worker: number, slot: number, generation: number): number;
/** The worker of an id (a non-negative integer below 2^53). */
declare function refIdWorker(id: number): number;
/** The slot of an id (a non-negative integer below 2^53). */
declare function refIdSlot(id: number): number;
declare function refIdGeneration(id: number): number;

export { Actor, type ActorBehavior, type ActorClass, type ActorClassWithArgs, ActorCluster, type ActorClusterOptions, type ActorContext, type ActorDefinition, ActorError, type ActorHooks, type ActorKind, type ActorKinds, ActorRef, ActorSystem, type ActorSystemOptions, type ActorTarget, AllForOneStrategy, type AnyActorRef, type AnyTarget, type AskOptions, AskTimeoutError, type BatchBytes, type ClassSpawnOptions, type ClusterDefinition, type ClusterEvents, type ClusterHandle, type ClusterMessage, type ClusterMetrics, type ClusterMode, ClusterNode, type ClusterNodeMetrics, type ClusterSetup, type ClusterSpawnOptions, type ClusterSpec, DEFAULT_LARGE_MESSAGE_BYTES, DEFAULT_LARGE_MESSAGE_SLABS, type DeadLetterReason, type Decider, type Directive, type Dispatcher, type DrivenDispatcher, type EventHandler, EventStream, type FailureLogEntry, type FailureLogOption, type KindArgs, type KindMessage, type KindsOf, type LargeMessageStore, type LatencySnapshot, type LostInbox, type MailboxOptions, MailboxOverflowError, type MessageOf, type MessageSchemas, type MessagesOf, type MetricsSnapshot, type NodeCounters, type NodeFailureInfo, type NodeLink, type NodeMetrics, OneForOneStrategy, type OtelMeter, type OtelObservable, type OverflowPolicy, type PendingFullPolicy, type PlacementPolicy, type PublishResult, RECORD_ENVELOPES, type ReceiveFn, type RemoteRefResolver, type RestartStats, type RingCorruptInfo, RingLink, type RingRoutes, RunQueueDispatcher, type RunQueueDispatcherOptions, type Schedulable, SlabLargeMessageStore, type SpawnOptions, type StrategyOptions, type SupervisorStrategy, type SystemEvent, type SystemEventType, SystemMetrics, Terminated, type TimerScheduler, type UnresponsivePolicy, type WorkerDiedInfo, type WorkerUnresponsiveInfo, clusterOf, defineCluster, packRefId, refIdGeneration, refIdSlot, refIdWorker };
