import { Histogram } from "hdr-histogram-js";
import { EventEmitter } from "node:events";
import { InboundRing, Placement, WorkerFactory, WorkerDefinition, WorkerMetrics } from "@zactor/scheduler-numa";
import { StructSchema, Infer, RefSchema } from "@zactor/serializer";
import { ResourceLimits } from "node:worker_threads";
import { SlabShape } from "@zactor/mempool";
interface AskOptions {
    readonly timeoutMs?: number;
    readonly signal?: AbortSignal;
}
declare class ActorRef<M = unknown> {
    readonly id: number;
    get path(): string;
    get worker(): number;
    get slot(): number;
    tell(message: M, sender?: AnyActorRef | null): boolean;
    ask<R = unknown>(message: M, options?: AskOptions): Promise<R>;
    valueOf(): number;
    toString(): string;
}
type AnyActorRef = ActorRef<any>;
type Directive = "resume" | "restart" | "stop" | "escalate";
type Decider = (error: unknown) => Directive;
interface RestartStats {
    restartCount: number;
    restartWindowStart: number;
}
interface SupervisorStrategy {
    decide(error: unknown): Directive;
    readonly scope: "one" | "all";
    planRestart(stats: RestartStats, now: number): number;
}
interface StrategyOptions {
    readonly decider?: Decider;
    readonly maxRestarts?: number;
    readonly withinMs?: number;
    readonly backoff?: {
        readonly minMs: number;
        readonly maxMs: number;
    };
}
declare abstract class RestartLimitStrategy implements SupervisorStrategy {
    abstract readonly scope: "one" | "all";
    readonly maxRestarts: number;
    readonly withinMs: number;
    readonly minBackoffMs: number;
    readonly maxBackoffMs: number;
    private readonly decider;
    constructor(where: string, options: StrategyOptions);
    decide(error: unknown): Directive;
    planRestart(stats: RestartStats, now: number): number;
}
declare class OneForOneStrategy extends RestartLimitStrategy {
    readonly scope: "one";
    constructor(options?: StrategyOptions);
}
declare class AllForOneStrategy extends RestartLimitStrategy {
    readonly scope: "all";
    constructor(options?: StrategyOptions);
}
type DeadLetterReason = "stopped" | "mailbox-full" | "no-sender" | "worker-dead" | "node-down" | "pending-full" | "routee-failed" | "too-large" | "shutdown";
type SystemEvent = {
    readonly type: "dead-letter";
    readonly message: unknown;
    readonly sender: AnyActorRef | null;
    readonly recipient: AnyActorRef;
    readonly reason: DeadLetterReason;
} | {
    readonly type: "actor-started";
    readonly ref: AnyActorRef;
} | {
    readonly type: "actor-stopped";
    readonly ref: AnyActorRef;
} | {
    readonly type: "actor-failed";
    readonly ref: AnyActorRef;
    readonly error: unknown;
    readonly directive: Directive;
} | {
    readonly type: "actor-restarted";
    readonly ref: AnyActorRef;
    readonly error: unknown;
} | {
    readonly type: "hook-failed";
    readonly ref: AnyActorRef;
    readonly hook: "postStop" | "preRestart";
    readonly error: unknown;
};
type SystemEventType = SystemEvent["type"];
type EventHandler<E extends SystemEvent = SystemEvent> = (event: E) => void;
declare class EventStream<E extends {
    readonly type: string;
} = SystemEvent> {
    private subscriptions;
    subscriberErrors: number;
    get active(): boolean;
    subscribe<T extends E["type"]>(handler: (event: Extract<E, {
        type: T;
    }>) => void, types?: readonly T[]): () => void;
    publish(event: E): void;
}
interface Schedulable {
    readonly id: number;
    runTurn(): number;
}
interface Dispatcher {
    schedule(cell: Schedulable): void;
    readonly turnStart: number;
    driven?(): DrivenDispatcher | null;
}
interface DrivenDispatcher extends Dispatcher {
    hold(direct?: boolean): void;
    queueOnly(id: number, only?: boolean): void;
    release(): void;
    runNow(): number;
}
interface RunQueueDispatcherOptions {
    readonly timeBudgetMs?: number;
    readonly sliceTurns?: number;
}
declare class RunQueueDispatcher implements DrivenDispatcher {
    readonly timeBudgetMs: number;
    readonly sliceTurns: number;
    private clock;
    private clockStale;
    driven(): DrivenDispatcher;
    get turnStart(): number;
    private overBudget;
    drains: number;
    private readonly ready;
    private readonly local;
    private current;
    private sliceLeft;
    private running;
    private deadline;
    private pending;
    private held;
    private direct;
    private readonly directOnce;
    private readonly queuedOnly;
    private directTurns;
    private touched;
    private markerPending;
    private markerAt;
    private readonly drainBound;
    private readonly markerBound;
    constructor(options?: RunQueueDispatcherOptions);
    schedule(cell: Schedulable): void;
    queueOnly(id: number, only?: boolean): void;
    hold(direct?: boolean): void;
    private runDirect;
    private directBudget;
    release(): void;
    runNow(): number;
    private wake;
    get readyCount(): number;
    private flushLocal;
    private next;
    private touch;
    private drain;
    private run;
}
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
    readonly actorsStarted: number;
    readonly actorsStopped: number;
    readonly actorsAlive: number;
    readonly mailboxHighWater: number;
    readonly latencyNs: LatencySnapshot;
}
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
declare class SystemMetrics {
    readonly latency: Histogram;
    private readonly system;
    constructor(system: ActorSystem);
    recordLatency(ns: number): void;
    snapshot(): MetricsSnapshot;
    toPrometheus(): string;
    bindMeter(meter: OtelMeter): void;
}
type OverflowPolicy = "drop-newest" | "drop-oldest" | "fail";
type MailboxOptions = {
    readonly kind: "unbounded";
} | {
    readonly kind: "bounded";
    readonly capacity: number;
    readonly overflow?: OverflowPolicy;
};
interface SpawnOptions {
    readonly name?: string;
    readonly mailbox?: MailboxOptions;
    readonly throughput?: number;
    readonly supervisor?: SupervisorStrategy;
}
type ClassSpawnOptions<C extends ActorClassWithArgs> = SpawnOptions & {
    readonly args: ConstructorParameters<C>;
};
interface FailureLogEntry {
    readonly kind: "actor-failed" | "hook-failed" | "dead-letters" | "suppressed";
    readonly path: string | null;
    readonly line: string;
    readonly error?: unknown;
}
type FailureLogOption = false | ((entry: FailureLogEntry) => void);
interface ActorSystemOptions {
    readonly name?: string;
    readonly throughput?: number;
    readonly timeBudgetMs?: number;
    readonly sliceTurns?: number;
    readonly defaultStrategy?: SupervisorStrategy;
    readonly latencySampleEvery?: number;
    readonly worker?: number;
    readonly dispatcher?: Dispatcher;
    readonly generationBase?: number;
    readonly logFailures?: FailureLogOption;
}
type RemoteRefResolver = (id: number) => AnyActorRef;
declare class ActorSystem {
    readonly name: string;
    readonly worker: number;
    readonly throughput: number;
    readonly dispatcher: Dispatcher;
    readonly defaultStrategy: SupervisorStrategy;
    readonly events: EventStream<SystemEvent>;
    readonly metrics: SystemMetrics;
    private readonly table;
    private readonly asks;
    private readonly guardians;
    private readonly failureLog;
    constructor(options?: ActorSystemOptions);
    spawn<C extends ActorClassWithArgs>(cls: C, options: ClassSpawnOptions<C>): ActorRef<MessageOf<C>>;
    spawn<M>(definition: ActorDefinition<M>, options?: SpawnOptions): ActorRef<M>;
    stop(ref: AnyActorRef): void;
    lookup<M = unknown>(id: number): ActorRef<M> | undefined;
    private entryOf;
    private localCell;
    resolve<M = unknown>(id: number): ActorRef<M> | undefined;
    ask<M, R>(ref: ActorRef<M>, message: M, options?: AskOptions): Promise<R>;
    failPendingAsks(match: (target: AnyActorRef) => boolean, error: Error): number;
    shutdown(): Promise<void>;
    stoppedReason(): "stopped" | "shutdown";
    get isTerminated(): boolean;
    get whenTerminated(): Promise<void>;
    private spawnAskCell;
    get waitingMessages(): number;
}
declare class Terminated {
    readonly ref: AnyActorRef;
    constructor(ref: AnyActorRef);
}
interface TimerScheduler<M> {
    startSingleTimer(key: unknown, message: M, delayMs: number): void;
    startPeriodicTimer(key: unknown, message: M, intervalMs: number): void;
    isActive(key: unknown): boolean;
    cancel(key: unknown): void;
    cancelAll(): void;
}
interface ActorContext<M> {
    readonly self: ActorRef<M>;
    readonly sender: AnyActorRef | null;
    readonly parent: AnyActorRef | null;
    readonly system: ActorSystem;
    readonly children: readonly AnyActorRef[];
    readonly timers: TimerScheduler<M>;
    reply(message: unknown): void;
    tell<T>(ref: ActorRef<T>, message: T): boolean;
    spawn<C extends ActorClassWithArgs>(cls: C, options: ClassSpawnOptions<C>): ActorRef<MessageOf<C>>;
    spawn<C>(definition: ActorDefinition<C>, options?: SpawnOptions): ActorRef<C>;
    stop(ref?: AnyActorRef): void;
    watch(ref: AnyActorRef, ...message: Terminated extends M ? [
        message?: M
    ] : [
        message: M
    ]): void;
    unwatch(ref: AnyActorRef): void;
    become(receive: ReceiveFn<M>, options?: {
        readonly discardOld?: boolean;
    }): void;
    unbecome(): void;
    stash(): void;
    unstashAll(): void;
    setReceiveTimeout(timeoutMs: number, message: M): void;
    cancelReceiveTimeout(): void;
}
type ReceiveFn<M> = (message: M, ctx: ActorContext<M>) => void;
interface ActorHooks<M> {
    preStart?(ctx: ActorContext<M>): void;
    postStop?(ctx: ActorContext<M>): void;
    preRestart?(ctx: ActorContext<M>, error: unknown, message: M | undefined): void;
    postRestart?(ctx: ActorContext<M>, error: unknown): void;
}
interface ActorBehavior<M> extends ActorHooks<M> {
    receive(message: M, ctx: ActorContext<M>): void;
}
declare abstract class Actor<M> implements ActorBehavior<M> {
    readonly zactorActor: undefined;
    abstract receive(message: M, ctx: ActorContext<M>): void;
    preStart?(ctx: ActorContext<M>): void;
    postStop?(ctx: ActorContext<M>): void;
    preRestart?(ctx: ActorContext<M>, error: unknown, message: M | undefined): void;
    postRestart?(ctx: ActorContext<M>, error: unknown): void;
}
type ActorClass<M> = new () => Actor<M>;
type ActorClassWithArgs<M = any> = new (...args: any[]) => Actor<M>;
type MessageOf<C> = C extends new (...args: never[]) => Actor<infer M> ? M : never;
type ActorDefinition<M> = ActorClass<M> | ReceiveFn<M> | ActorBehavior<M>;
interface ActorTarget<M> {
    readonly ref: ActorRef<M>;
    readonly path: string;
    readonly system: ActorSystem;
    enqueue(message: M, sender: AnyActorRef | null, ref?: ActorRef<M>): boolean;
    requestStop(): void;
}
type AnyTarget = ActorTarget<any>;
interface ChildParent {
    readonly id: number;
    readonly path: string;
    readonly token: number;
}
interface LargeMessageStore {
    readonly thresholdBytes: number;
    readonly maxFrameBytes: number;
    readonly buffer: SharedArrayBuffer;
    readonly view: DataView;
    alloc(bytes: number): number;
    free(offset: number): void;
    outstanding(): number;
    hold?(block: number): void;
    release?(block: number): void;
    reclaim?(thread: number): number;
}
declare const DEFAULT_LARGE_MESSAGE_BYTES: number;
declare const DEFAULT_LARGE_MESSAGE_SLABS: readonly SlabShape[];
declare class SlabLargeMessageStore implements LargeMessageStore {
    readonly thresholdBytes: number;
    readonly maxFrameBytes: number;
    readonly buffer: SharedArrayBuffer;
    readonly view: DataView;
    readonly holdsBuffer: SharedArrayBuffer;
    private readonly holds;
    private readonly allocator;
    static create(thresholdBytes: number, slabs: readonly SlabShape[]): SlabLargeMessageStore;
    static attach(buffer: SharedArrayBuffer, thresholdBytes: number, holds?: SharedArrayBuffer, thread?: number): SlabLargeMessageStore;
    private constructor();
    alloc(bytes: number): number;
    free(offset: number): void;
    outstanding(): number;
    hold(block: number): void;
    release(block: number): void;
    reclaim(thread: number): number;
}
interface NodeLink {
    batchCapacity(node: number): number;
    publish(node: number, batch: BatchBytes, used: number): PublishResult;
    beginStep?(): void;
    endStep?(idle: boolean): void;
}
interface BatchBytes {
    readonly bytes: Uint8Array;
    readonly f64: Float64Array;
}
type PublishResult = "published" | "full";
interface ConsistentHashOptions {
    readonly hashKey: (message: never) => string | number;
    readonly virtualNodes?: number;
}
type PoolRouting = "balancing" | "round-robin" | "random" | "broadcast" | "smallest-mailbox" | {
    readonly consistentHash: ConsistentHashOptions;
};
type PoolInstances = "per-worker" | number;
interface SpawnPoolOptions<A = unknown> {
    readonly instances?: PoolInstances;
    readonly routing?: PoolRouting;
    readonly args?: A;
    readonly spawn?: Omit<RemoteSpawnOptions, "name">;
    readonly capacity?: number;
    readonly recordBytes?: number;
}
type ActorKind<A = any, M = any> = (args: A) => ActorDefinition<M>;
type ActorKinds = Readonly<Record<string, ActorKind>>;
type MessageSchemas = Readonly<Record<string, StructSchema>>;
type DefinitionMessage<D> = D extends abstract new (...args: any[]) => Actor<infer M> ? M : D extends (message: infer M, ctx: any) => unknown ? M : D extends {
    receive(message: infer M, ctx: any): unknown;
} ? M : unknown;
type KindMessage<F> = F extends (...args: never[]) => infer D ? DefinitionMessage<D> : never;
type KindArgs<F> = F extends () => unknown ? undefined : F extends (args: infer A) => unknown ? A : never;
type KindSpawnOptions<F> = undefined extends KindArgs<F> ? [
    options?: ClusterSpawnOptions<KindArgs<F>>
] : [
    options: ClusterSpawnOptions<KindArgs<F>> & {
        readonly args: KindArgs<F>;
    }
];
type KindPoolOptions<F> = undefined extends KindArgs<F> ? [
    options?: SpawnPoolOptions<KindArgs<F>>
] : [
    options: SpawnPoolOptions<KindArgs<F>> & {
        readonly args: KindArgs<F>;
    }
];
type KindName<K extends ActorKinds> = keyof K & string;
type Simplify<T> = {
    [P in keyof T]: T[P];
} & {};
type ClusterFields<S extends StructSchema> = Infer<S> extends infer V ? {
    [P in keyof V]: P extends keyof S["fields"] ? S["fields"][P] extends RefSchema ? AnyActorRef : V[P] : V[P];
} : never;
type ClusterMessage<S extends MessageSchemas, Tag extends keyof S & string = keyof S & string, TagField extends string = "type"> = {
    [T in Tag]: Simplify<{
        [F in TagField]: T;
    } & ClusterFields<S[T]>>;
}[Tag];
interface RemoteTransport {
    readonly system: ActorSystem;
}
declare class ActorError extends Error {
    readonly name: string;
    readonly code: string;
    constructor(where: string, code: string, message: string, options?: ErrorOptions);
}
declare class AskTimeoutError extends ActorError {
    readonly name: string;
    readonly timeoutMs: number;
    constructor(target: string, timeoutMs: number);
}
declare class MailboxOverflowError extends ActorError {
    readonly name: string;
    constructor(target: string, capacity: number);
}
type CorruptReason = "record-type" | "misaligned" | "truncated" | "unknown-kind" | "undecodable" | "bad-block-ref" | "bad-id" | "bad-system-message" | "forged-directive";
interface InboundCorruption {
    readonly node: number;
    readonly from: number | undefined;
    readonly reason: CorruptReason;
    readonly error: ActorError;
}
interface NodeCounters {
    readonly messagesOut: number;
    readonly messagesIn: number;
    readonly recordsOut: number;
    readonly recordsIn: number;
    readonly ringFull: number;
    readonly pendingBytes: number;
    readonly pendingBytesTo: readonly number[];
    readonly pendingFull: number;
    readonly corrupt: number;
    readonly refused: number;
    readonly largeMessagesOut: number;
    readonly largeMessagesIn: number;
    readonly blocksExhausted: number;
    readonly largeBlocksInUse: number;
}
interface NodeStates {
    isUp(node: number): boolean;
}
type NodeLossReason = "worker-dead" | "node-down";
interface NodeLoss {
    readonly reason: NodeLossReason;
    readonly code: string;
    readonly message: string;
}
interface LostInbox {
    readonly records: number;
    readonly messages: number;
    readonly largeMessages: number;
    readonly systemMessages: number;
}
interface LossHandling {
    lost(node: number, loss: NodeLoss): void;
    deadLetterBatch(view: DataView, offset: number, length: number, reason: DeadLetterReason): void;
    drainDeadInbox(ring: InboundRing): LostInbox;
}
type PendingFullPolicy = "drop" | "fail";
interface ClusterNodeOptions {
    readonly nodeId: number;
    readonly nodeCount: number;
    readonly base?: number;
    readonly mainNode?: number;
    readonly kinds: Readonly<Record<string, ActorKind>>;
    readonly messages: MessageSchemas;
    readonly tagField: string;
    readonly link: NodeLink;
    readonly maxPendingBytes: number;
    readonly pendingFull: PendingFullPolicy;
    readonly maxBatchBytes: number;
    readonly maxBatchMessages: number;
    readonly batchLatencyMs: number;
    readonly largeMessages?: LargeMessageStore;
    readonly nodeStates?: NodeStates;
    readonly system?: ActorSystemOptions;
    readonly onCorrupt?: (report: InboundCorruption) => void;
}
declare class ClusterNode implements RemoteTransport {
    readonly nodeId: number;
    readonly nodeCount: number;
    readonly base: number;
    readonly mainNodeId: number;
    readonly system: ActorSystem;
    private readonly spawner;
    private readonly refs;
    private readonly outbound;
    private readonly inbound;
    private readonly encoder;
    private readonly driven;
    private draining;
    private flushScheduled;
    private driving;
    private encodes;
    private readonly nested;
    messagesOut: number;
    private readonly refusals;
    private readonly relays;
    readonly losses: LossHandling;
    private closed;
    private readonly onCorrupt;
    private readonly flushBound;
    private readonly refOfBound;
    private readonly recordBound;
    constructor(options: ClusterNodeOptions);
    get recordHandler(): (typeId: number, view: DataView, offset: number, length: number) => void;
    refOf(id: number): AnyActorRef;
    shortcutRef(id: number, ref: AnyActorRef): void;
    definitionOf(kind: string, args: unknown): ActorDefinition<unknown>;
    spawnLocal(kind: string, args: unknown, count: number, options?: SpawnOptions, parent?: ChildParent): number[];
    private sendOther;
    private afterStage;
    flush(): void;
    get hasStaged(): boolean;
    pendingBytes(node?: number): number;
    drained(): Promise<void>;
    onRecord(typeId: number, view: DataView, offset: number, length: number, direct?: boolean): void;
    drain(ring: InboundRing, max: number): number;
    afterDrain(): number;
    workerDied(node: number): void;
    nodeLost(node: number, loss: NodeLoss): void;
    workerRestarted(node: number): void;
    close(): void;
    private discard;
    private deadLetters;
    get pendingFull(): number;
    counters(): NodeCounters;
}
type RemoteSpawnOptions = Omit<SpawnOptions, "supervisor">;
interface NodeMetrics {
    readonly node: number;
    readonly system: MetricsSnapshot;
    readonly counters: NodeCounters;
    readonly latency: string;
    readonly heapUsedBytes: number;
    readonly allocatedBytes: number;
    readonly uptimeMs: number;
}
type ClusterMode = "latency" | "efficiency";
type PlacementPolicy = "round-robin" | "least-loaded" | "numa-local" | "load-aware";
interface ActorClusterOptions {
    readonly module: URL | string;
    readonly workers?: number;
    readonly mode?: ClusterMode;
    readonly placement?: PlacementPolicy | Placement;
    readonly pin?: boolean;
    readonly ringBytes?: number;
    readonly maxPendingBytes?: number;
    readonly pendingFull?: PendingFullPolicy;
    readonly maxBatchBytes?: number;
    readonly maxBatchMessages?: number;
    readonly batchLatencyMs?: number;
    readonly mainWakeLingerMs?: number;
    readonly largeMessageBytes?: number;
    readonly largeMessageSlabs?: readonly SlabShape[];
    readonly restartWorkers?: boolean;
    readonly unresponsiveMs?: number;
    readonly unresponsivePolicy?: UnresponsivePolicy;
    readonly shutdownTimeoutMs?: number;
    readonly logFailures?: FailureLogOption;
    readonly throughput?: number;
    readonly latencySampleEvery?: number;
    readonly spawnTimeoutMs?: number;
    readonly workerFactory?: WorkerFactory;
    readonly resourceLimits?: ResourceLimits;
    readonly external?: ExternalNodes;
}
interface ExternalNodes {
    readonly base: number;
    readonly nodeCount: number;
    readonly link: NodeLink;
    readonly generationOffset?: number;
}
type UnresponsivePolicy = "terminate-and-restart" | "terminate" | "report-only";
interface ClusterSpawnOptions<A> extends RemoteSpawnOptions {
    readonly args?: A;
    readonly worker?: number | "main";
}
interface ClusterHandle<K extends ActorKinds = ActorKinds> {
    readonly nodeId: number;
    readonly workerCount: number;
    spawn<N extends KindName<K>>(kind: N, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>>;
    spawnMany<N extends KindName<K>>(kind: N, count: number, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>[]>;
    spawnChild<N extends KindName<K>>(parent: ActorContext<any>, kind: N, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>>;
    ask<M, R = unknown>(ref: ActorRef<M>, message: M, options?: AskOptions): Promise<R>;
    pendingBytes(node?: number): number;
    drained(): Promise<void>;
}
declare function clusterOf<K extends ActorKinds = ActorKinds>(system: ActorSystem): ClusterHandle<K> | undefined;
interface ClusterSpec<K extends ActorKinds = ActorKinds, S extends MessageSchemas = MessageSchemas, TagField extends string = string> {
    readonly actors: K;
    readonly messages?: S;
    readonly tagField?: TagField;
    readonly supervisor?: SupervisorStrategy;
    readonly setup?: (worker: ClusterSetup<NoInfer<K>>) => void;
}
interface ClusterSetup<K extends ActorKinds = ActorKinds> {
    readonly nodeId: number;
    readonly system: ActorSystem;
    readonly cluster: ClusterHandle<K>;
}
interface ClusterDefinition<K extends ActorKinds = ActorKinds, S extends MessageSchemas = MessageSchemas, TagField extends string = string> extends WorkerDefinition {
    readonly spec: ClusterSpec<K, S, TagField>;
}
type KindsOf<D> = D extends ClusterDefinition<infer K, MessageSchemas, string> ? K : never;
type MessagesOf<D, Tag extends string = string> = D extends ClusterDefinition<ActorKinds, infer S, infer F> ? ClusterMessage<S, Extract<keyof S & string, Tag>, string extends F ? "type" : F> : never;
declare function defineCluster<const K extends ActorKinds, const S extends MessageSchemas = Record<never, never>, const TagField extends string = "type">(spec: ClusterSpec<K, S, TagField>): ClusterDefinition<K, S, TagField>;
interface WorkerDiedInfo {
    readonly worker: number;
    readonly code: number;
    readonly error: Error | undefined;
    readonly restarted: boolean;
    readonly lost: LostInbox;
}
interface WorkerUnresponsiveInfo {
    readonly worker: number;
    readonly silentMs: number;
    readonly action: UnresponsivePolicy;
    readonly lost: LostInbox | undefined;
}
interface RingCorruptInfo {
    readonly node: number;
    readonly from: number | undefined;
    readonly drainsOn: boolean;
    readonly error: Error;
}
interface NodeFailureInfo {
    readonly node: number;
    readonly entry: FailureLogEntry;
}
interface ClusterEvents {
    "node-failure": [
        NodeFailureInfo
    ];
    "worker-died": [
        WorkerDiedInfo
    ];
    "worker-unresponsive": [
        WorkerUnresponsiveInfo
    ];
    "ring-corrupt": [
        RingCorruptInfo
    ];
}
type AnyClusterDefinition = ClusterDefinition<Readonly<Record<string, ActorKind>>>;
type LocalNodeListener = (node: number, up: boolean) => void;
interface ClusterGateway {
    readonly base: number;
    readonly mainNodeId: number;
    readonly workerCount: number;
    readonly system: ActorSystem;
    refOf(id: number): AnyActorRef;
    deliver(node: number, view: DataView, offset: number, length: number): boolean;
    afterDeliver(): void;
    flush(): void;
    nodeLost(node: number, loss: NodeLoss): void;
    nodeUp(node: number): void;
    spawn(kind: string, args: unknown, name?: string): Promise<number>;
    onLocalNode(listener: LocalNodeListener): void;
    counters(): NodeCounters;
    pendingBytes(): number;
}
interface ClusterNodeMetrics {
    readonly node: number;
    readonly system: MetricsSnapshot;
    readonly counters: NodeCounters;
    readonly messagesPerSecond: number;
    readonly heapUsedBytes: number;
    readonly heapGrowthBytesPerSecond: number;
    readonly allocatedBytes: number;
    readonly allocatedBytesPerSecond: number;
    readonly pool: WorkerMetrics | undefined;
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
        readonly latencyNs: LatencySnapshot;
    };
}
declare class ActorCluster<K extends ActorKinds = ActorKinds> extends EventEmitter<ClusterEvents> implements ClusterHandle<K> {
    static start<D extends AnyClusterDefinition = AnyClusterDefinition>(options: ActorClusterOptions): Promise<ActorCluster<KindsOf<D>>>;
    readonly definition: AnyClusterDefinition;
    readonly mode: ClusterMode;
    workerCount: number;
    private pool;
    private running;
    private readonly mainRing;
    readonly largeMessages: SlabLargeMessageStore;
    private readonly options;
    private readonly allocation;
    private readonly liveness;
    private readonly unresponsivePolicy;
    private readonly shutdownTimeoutMs;
    private readonly placement;
    private closing;
    private shutdownPromise;
    private constructor();
    private emitSafely;
    private begin;
    private noticed;
    get system(): ActorSystem;
    get nodeId(): number;
    get gateway(): ClusterGateway;
    pendingBytes(node?: number): number;
    drained(): Promise<void>;
    refOf<M = unknown>(id: number): ActorRef<M>;
    spawn<N extends KindName<K>>(kind: N, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>>;
    spawnMany<N extends KindName<K>>(kind: N, count: number, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>[]>;
    spawnPool<N extends KindName<K>>(kind: N, ...options: KindPoolOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>>;
    spawnPool<M = unknown, A = unknown>(kind: string extends KindName<K> ? string : never, options?: SpawnPoolOptions<A>): Promise<ActorRef<M>>;
    spawnChild<N extends KindName<K>>(parent: ActorContext<any>, kind: N, ...options: KindSpawnOptions<K[N]>): Promise<ActorRef<KindMessage<K[N]>>>;
    tell<M>(ref: ActorRef<M>, message: M): boolean;
    ask<M, R = unknown>(ref: ActorRef<M>, message: M, options?: AskOptions): Promise<R>;
    ask<M, R = unknown>(ref: ActorRef<M>, message: M, timeoutMs: number): Promise<R>;
    metrics(): Promise<ClusterMetrics>;
    kill(worker: number): Promise<void>;
    shutdown(): Promise<void>;
    private stopAll;
    private started;
}
declare class WakeLinger {
    readonly node: number;
    private readonly lingerMs;
    private inStep;
    private owed;
    private lastWakeAt;
    constructor(node: number, lingerMs: number);
    defers(node: number): boolean;
    owe(ring: InboundRing): void;
    full(node: number): void;
    beginStep(): void;
    endStep(idle: boolean): void;
    private pay;
}
interface RingRoutes {
    ring(node: number): InboundRing | undefined;
    wake(node: number): void;
}
declare class RingLink implements NodeLink {
    private readonly rings;
    private readonly ringWords;
    private readonly routes;
    private readonly linger;
    constructor(routes: RingRoutes, nodeCount: number, linger?: WakeLinger);
    batchCapacity(node: number): number;
    publish(node: number, batch: BatchBytes, used: number): PublishResult;
    beginStep(): void;
    endStep(idle: boolean): void;
}
declare const RECORD_ENVELOPES = 1;
declare const GENERATION_LIMIT: number;
declare function packRefId(worker: number, slot: number, generation: number): number;
declare function refIdWorker(id: number): number;
declare function refIdSlot(id: number): number;
declare function refIdGeneration(id: number): number;
export { Actor, type ActorBehavior, type ActorClass, type ActorClassWithArgs, ActorCluster, type ActorClusterOptions, type ActorContext, type ActorDefinition, ActorError, type ActorHooks, type ActorKind, type ActorKinds, ActorRef, ActorSystem, type ActorSystemOptions, type ActorTarget, AllForOneStrategy, type AnyActorRef, type AnyTarget, type AskOptions, AskTimeoutError, type BatchBytes, type ClassSpawnOptions, type ClusterDefinition, type ClusterEvents, type ClusterGateway, type ClusterHandle, type ClusterMessage, type ClusterMetrics, type ClusterMode, ClusterNode, type ClusterNodeMetrics, type ClusterSetup, type ClusterSpawnOptions, type ClusterSpec, type ConsistentHashOptions, DEFAULT_LARGE_MESSAGE_BYTES, DEFAULT_LARGE_MESSAGE_SLABS, type DeadLetterReason, type Decider, type Directive, type Dispatcher, type DrivenDispatcher, type EventHandler, EventStream, type ExternalNodes, type FailureLogEntry, type FailureLogOption, GENERATION_LIMIT, type KindArgs, type KindMessage, type KindsOf, type LargeMessageStore, type LatencySnapshot, type LocalNodeListener, type LossHandling, type LostInbox, type MailboxOptions, MailboxOverflowError, type MessageOf, type MessageSchemas, type MessagesOf, type MetricsSnapshot, type NodeCounters, type NodeFailureInfo, type NodeLink, type NodeLoss, type NodeMetrics, type NodeStates, OneForOneStrategy, type OtelMeter, type OtelObservable, type OverflowPolicy, type PendingFullPolicy, type PlacementPolicy, type PoolInstances, type PoolRouting, type PublishResult, RECORD_ENVELOPES, type ReceiveFn, type RemoteRefResolver, type RestartStats, type RingCorruptInfo, RingLink, type RingRoutes, RunQueueDispatcher, type RunQueueDispatcherOptions, type Schedulable, SlabLargeMessageStore, type SpawnOptions, type SpawnPoolOptions, type StrategyOptions, type SupervisorStrategy, type SystemEvent, type SystemEventType, SystemMetrics, Terminated, type TimerScheduler, type UnresponsivePolicy, WakeLinger, type WorkerDiedInfo, type WorkerUnresponsiveInfo, clusterOf, defineCluster, packRefId, refIdGeneration, refIdSlot, refIdWorker };
