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
import {
  CB_BACKLOG,
  CB_CPU,
  CB_ELU_PPM,
  CB_GENERATION,
  CB_INBOUND,
  CB_LOAD,
  CB_LOST,
  CB_NODE,
  CB_PARK,
  CB_PARKS,
  CB_STATE,
  CB_STEALS,
  CB_TASKS_RUN,
  CB_TASKS_SPAWNED,
  CB_TASKS_STARTED,
  CB_WAKES,
  CB_WORDS,
  PARK_AWAKE,
  PARK_PARKED,
  WorkerState,
} from './layout.js';

/** Names of the lifecycle states, indexed by the CB_STATE value. */
export type WorkerStateName = 'starting' | 'running' | 'stopping' | 'stopped' | 'dead';
const STATE_NAMES: readonly WorkerStateName[] = [
  'starting',
  'running',
  'stopping',
  'stopped',
  'dead',
];

/**
 * A snapshot of one worker's published counters. Counters are 32-bit and wrap at 2^32 (read
 * them as deltas over long runs); each field is one Atomics.load, so the snapshot is not atomic
 * as a whole and may be stale by the time it is read.
 */
export interface WorkerMetrics {
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
  /** Work waiting in the definition's own queues, as last published (see `backlog`). */
  readonly backlog: number;
}

export class ControlBlock {
  /** The block's words; index with the CB_* constants of layout.ts. */
  readonly words: Int32Array;

  /** Attaches to the control block at `byteOffset` of `sab`; allocates nothing shared. */
  constructor(
    sab: SharedArrayBuffer,
    byteOffset: number,
    readonly workerIndex: number,
  ) {
    this.words = new Int32Array(sab, byteOffset, CB_WORDS);
  }

  /** Any thread. The lifecycle state (Atomics.load; may be stale). */
  state(): WorkerState {
    return Atomics.load(this.words, CB_STATE) as WorkerState;
  }

  /** Any thread. The lifecycle state by name. */
  stateName(): WorkerStateName {
    return STATE_NAMES[this.state()] ?? 'dead';
  }

  /** The pool thread and the worker. Sets the lifecycle state with Atomics.store. */
  setState(state: WorkerState): void {
    Atomics.store(this.words, CB_STATE, state);
  }

  /** Any thread. Whether the worker is running (Atomics.load; may be stale). */
  isRunning(): boolean {
    return Atomics.load(this.words, CB_STATE) === WorkerState.Running;
  }

  /** The pool thread, before the worker starts. Records its cpu, node and generation. */
  describe(cpu: number, node: number, generation: number): void {
    Atomics.store(this.words, CB_CPU, cpu);
    Atomics.store(this.words, CB_NODE, node);
    Atomics.store(this.words, CB_GENERATION, generation);
  }

  /** Any thread. The NUMA node the worker was placed on. */
  node(): number {
    return Atomics.load(this.words, CB_NODE);
  }

  /**
   * Any thread, after publishing work for this worker with an Atomics store. Wakes the worker
   * if it is parked: an Atomics.load of PARK, and only if PARKED, a CAS to AWAKE (so exactly
   * one waker notifies) and Atomics.notify. Returns whether this call woke it.
   */
  wake(): boolean {
    const w = this.words;
    if (Atomics.load(w, CB_PARK) !== PARK_PARKED) return false;
    if (Atomics.compareExchange(w, CB_PARK, PARK_PARKED, PARK_AWAKE) !== PARK_PARKED) return false;
    Atomics.notify(w, CB_PARK, 1);
    return true;
  }

  /** Any thread. Whether the worker has announced it is parking (Atomics.load; may be stale). */
  isParked(): boolean {
    return Atomics.load(this.words, CB_PARK) === PARK_PARKED;
  }

  /**
   * The worker only. Announces the park with an Atomics.store of PARKED. The caller must then
   * re-check every source of work and call `unpark()` if it finds any, or wait on PARK.
   */
  announcePark(): void {
    Atomics.store(this.words, CB_PARK, PARK_PARKED);
  }

  /**
   * The worker only, after a park ended (or was abandoned). Stores AWAKE; returns whether a
   * waker had already done so (i.e. the worker was woken rather than timing out).
   */
  unpark(): boolean {
    return Atomics.exchange(this.words, CB_PARK, PARK_AWAKE) === PARK_AWAKE;
  }

  /** Any thread. Adds `delta` placement units (Atomics.add) and returns the new load. */
  addLoad(delta: number): number {
    return (Atomics.add(this.words, CB_LOAD, delta) + delta) | 0;
  }

  /** Any thread. Placement load units (Atomics.load; may be stale). */
  load(): number {
    return Atomics.load(this.words, CB_LOAD);
  }

  /**
   * Any thread. The event-loop utilisation the worker published for its last metrics interval,
   * 0 to 1 (Atomics.load; as stale as that interval).
   */
  utilisation(): number {
    return Atomics.load(this.words, CB_ELU_PPM) / 1e6;
  }

  /**
   * Any thread. Work waiting in the worker's own queues as its definition counts it (e.g.
   * messages in mailboxes), published by the worker on its metrics interval and when a loop
   * turn ends (Atomics.load; as stale as that). 0 for a definition without `backlog`.
   */
  backlog(): number {
    return Atomics.load(this.words, CB_BACKLOG);
  }

  /** Any thread. One published counter word (Atomics.load), e.g. CB_TASKS_RUN. */
  counter(index: number): number {
    return Atomics.load(this.words, index);
  }

  /** The worker only (single writer). Publishes a counter with Atomics.store. */
  publish(index: number, value: number): void {
    Atomics.store(this.words, index, value);
  }

  /**
   * The pool thread, once the worker's thread has exited (so nothing else writes its
   * counters). Moves a task that was running when it died from STARTED to LOST and returns how
   * many that was (0 or 1).
   */
  settleDeadWorker(): number {
    const w = this.words;
    const run = Atomics.load(w, CB_TASKS_RUN);
    const inFlight = (Atomics.load(w, CB_TASKS_STARTED) - run) | 0;
    if (inFlight > 0) {
      Atomics.add(w, CB_LOST, inFlight);
      Atomics.store(w, CB_TASKS_STARTED, run);
    }
    Atomics.store(w, CB_PARK, PARK_AWAKE);
    return Math.max(inFlight, 0);
  }

  /** Any thread. A snapshot of the counters; `queued` is supplied by the caller. */
  metrics(queued: number): WorkerMetrics {
    const w = this.words;
    const u32 = (index: number) => Atomics.load(w, index) >>> 0;
    return {
      workerIndex: this.workerIndex,
      state: this.stateName(),
      generation: Atomics.load(w, CB_GENERATION),
      cpu: Atomics.load(w, CB_CPU),
      node: Atomics.load(w, CB_NODE),
      eventLoopUtilization: Atomics.load(w, CB_ELU_PPM) / 1e6,
      tasksRun: u32(CB_TASKS_RUN),
      tasksSpawned: u32(CB_TASKS_SPAWNED),
      steals: u32(CB_STEALS),
      parks: u32(CB_PARKS),
      wakes: u32(CB_WAKES),
      lost: u32(CB_LOST),
      inboundRecords: u32(CB_INBOUND),
      load: Atomics.load(w, CB_LOAD),
      queued,
      backlog: Atomics.load(w, CB_BACKLOG),
    };
  }
}
