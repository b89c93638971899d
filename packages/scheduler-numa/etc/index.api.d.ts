import { EventEmitter } from "node:events";
import { WorkerOptions, Worker, ResourceLimits } from "node:worker_threads";
type AffinityResult = {
    readonly ok: true;
} | {
    readonly ok: false;
    readonly reason: string;
};
interface AffinitySupport {
    readonly supported: boolean;
    readonly reason?: string;
}
declare function affinitySupport(): AffinitySupport;
declare function pinCurrentThread(cpus: readonly number[]): AffinityResult;
declare function currentCpu(): number;
declare function currentAffinity(): number[] | undefined;
declare const DEQUE_EMPTY = -1;
declare const DEQUE_ABORT = -2;
declare const DEQUE_OK = 0;
interface ChaseLevDequeOptions {
    readonly capacity: number;
    readonly recordWords?: number;
    readonly initialPosition?: number;
}
declare class ChaseLevDeque {
    static bytesFor(capacity: number, recordWords?: number): number;
    static create(options: ChaseLevDequeOptions): ChaseLevDeque;
    static format(sab: SharedArrayBuffer, byteOffset: number, options: ChaseLevDequeOptions): ChaseLevDeque;
    static attach(sab: SharedArrayBuffer, byteOffset?: number): ChaseLevDeque;
    readonly buffer: SharedArrayBuffer;
    readonly byteOffset: number;
    readonly capacity: number;
    readonly recordWords: number;
    readonly words: Int32Array;
    private readonly mask;
    private constructor();
    tryClaim(): number;
    publish(): void;
    push(value: number): boolean;
    pop(): number;
    popRecord(dst: Int32Array, dstIndex?: number): boolean;
    steal(): number;
    stealRecord(dst: Int32Array, dstIndex?: number): number;
    size(): number;
    repairOwner(): void;
    private takeBottom;
}
type WorkerStateName = "starting" | "running" | "stopping" | "stopped" | "dead";
interface WorkerMetrics {
    readonly workerIndex: number;
    readonly state: WorkerStateName;
    readonly generation: number;
    readonly cpu: number;
    readonly node: number;
    readonly eventLoopUtilization: number;
    readonly tasksRun: number;
    readonly tasksSpawned: number;
    readonly steals: number;
    readonly parks: number;
    readonly wakes: number;
    readonly lost: number;
    readonly inboundRecords: number;
    readonly load: number;
    readonly queued: number;
    readonly backlog: number;
}
declare function parseCpuList(text: string): number[];
declare function formatCpuList(cpus: readonly number[]): string;
declare class SchedulerError extends Error {
    readonly name: string;
    readonly code: string;
    constructor(where: string, code: string, message: string);
}
interface InboundRing {
    readonly buffer: SharedArrayBuffer;
    readonly bytes: Uint8Array;
    readonly view: DataView;
    readonly maxRecordBytes: number;
    tryClaim(typeId: number, length: number): number;
    commit(offset: number): void;
    commitQuietly(offset: number): void;
    wakeConsumer(): void;
    drain(handler: (typeId: number, view: DataView, offset: number, length: number) => void, max?: number): number;
    hasItems(): boolean;
    recoverConsumer(): boolean;
    corruption(): Error | undefined;
}
interface PlacementView {
    readonly workerCount: number;
    loadOf(workerIndex: number): number;
    nodeOf(workerIndex: number): number;
    isAlive(workerIndex: number): boolean;
    currentNode(): number;
    utilisationOf?(workerIndex: number): number;
    backlogOf?(workerIndex: number): number;
}
interface Placement {
    place(view: PlacementView): number;
}
declare class LeastLoadedPlacement implements Placement {
    private start;
    place(view: PlacementView): number;
}
declare class LoadAwarePlacement implements Placement {
    private start;
    place(view: PlacementView): number;
    private best;
}
declare class NumaLocalPlacement implements Placement {
    private start;
    place(view: PlacementView): number;
}
declare class PinnedPlacement implements Placement {
    readonly workerIndex: number;
    constructor(workerIndex: number);
    place(view: PlacementView): number;
}
interface CpuInfo {
    readonly cpu: number;
    readonly node: number;
    readonly packageId: number;
    readonly core: number;
    readonly siblings: readonly number[];
    readonly allowed: boolean;
}
interface NumaNode {
    readonly node: number;
    readonly cpus: readonly number[];
}
interface Topology {
    readonly source: "sysfs" | "fallback";
    readonly reason?: string;
    readonly nodes: readonly NumaNode[];
    readonly cpus: readonly CpuInfo[];
    readonly allowedCpus: readonly number[];
    readonly coreCount: number;
    readonly smt: boolean;
}
interface ReadTopologyOptions {
    readonly sysRoot?: string;
    readonly statusPath?: string;
}
declare function readTopology(options?: ReadTopologyOptions): Topology;
declare function nodeOfCpu(topology: Topology, cpu: number): number;
type PlacementMode = "spread" | "compact";
interface WorkerSlot {
    readonly workerIndex: number;
    readonly cpu: number;
    readonly node: number;
}
declare function cpuOrder(topology: Topology, mode: PlacementMode): {
    cpu: number;
    node: number;
}[];
declare function planPlacement(topology: Topology, count: number, mode?: PlacementMode): WorkerSlot[];
declare class RoundRobinPlacement implements Placement {
    private next;
    place(view: PlacementView): number;
}
declare class Task {
    kind: number;
    length: number;
    readonly record: Int32Array;
    readonly bytes: Uint8Array;
    readonly view: DataView;
    constructor(recordWords: number);
    load(): this;
}
type TaskHandler = (task: Task, context: WorkerContext) => void;
type RecordHandler = (typeId: number, view: DataView, offset: number, length: number, context: WorkerContext) => void;
interface WorkerDefinition {
    readonly tasks?: Readonly<Record<number, TaskHandler>>;
    readonly onRecord?: RecordHandler;
    readonly afterDrain?: (context: WorkerContext) => number;
    readonly hasWork?: (context: WorkerContext) => boolean;
    readonly backlog?: (context: WorkerContext) => number;
    readonly setup?: (context: WorkerContext) => void | Promise<void>;
    readonly teardown?: (context: WorkerContext) => void | Promise<void>;
}
interface WorkerContext extends PlacementView {
    readonly workerIndex: number;
    readonly generation: number;
    readonly cpu: number;
    readonly node: number;
    readonly pinned: AffinityResult;
    readonly topology: Topology;
    readonly data: unknown;
    submit(kind: number, payload?: Uint8Array): boolean;
    send(workerIndex: number, typeId: number, payload: Uint8Array): boolean;
    inbound(workerIndex: number): InboundRing | undefined;
    wake(workerIndex: number): void;
    addLoad(workerIndex: number, delta: number): number;
    metrics(workerIndex: number): WorkerMetrics;
}
declare function defineWorker(definition: WorkerDefinition): WorkerDefinition;
type WorkerFactory = (entry: URL, options: WorkerOptions) => Worker;
interface WorkerPoolOptions {
    readonly module: URL | string;
    readonly workers?: number;
    readonly topology?: Topology;
    readonly placementMode?: PlacementMode;
    readonly pin?: boolean;
    readonly stealing?: boolean;
    readonly placement?: Placement;
    readonly dequeCapacity?: number;
    readonly taskPayloadBytes?: number;
    readonly inboundRingBytes?: number;
    readonly workerData?: unknown;
    readonly workerFactory?: WorkerFactory;
    readonly resourceLimits?: ResourceLimits;
    readonly spinBeforePark?: number;
    readonly turnBudgetMs?: number;
    readonly parkTimeoutMs?: number;
    readonly metricsIntervalMs?: number;
}
interface WorkerDiedEvent {
    readonly workerIndex: number;
    readonly generation: number;
    readonly code: number;
    readonly error: Error | undefined;
    readonly lostTasks: number;
}
interface RingCorruptEvent {
    readonly workerIndex: number;
    readonly generation: number;
    readonly error: Error;
}
interface WorkerPoolEvents {
    "worker-died": [
        WorkerDiedEvent
    ];
    "ring-corrupt": [
        RingCorruptEvent
    ];
}
interface ShutdownOptions {
    readonly drain?: boolean;
    readonly timeoutMs?: number;
}
declare class WorkerPool extends EventEmitter<WorkerPoolEvents> implements PlacementView {
    static start(options: WorkerPoolOptions): Promise<WorkerPool>;
    readonly workerCount: number;
    readonly topology: Topology;
    readonly plan: readonly WorkerSlot[];
    private readonly memory;
    private readonly moduleUrl;
    private readonly loop;
    private readonly rings;
    private readonly placement;
    private readonly threads;
    private submitted;
    private closed;
    private shuttingDown;
    private constructor();
    submit(kind: number, payload?: Uint8Array): boolean;
    submitTo(workerIndex: number, kind: number, payload?: Uint8Array): boolean;
    pending(): number;
    idle(): Promise<void>;
    send(workerIndex: number, typeId: number, payload: Uint8Array): boolean;
    inbound(workerIndex: number): InboundRing | undefined;
    wake(workerIndex: number): void;
    addLoad(workerIndex: number, delta: number): number;
    loadOf(workerIndex: number): number;
    nodeOf(workerIndex: number): number;
    utilisationOf(workerIndex: number): number;
    backlogOf(workerIndex: number): number;
    isAlive(workerIndex: number): boolean;
    currentNode(): number;
    metrics(workerIndex: number): WorkerMetrics;
    pinning(workerIndex: number): AffinityResult;
    heartbeat(workerIndex: number): number;
    worker(workerIndex: number): Worker | undefined;
    restart(workerIndex: number): Promise<void>;
    shutdown(options?: ShutdownOptions): Promise<void>;
    private stopAll;
    private badIndex;
}
export { type AffinityResult, type AffinitySupport, ChaseLevDeque, type ChaseLevDequeOptions, type CpuInfo, DEQUE_ABORT, DEQUE_EMPTY, DEQUE_OK, type InboundRing, LeastLoadedPlacement, LoadAwarePlacement, NumaLocalPlacement, type NumaNode, PinnedPlacement, type Placement, type PlacementMode, type PlacementView, type ReadTopologyOptions, type RecordHandler, type RingCorruptEvent, RoundRobinPlacement, SchedulerError, type ShutdownOptions, Task, type TaskHandler, type Topology, type WorkerContext, type WorkerDefinition, type WorkerDiedEvent, type WorkerFactory, type WorkerMetrics, WorkerPool, type WorkerPoolEvents, type WorkerPoolOptions, type WorkerSlot, type WorkerStateName, affinitySupport, cpuOrder, currentAffinity, currentCpu, defineWorker, formatCpuList, nodeOfCpu, parseCpuList, pinCurrentThread, planPlacement, readTopology };
