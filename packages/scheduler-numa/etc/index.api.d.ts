import { EventEmitter } from 'node:events';
import { WorkerOptions, Worker } from 'node:worker_threads';

/** The outcome of an affinity call: it worked, or why it did not. */
type AffinityResult = {
    readonly ok: true;
} | {
    readonly ok: false;
    readonly reason: string;
};
/** Whether this thread can change and read its CPU affinity here, and if not, why. */
interface AffinitySupport {
    readonly supported: boolean;
    readonly reason?: string;
}
/** Whether {@link pinCurrentThread}, {@link currentCpu} and {@link currentAffinity} work here. */
declare function affinitySupport(): AffinitySupport;
/**
 * Restricts the calling thread (main or worker) to `cpus`. Call it from the thread to pin.
 * Returns `{ ok: false, reason }` when affinity is unsupported or the kernel refuses (e.g. none
 * of the cpus is in this process's allowed set). Throws a SchedulerError only for misuse: an
 * empty list or a cpu that is not a non-negative integer.
 */
declare function pinCurrentThread(cpus: readonly number[]): AffinityResult;
/** The cpu the calling thread is running on right now (may be stale at once), or -1. */
declare function currentCpu(): number;
/** The cpus the calling thread may run on, ascending, or `undefined` when unsupported. */
declare function currentAffinity(): number[] | undefined;

/** `pop`/`steal`: nothing to take. */
declare const DEQUE_EMPTY = -1;
/** `steal`/`stealRecord`: lost a race with another thief or the owner; the deque may not be empty. */
declare const DEQUE_ABORT = -2;
/** `stealRecord`: the record was copied out and is yours. */
declare const DEQUE_OK = 0;
interface ChaseLevDequeOptions {
    /** Number of records; a power of two from 2 to 2^24. */
    readonly capacity: number;
    /** Int32 words per record, 1 to 1024. Default 1. */
    readonly recordWords?: number;
    /** Starting TOP/BOTTOM position, for testing the wrap at 2^31. Default 0. */
    readonly initialPosition?: number;
}
declare class ChaseLevDeque {
    /** Bytes of the region for `capacity` records of `recordWords` words (a multiple of 128). */
    static bytesFor(capacity: number, recordWords?: number): number;
    /** Allocates a SharedArrayBuffer holding one empty deque. */
    static create(options: ChaseLevDequeOptions): ChaseLevDeque;
    /**
     * Writes an empty deque's header into `sab` at `byteOffset` (128-byte aligned, with
     * `bytesFor(...)` bytes available) and attaches to it. Only for a region nobody uses yet.
     */
    static format(sab: SharedArrayBuffer, byteOffset: number, options: ChaseLevDequeOptions): ChaseLevDeque;
    /** Attaches to a deque that `create` or `format` laid out; allocates nothing shared. */
    static attach(sab: SharedArrayBuffer, byteOffset?: number): ChaseLevDeque;
    readonly buffer: SharedArrayBuffer;
    readonly byteOffset: number;
    readonly capacity: number;
    readonly recordWords: number;
    /** The whole region as words: header, then the slots from `DEQUE_SLOTS`. */
    readonly words: Int32Array;
    private readonly mask;
    private constructor();
    /**
     * Owner only. Reserves the next bottom slot and returns the word index in `words` where the
     * caller writes the record (plain stores are fine), or -1 when the deque is full. Nothing is
     * visible to thieves until `publish()`. Reads TOP with Atomics.load; a stale TOP only makes
     * the deque look fuller than it is.
     */
    tryClaim(): number;
    /**
     * Owner only, after a successful `tryClaim()`. Publishes the record with an Atomics.store of
     * BOTTOM, which orders the record's plain stores before it for any thief that loads BOTTOM.
     */
    publish(): void;
    /** Owner only. Pushes a one-word record; `false` when full. Publishes as `publish()`. */
    push(value: number): boolean;
    /**
     * Owner only. Takes the newest one-word record (LIFO), or DEQUE_EMPTY. Records must be
     * non-negative for the sentinel to be unambiguous; use `popRecord` otherwise.
     */
    pop(): number;
    /** Owner only. Copies the newest record into `dst` at `dstIndex`; `false` when empty. */
    popRecord(dst: Int32Array, dstIndex?: number): boolean;
    /**
     * Any thread but the owner. Takes the oldest one-word record (FIFO), or DEQUE_EMPTY, or
     * DEQUE_ABORT when another thread won the race (retry or look elsewhere). Loads TOP, then
     * BOTTOM (both Atomics.load, in that order, as the algorithm requires), then claims by CAS.
     */
    steal(): number;
    /**
     * Any thread but the owner. Copies the oldest record into `dst` at `dstIndex` and returns
     * DEQUE_OK, or DEQUE_EMPTY, or DEQUE_ABORT (lost a race; `dst` then holds garbage).
     */
    stealRecord(dst: Int32Array, dstIndex?: number): number;
    /**
     * Any thread. Number of records, from two Atomics loads that are not one snapshot: stale
     * by the time it returns, and clamped to [0, capacity].
     */
    size(): number;
    /**
     * Call from the new owner, before its first owner operation, when the previous owner may have
     * died in the middle of `pop` (a terminated worker): BOTTOM may then sit below TOP, and a
     * push there would be invisible to thieves. Thieves may run meanwhile; no other owner may.
     */
    repairOwner(): void;
    /**
     * The owner's half of the algorithm: returns the word index of the bottom record, now owned
     * by the caller, or -1 when empty.
     */
    private takeBottom;
}

/**
 * One worker's control block in the pool buffer (drawn in layout.ts): lifecycle words, the
 * park/wake word, the placement load counter and the worker's published counters.
 *
 * The park protocol is the classic "announce, re-check, sleep" handshake (the eventcount idea
 * behind Dmitry Vyukov's and folly's implementations): the worker stores PARKED, re-checks every
 * source of work, and only then waits on the word; a waker publishes work first and then loads
 * the word, calling Atomics.notify only if it sees PARKED. All Atomics operations are
 * sequentially consistent, so either the worker's re-check sees the work or the waker sees
 * PARKED: a wake-up cannot be lost, and a busy worker costs a waker one Atomics.load.
 */

/** Names of the lifecycle states, indexed by the CB_STATE value. */
type WorkerStateName = 'starting' | 'running' | 'stopping' | 'stopped' | 'dead';
/**
 * A snapshot of one worker's published counters. Counters are 32-bit and wrap at 2^32 (read
 * them as deltas over long runs); each field is one Atomics.load, so the snapshot is not atomic
 * as a whole and may be stale by the time it is read.
 */
interface WorkerMetrics {
    readonly workerIndex: number;
    readonly state: WorkerStateName;
    /** Restarts of this worker slot so far. */
    readonly generation: number;
    /** The cpu the worker was pinned to, or -1 when it is not pinned. */
    readonly cpu: number;
    readonly node: number;
    /** Event-loop utilisation over the last metrics interval, 0 to 1. */
    readonly eventLoopUtilization: number;
    readonly tasksRun: number;
    /** Tasks this worker submitted to its own deque from inside a handler. */
    readonly tasksSpawned: number;
    /** Tasks this worker took from another worker's deques. */
    readonly steals: number;
    readonly parks: number;
    /** Parks that ended because another thread woke the worker (not a timeout). */
    readonly wakes: number;
    /** Tasks that were running when a previous incarnation of this worker died. */
    readonly lost: number;
    /** Inbound ring records handled. */
    readonly inboundRecords: number;
    /** Placement load units (see `ControlBlock.addLoad`). */
    readonly load: number;
    /** Tasks waiting in this worker's deques. */
    readonly queued: number;
}

/**
 * The kernel's cpu list format, as in `/sys/devices/system/node/node0/cpulist` or the
 * `Cpus_allowed_list` line of `/proc/self/status`: comma-separated cpus and inclusive ranges,
 * e.g. `0-3,8-11`, optionally with a stride (`0-10:2`). Returns the cpus sorted, without
 * duplicates. An empty (or blank) list is valid and yields `[]`.
 */
declare function parseCpuList(text: string): number[];
/** The inverse of {@link parseCpuList}: `[0, 1, 2, 5]` becomes `0-2,5`. */
declare function formatCpuList(cpus: readonly number[]): string;

/**
 * Every error this package throws is a `SchedulerError` whose message starts with
 * `@zactor/scheduler-numa/<where>: `, so a user can tell at a glance which package complained.
 */
declare class SchedulerError extends Error {
    readonly name: string;
    /** Stable machine-readable code, e.g. `INVALID_CAPACITY`. */
    readonly code: string;
    constructor(where: string, code: string, message: string);
}

/**
 * Role: a worker's inbox as the pool uses it; `@zactor/ringbuffer`'s MpscRing (variable-length
 * records, any thread produces, the worker consumes).
 */
interface InboundRing {
    readonly buffer: SharedArrayBuffer;
    readonly bytes: Uint8Array;
    readonly view: DataView;
    readonly maxRecordBytes: number;
    /** Any thread: claim room for a record; the payload's byte offset, or -1 when full. */
    tryClaim(typeId: number, length: number): number;
    /** The claiming thread: publish the record. */
    commit(offset: number): void;
    /** The worker only: hand up to `max` records to `handler`. */
    drain(handler: (typeId: number, view: DataView, offset: number, length: number) => void, max?: number): number;
    /** The worker only: whether a committed record is waiting. */
    hasItems(): boolean;
    /**
     * A new worker, before its first drain: finishes a drain that a dead predecessor was ending
     * (see MpscRing.recoverConsumer); whether there was one.
     */
    recoverConsumer(): boolean;
    /**
     * The worker only: the corruption a drain found in the ring's shared words (the ring stops in
     * front of it and drains nothing more), or undefined.
     */
    corruption(): Error | undefined;
}

/**
 * Role: what a placement policy may know about a pool. Implemented by `WorkerPool` (on the
 * thread that owns the pool) and by the `WorkerContext` inside each worker, so actors and tasks
 * can be placed from any thread. Every answer is read from shared memory and may be stale.
 */
interface PlacementView {
    readonly workerCount: number;
    /** Placement load units plus queued tasks of worker `workerIndex`. */
    loadOf(workerIndex: number): number;
    /** The NUMA node worker `workerIndex` runs on. */
    nodeOf(workerIndex: number): number;
    /** Whether worker `workerIndex` is running. */
    isAlive(workerIndex: number): boolean;
    /** The NUMA node of the calling thread (0 when it cannot be told). */
    currentNode(): number;
}
/**
 * Role: picks the worker for the next actor or task. Policies are called on a hot path: they
 * return -1 rather than throw when no worker fits, and do not allocate.
 */
interface Placement {
    place(view: PlacementView): number;
}

/**
 * The running worker with the smallest load (placement units plus queued tasks, read from the
 * shared control blocks). Ties rotate, so equal workers share new work instead of the first
 * one taking it all. Not thread-safe: one instance per thread.
 */
declare class LeastLoadedPlacement implements Placement {
    private start;
    place(view: PlacementView): number;
}

/**
 * The least-loaded running worker on the caller's NUMA node, so the work lands next to the
 * memory the caller just wrote; any running worker when the node has none. Not thread-safe:
 * one instance per thread.
 */
declare class NumaLocalPlacement implements Placement {
    private start;
    place(view: PlacementView): number;
}

/**
 * Always the same worker, running or not: work sent to a dead worker waits in its queues for a
 * restart (or for thieves, when stealing is on). -1 only when the index is outside the pool.
 */
declare class PinnedPlacement implements Placement {
    readonly workerIndex: number;
    constructor(workerIndex: number);
    place(view: PlacementView): number;
}

/** One logical cpu (a hardware thread) as the kernel reports it. */
interface CpuInfo {
    readonly cpu: number;
    /** The NUMA node whose memory is local to this cpu (0 when the machine reports no nodes). */
    readonly node: number;
    /** Physical package (socket) id. */
    readonly packageId: number;
    /**
     * The physical core, named by its lowest-numbered hardware thread, so it is unique across
     * packages (the kernel's `core_id` is only unique within one package).
     */
    readonly core: number;
    /** Hardware threads sharing this cpu's core, this cpu included, ascending. */
    readonly siblings: readonly number[];
    /** Whether this process may run on the cpu (its affinity mask includes it). */
    readonly allowed: boolean;
}
/** A NUMA node and its online cpus. */
interface NumaNode {
    readonly node: number;
    readonly cpus: readonly number[];
}
/**
 * The machine as far as scheduling cares. Plain data, so it can be posted to a worker.
 * `source` says where it came from: `sysfs`, or `fallback` (one node of
 * `os.availableParallelism()` cpus) with `reason` when `/sys` could not be read.
 */
interface Topology {
    readonly source: 'sysfs' | 'fallback';
    readonly reason?: string;
    readonly nodes: readonly NumaNode[];
    /** Every online cpu, ascending by cpu number. */
    readonly cpus: readonly CpuInfo[];
    /** The online cpus this process may use, ascending. Never empty. */
    readonly allowedCpus: readonly number[];
    /** Number of physical cores among the online cpus. */
    readonly coreCount: number;
    /** Whether any core has more than one hardware thread. */
    readonly smt: boolean;
}
interface ReadTopologyOptions {
    /** Root of sysfs; tests point it at a fixture directory. Default `/sys`. */
    readonly sysRoot?: string;
    /**
     * A file in the format of `/proc/self/status`; its `Cpus_allowed_list` line gives the cpus
     * this process may use. Default `/proc/self/status`. When it cannot be read, every online
     * cpu counts as allowed.
     */
    readonly statusPath?: string;
}
/**
 * Reads the NUMA nodes, cores, SMT siblings and allowed cpus from sysfs. Synchronous and meant
 * to be called once at start-up. Never throws for a missing or partial sysfs: it falls back to
 * one node of `os.availableParallelism()` cpus and says why in `reason`.
 */
declare function readTopology(options?: ReadTopologyOptions): Topology;
/** The node of `cpu` in `topology`, or -1 when the cpu is not online there. */
declare function nodeOfCpu(topology: Topology, cpu: number): number;

/**
 * `spread` puts consecutive workers on different nodes, then different cores, and only uses a
 * core's second hardware thread once every core has one worker (throughput: each worker gets
 * its own caches and memory bandwidth). `compact` fills one core's threads, then the next core,
 * then the next node (locality: workers that talk a lot share caches).
 */
type PlacementMode = 'spread' | 'compact';
/** Where one worker of a pool runs. */
interface WorkerSlot {
    readonly workerIndex: number;
    readonly cpu: number;
    readonly node: number;
}
/** The order in which `mode` hands out the allowed cpus of `topology`. */
declare function cpuOrder(topology: Topology, mode: PlacementMode): {
    cpu: number;
    node: number;
}[];
/**
 * Assigns `count` workers to the allowed cpus of `topology` in `mode` order; when there are
 * more workers than cpus the order repeats.
 */
declare function planPlacement(topology: Topology, count: number, mode?: PlacementMode): WorkerSlot[];

/**
 * Each running worker in turn. Not thread-safe: give each thread its own instance (turns are
 * then per thread, which is what spreading needs).
 */
declare class RoundRobinPlacement implements Placement {
    private next;
    place(view: PlacementView): number;
}

/**
 * The task a handler is running: its kind and payload. One object per worker, reused for every
 * task, so read what you need during the call and do not keep it (or its views) afterwards.
 */
declare class Task {
    kind: number;
    /** Payload length in bytes. */
    length: number;
    /** The record as copied out of the deque (kind, length, payload words). */
    readonly record: Int32Array;
    /** Payload bytes; only the first `length` are meaningful. */
    readonly bytes: Uint8Array;
    /** The same payload bytes, for typed reads (`task.view.getFloat64(0, true)`). */
    readonly view: DataView;
    constructor(recordWords: number);
    /** Refreshes `kind` and `length` after a record was copied into `record`. */
    load(): this;
}

/** Runs one task. `task` is reused for the next task: read it during the call only. */
type TaskHandler = (task: Task, context: WorkerContext) => void;
/**
 * Handles one inbound ring record: `length` payload bytes at `offset` of `view`, valid only
 * during the call.
 */
type RecordHandler = (typeId: number, view: DataView, offset: number, length: number, context: WorkerContext) => void;
/** What a worker module exports as its default export (see `defineWorker`). */
interface WorkerDefinition {
    /** Task handlers by kind. A task of a kind with no handler kills the worker. */
    readonly tasks?: Readonly<Record<number, TaskHandler>>;
    /** Handles records sent to this worker's inbound ring. */
    readonly onRecord?: RecordHandler;
    /**
     * Runs after each drain of the inbound ring, inside the loop's turn (even when the drain
     * found nothing): the place to run what the records made ready and to publish what that
     * produced, without waiting for an event-loop turn. Returns how much work it did (0: none);
     * the loop counts it against its turn budget and keeps turning while there is work.
     */
    readonly afterDrain?: (context: WorkerContext) => number;
    /** Runs once, after pinning and attaching, before the worker reports ready. */
    readonly setup?: (context: WorkerContext) => void | Promise<void>;
    /** Runs once on graceful shutdown, after the last task. */
    readonly teardown?: (context: WorkerContext) => void | Promise<void>;
}
/**
 * The pool as seen from inside one of its workers. Everything here may be called from the
 * worker's thread only (it owns this worker's deque); the shared reads may be stale.
 */
interface WorkerContext extends PlacementView {
    readonly workerIndex: number;
    /** How many times this worker slot has been restarted. */
    readonly generation: number;
    /** The cpu this worker is pinned to, or -1 when it is not pinned. */
    readonly cpu: number;
    readonly node: number;
    readonly pinned: AffinityResult;
    readonly topology: Topology;
    /** The pool's `workerData` option, as structured-cloned into this worker. */
    readonly data: unknown;
    /**
     * Pushes a task onto this worker's own deque (LIFO for this worker, stealable by the others)
     * and wakes a parked worker to steal it when stealing is on. `false` when the deque is full.
     */
    submit(kind: number, payload?: Uint8Array): boolean;
    /** Copies a record into worker `workerIndex`'s inbound ring and wakes it; `false` if full. */
    send(workerIndex: number, typeId: number, payload: Uint8Array): boolean;
    /**
     * Worker `workerIndex`'s inbound ring for zero-copy writes, or undefined when the pool has
     * none. After `commit`, call `wake(workerIndex)`.
     */
    inbound(workerIndex: number): InboundRing | undefined;
    /** Wakes worker `workerIndex` if it is parked. */
    wake(workerIndex: number): void;
    /** Adds placement load units to worker `workerIndex`; returns its new load. */
    addLoad(workerIndex: number, delta: number): number;
    metrics(workerIndex: number): WorkerMetrics;
}
/** Identity function that types a worker module's default export. */
declare function defineWorker(definition: WorkerDefinition): WorkerDefinition;

/**
 * The options of a WorkerPool, the events it emits and the options of its shutdown.
 *
 * Thread contract: plain data and types, read on the thread that creates the pool.
 */

/**
 * Starts the Worker for `entry` (the pool's bootstrap module). The default starts it under the
 * main thread's loader (see inherited-loader.ts); a custom one is the way out for any other
 * setup, e.g. a worker that registers its own loader.
 */
type WorkerFactory = (entry: URL, options: WorkerOptions) => Worker;
interface WorkerPoolOptions {
    /** The worker module; its default export is a `defineWorker(...)` definition. */
    readonly module: URL | string;
    /** Number of workers. Default: the cpus this process may use. */
    readonly workers?: number;
    /** Default: `readTopology()`. */
    readonly topology?: Topology;
    /** How workers are laid over nodes, cores and SMT siblings. Default `spread`. */
    readonly placementMode?: PlacementMode;
    /** Pin each worker to its slot's cpu. Default true (reported per worker where unsupported). */
    readonly pin?: boolean;
    /** Let idle workers steal from busy ones. Default true. */
    readonly stealing?: boolean;
    /** Chooses the worker for `submit`. Default round-robin. */
    readonly placement?: Placement;
    /** Records per task deque (two per worker); a power of two. Default 4096. */
    readonly dequeCapacity?: number;
    /** Largest task payload in bytes. Default 24. */
    readonly taskPayloadBytes?: number;
    /** Bytes of each worker's inbound ring (a power of two), or 0 for none. Default 65536. */
    readonly inboundRingBytes?: number;
    /** Structured-cloned into every worker as `context.data`. */
    readonly workerData?: unknown;
    /**
     * Default: `new Worker(entry, options)` under the main thread's loader (tsx's `--import` is
     * replayed in the worker on Node < 22.2). With one, a TypeScript module is not checked up front.
     */
    readonly workerFactory?: WorkerFactory;
    /** Checks for work before parking. Default 64. */
    readonly spinBeforePark?: number;
    /** Longest a worker runs tasks before yielding to its event loop. Default 2 ms. */
    readonly turnBudgetMs?: number;
    /**
     * A parked worker re-checks for work (and its heartbeat advances) at least this often.
     * Default 1000 ms.
     */
    readonly parkTimeoutMs?: number;
    /** How often workers publish their event-loop utilisation. Default 100 ms. */
    readonly metricsIntervalMs?: number;
}
/** Reported when a worker's thread ends while the pool did not ask it to. */
interface WorkerDiedEvent {
    readonly workerIndex: number;
    readonly generation: number;
    /** The thread's exit code. */
    readonly code: number;
    /** The uncaught error that killed it, if any. */
    readonly error: Error | undefined;
    /** Tasks that were running when it died and will not run (0 or 1). */
    readonly lostTasks: number;
}
/** A worker found its inbound ring corrupt: it drains nothing more from it (see InboundRing). */
interface RingCorruptEvent {
    readonly workerIndex: number;
    readonly generation: number;
    /** SchedulerError `RING_CORRUPT`, with the ring's own description of the bad word. */
    readonly error: Error;
}
interface WorkerPoolEvents {
    'worker-died': [WorkerDiedEvent];
    'ring-corrupt': [RingCorruptEvent];
}
interface ShutdownOptions {
    /** Wait for submitted tasks to finish first. Default true. */
    readonly drain?: boolean;
    /** After this long, workers still running are terminated. Default 10000 ms. */
    readonly timeoutMs?: number;
}

/**
 * The pool: starts one pinned worker per placement slot from the user's worker module, owns the
 * shared PoolMemory, submits tasks, watches for dead workers and shuts down gracefully.
 * Everything here is for the thread that created the pool (it owns the submission deques).
 * The threads themselves (spawn, exit, death, stop) are PoolWorkers'.
 */

declare class WorkerPool extends EventEmitter<WorkerPoolEvents> implements PlacementView {
    /**
     * Starts the workers; resolves once every one has run its `setup` and reported ready. A
     * TypeScript module the workers cannot load throws SchedulerError `TS_LOADER_MISSING`.
     */
    static start(options: WorkerPoolOptions): Promise<WorkerPool>;
    readonly workerCount: number;
    readonly topology: Topology;
    /** Which cpu and node each worker runs on. */
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
    /**
     * Submits a task to the worker the pool's placement picks. `false` when that worker's
     * submission deque is full, no worker can take it, or the pool is shutting down. Throws a
     * SchedulerError only when the payload exceeds `taskPayloadBytes`.
     */
    submit(kind: number, payload?: Uint8Array): boolean;
    /**
     * Submits a task to worker `workerIndex`'s submission deque (the pool thread owns it: this
     * push is a plain write of the record, then an Atomics.store of BOTTOM), then wakes the
     * worker if parked, or else a parked worker to steal it. `false` when full or shutting down.
     */
    submitTo(workerIndex: number, kind: number, payload?: Uint8Array): boolean;
    /**
     * Tasks submitted (here or inside workers) that have neither run nor been lost with a dead
     * worker. Reads the run and lost counters before the submitted ones, so a task that ran is
     * never counted without the submission that produced it: the answer is never too low.
     */
    pending(): number;
    /**
     * Resolves when `pending()` is 0. Waits on the pool's idle sequence, which workers bump when
     * they run out of work. Tasks queued for a dead worker with stealing off keep it waiting
     * until the worker is restarted.
     */
    idle(): Promise<void>;
    /** Copies a record into worker `workerIndex`'s inbound ring and wakes it; `false` if full. */
    send(workerIndex: number, typeId: number, payload: Uint8Array): boolean;
    /** Worker `workerIndex`'s inbound ring for zero-copy writes; call `wake` after `commit`. */
    inbound(workerIndex: number): InboundRing | undefined;
    /** Wakes worker `workerIndex` if it is parked. */
    wake(workerIndex: number): void;
    /** Adds placement load units to worker `workerIndex` (Atomics.add); returns the new load. */
    addLoad(workerIndex: number, delta: number): number;
    loadOf(workerIndex: number): number;
    nodeOf(workerIndex: number): number;
    isAlive(workerIndex: number): boolean;
    currentNode(): number;
    /** A snapshot of worker `workerIndex`'s counters (also readable inside any worker). */
    metrics(workerIndex: number): WorkerMetrics;
    /** Whether worker `workerIndex` was pinned, and if not, why (as it reported when ready). */
    pinning(workerIndex: number): AffinityResult;
    /**
     * Any thread. Worker `workerIndex`'s heartbeat: the loop steps its threads have begun (one
     * Atomics.load; it wraps at 2^32, so compare values for change only). A step is a drain of
     * the inbound ring with its `afterDrain`, or a few tasks; a running worker's loop steps at
     * least once per `parkTimeoutMs` even when it has nothing to do (a parked worker wakes then),
     * so a value that stays the same for much longer means the worker is stuck in one step: a
     * handler that never returns, or a long synchronous one.
     */
    heartbeat(workerIndex: number): number;
    /** The Worker currently running slot `workerIndex`, if any. */
    worker(workerIndex: number): Worker | undefined;
    /**
     * Starts a new worker in the slot of a dead one, on the same cpu and with the same deques:
     * tasks still queued there run on the new worker. Resolves when it is ready. Throws a
     * SchedulerError unless the worker is dead.
     */
    restart(workerIndex: number): Promise<void>;
    /**
     * Stops accepting tasks, waits for the submitted ones (unless `drain` is false), then asks
     * every worker to stop: each finishes its turn, runs `teardown` and exits. Workers still
     * running after `timeoutMs` are terminated. Idempotent.
     */
    shutdown(options?: ShutdownOptions): Promise<void>;
    private stopAll;
    private badIndex;
}

export { type AffinityResult, type AffinitySupport, ChaseLevDeque, type ChaseLevDequeOptions, type CpuInfo, DEQUE_ABORT, DEQUE_EMPTY, DEQUE_OK, type InboundRing, LeastLoadedPlacement, NumaLocalPlacement, type NumaNode, PinnedPlacement, type Placement, type PlacementMode, type PlacementView, type ReadTopologyOptions, type RecordHandler, type RingCorruptEvent, RoundRobinPlacement, SchedulerError, type ShutdownOptions, Task, type TaskHandler, type Topology, type WorkerContext, type WorkerDefinition, type WorkerDiedEvent, type WorkerFactory, type WorkerMetrics, WorkerPool, type WorkerPoolEvents, type WorkerPoolOptions, type WorkerSlot, type WorkerStateName, affinitySupport, cpuOrder, currentAffinity, currentCpu, defineWorker, formatCpuList, nodeOfCpu, parseCpuList, pinCurrentThread, planPlacement, readTopology };
