/**
 * The loop every pool worker runs: drain the inbound ring, run tasks from its own deque (LIFO),
 * then from its submission deque (FIFO), then steal from the other workers (random victim
 * first, as in Blumofe and Leiserson's randomised work stealing); when all are empty, spin
 * briefly (work found while spinning is taken in the same turn) and park on the control
 * block's PARK word with Atomics.waitAsync, so the worker's event loop stays free for timers,
 * I/O and messages. Each turn is bounded by a time budget and ends with setImmediate, so the
 * event loop runs between turns. The definition's `afterDrain` runs after each drain of the
 * inbound ring, so what the records made ready runs in the same turn. What a worker attaches to
 * and the calls that reach other workers are in WorkerAttachment; parking is WorkerParker's.
 */
import { performance } from 'node:perf_hooks';
import type { AffinityResult } from './affinity.js';
import { DEQUE_ABORT, DEQUE_OK } from './chase-lev-deque.js';
import { SchedulerError } from './errors.js';
import type { InboundRing } from './inbound-ring.js';
import {
  CB_HEARTBEAT,
  CB_INBOUND,
  CB_STEALS,
  CB_TASKS_RUN,
  CB_TASKS_SPAWNED,
  CB_TASKS_STARTED,
  WorkerState,
} from './layout.js';
import { LoadPublisher } from './load-publisher.js';
import { RingCorruptWatch } from './ring-corrupt-report.js';
import { checkPayload, pushTask, Task } from './task.js';
import { WorkerAttachment } from './worker-attachment.js';
import type { TaskHandler, WorkerContext, WorkerDefinition } from './worker-definition.js';
import { WorkerParker } from './worker-parker.js';
import type { WorkerBootData, WorkerLoopOptions, WorkerMessage } from './worker-protocol.js';

/** Tasks run between two checks of the turn's time budget. */
const BUDGET_CHECK_EVERY = 64;
/** Inbound records handled per drain call. */
const INBOUND_BATCH = 256;
/**
 * Inbound records handled per drain call when the definition has `afterDrain` (an actor
 * cluster: each record is a batch of up to hundreds of messages). The actors those messages
 * made ready run after every couple of records, so one busy receiver's mailbox stays short
 * instead of growing to a whole ring's worth (its queue regrew and was dropped on every drain),
 * and the ring's space goes back to the producers sooner (a drain releases what it read when
 * it ends). Measured with 2 workers (throwaway driver, medians of interleaved runs): fan-in
 * 10,000 -> 1 about 4 -> 15 M msg/s, fan-out 1 -> 10,000 about 4 -> 10 M msg/s; split ping-pong
 * pairs no worse (noise +-30%).
 */
const DRIVEN_INBOUND_BATCH = 2;

export class WorkerRuntime extends WorkerAttachment implements WorkerContext {
  /** This worker's inbox, when the definition handles records. */
  private readonly ring: InboundRing | undefined;
  private readonly handlers: (TaskHandler | undefined)[] = [];
  private readonly definition: WorkerDefinition;
  private readonly loop: WorkerLoopOptions;
  private readonly task: Task;
  /**
   * Whether this worker takes tasks at all: a definition with no task handlers and no stealing
   * (an actor cluster's workers, which only use their ring) skips the deques in its loop, so a
   * spinning worker polls nothing but its ring.
   */
  private readonly takesTasks: boolean;

  // Worker-local copies of the published counters (single writer: this thread).
  private started: number;
  private run: number;
  private spawned: number;
  private steals: number;
  private records: number;
  private beats: number;

  private scheduled = false;
  private stopping = false;
  private random: number;
  private readonly parker: WorkerParker;
  private readonly load: LoadPublisher;
  private readonly corruption: RingCorruptWatch;
  private onStopped: (() => void) | undefined;

  // Bound once, so the loop creates no closures per turn.
  private readonly turnBound = () => this.turn();
  private readonly recordBound = (typeId: number, view: DataView, offset: number, length: number) =>
    this.record(typeId, view, offset, length);

  constructor(
    boot: WorkerBootData,
    definition: WorkerDefinition,
    pinned: AffinityResult,
    report: (message: WorkerMessage) => void = () => {},
  ) {
    super(boot, pinned);
    this.loop = boot.loop;
    this.definition = definition;
    this.ring = definition.onRecord === undefined ? undefined : this.rings[boot.workerIndex];
    this.task = new Task(this.memory.recordWords);
    for (const [kind, handler] of Object.entries(definition.tasks ?? {})) {
      this.handlers[Number(kind)] = handler;
    }
    this.takesTasks = this.handlers.length > 0 || this.loop.stealing;
    // A restarted worker carries on from the counters its predecessor published.
    const b = this.block;
    this.started = b.counter(CB_TASKS_STARTED);
    this.run = b.counter(CB_TASKS_RUN);
    this.spawned = b.counter(CB_TASKS_SPAWNED);
    this.steals = b.counter(CB_STEALS);
    this.records = b.counter(CB_INBOUND);
    this.beats = b.counter(CB_HEARTBEAT);
    this.random = (boot.workerIndex * 0x9e3779b9 + boot.generation + 1) | 0 || 1;
    this.parker = new WorkerParker(b, this.memory, this.loop.parkTimeoutMs, () => this.schedule());
    const backlog = definition.backlog;
    this.load = new LoadPublisher(b, backlog === undefined ? undefined : () => backlog(this));
    this.corruption = new RingCorruptWatch(this.ring, report);
  }

  /**
   * Called once by the worker entry: places this worker's pages, repairs the deque a dead
   * predecessor may have left mid-pop and the inbox it may have left mid-drain, runs `setup`,
   * then starts the loop.
   */
  async start(): Promise<void> {
    this.memory.touchPages(this.workerIndex);
    this.local.repairOwner();
    // Likewise for the inbox: a predecessor killed while ending a drain must not leave zeroed
    // bytes at the head, which would read as "not committed yet" forever.
    this.ring?.recoverConsumer();
    await this.definition.setup?.(this);
    this.block.setState(WorkerState.Running);
    this.load.start(this.loop.metricsIntervalMs);
    this.schedule();
  }

  /** Stops after the current turn, runs `teardown`, and resolves when done. */
  stop(): Promise<void> {
    this.stopping = true;
    this.block.setState(WorkerState.Stopping);
    const done = new Promise<void>((resolve) => {
      this.onStopped = resolve;
    });
    if (this.parker.parked) this.block.wake();
    else this.schedule();
    return done;
  }

  // ---- WorkerContext ------------------------------------------------------------------------

  /** This worker's thread (the local deque's owner); see WorkerContext.submit. */
  submit(kind: number, payload?: Uint8Array): boolean {
    checkPayload(this.local, payload, 'WorkerContext.submit');
    // Count the task before publishing it: a thief may run it at once, and the pool's pending
    // count must never see it run without seeing it submitted (that would read as idle).
    this.block.publish(CB_TASKS_SPAWNED, (this.spawned + 1) | 0);
    if (!pushTask(this.local, this.memory.bytes, kind, payload, 'WorkerContext.submit')) {
      this.block.publish(CB_TASKS_SPAWNED, this.spawned);
      return false;
    }
    this.spawned = (this.spawned + 1) | 0;
    if (this.loop.stealing) this.memory.wakeOne(this.workerIndex + 1);
    return true;
  }

  // ---- the loop -----------------------------------------------------------------------------

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.turnBound);
  }

  private turn(): void {
    this.scheduled = false;
    if (this.stopping) {
      this.finish();
      return;
    }
    const deadline = performance.now() + this.loop.turnBudgetMs;
    const afterDrain = this.definition.afterDrain;
    const drainMax = afterDrain === undefined ? INBOUND_BATCH : DRIVEN_INBOUND_BATCH;
    // Work done since the clock was last read: reading it per step would cost a round trip
    // of single messages more than the step itself.
    let unclocked = 0;
    for (;;) {
      // The heartbeat (WorkerPool.heartbeat), once per step rather than per turn: a turn of
      // slow steps (records whose actors take long) lasts until 64 units of work are counted.
      Atomics.store(this.block.words, CB_HEARTBEAT, (this.beats = (this.beats + 1) | 0));
      let step = 0;
      if (this.ring !== undefined) {
        step = this.ring.drain(this.recordBound, drainMax);
        if (step !== 0) this.block.publish(CB_INBOUND, this.records);
      }
      if (afterDrain !== undefined) step += afterDrain(this);
      while (step < BUDGET_CHECK_EVERY && this.takesTasks && this.runOne()) step++;
      if (step === 0) {
        // Idle: spin inside this turn, so work that comes soon is taken without waiting for
        // an event-loop turn (a setImmediate costs microseconds), as long as the budget lasts.
        const polls = this.spin();
        if (polls < 0) break;
        // Long spins count too, so the budget still ends the turn in time.
        step = 1 + (polls >>> 4);
      }
      unclocked += step;
      if (unclocked >= BUDGET_CHECK_EVERY) {
        unclocked = 0;
        if (performance.now() >= deadline) {
          // A busy turn ends here: what still waits is the backlog placement should see.
          this.load.publishBacklog();
          this.schedule();
          return;
        }
      }
    }
    this.load.publishBacklog();
    this.park();
  }

  /** Polls for work up to `spinBeforePark` times: the polls it took to find some, or -1. */
  private spin(): number {
    for (let spin = 0; spin < this.loop.spinBeforePark; spin++) if (this.hasWork()) return spin;
    return -1;
  }

  /**
   * Finds and runs one task; `false` when every deque it may take from is empty.
   *
   * A taken task is counted STARTED right where the take returns, with a direct Atomics.store
   * and no call in between: a worker is only stopped at a function entry or a loop back edge,
   * so it cannot die holding a task that the pool counts neither as started (then lost) nor as
   * queued. Counting it later (after decoding it) left a window where `pending()` never
   * reached 0 again.
   */
  private runOne(): boolean {
    const record = this.task.record;
    const words = this.block.words;
    if (this.local.popRecord(record)) {
      Atomics.store(words, CB_TASKS_STARTED, (this.started = (this.started + 1) | 0));
      return this.runTask();
    }
    let status: number;
    while ((status = this.submissions.stealRecord(record)) === DEQUE_ABORT) {}
    if (status === DEQUE_OK) {
      Atomics.store(words, CB_TASKS_STARTED, (this.started = (this.started + 1) | 0));
      return this.runTask();
    }
    if (this.loop.stealing && this.stealOne()) {
      this.steals = (this.steals + 1) | 0;
      this.block.publish(CB_STEALS, this.steals);
      return this.runTask();
    }
    return false;
  }

  /**
   * Takes one task from another worker, starting at a random victim. Retries while some steal
   * lost a race (there was work); after a success leaves a parked worker a wake-up if the
   * victim still has more.
   */
  private stealOne(): boolean {
    const n = this.workerCount;
    if (n < 2) return false;
    const record = this.task.record;
    const memory = this.memory;
    for (let round = 0; round < 4; round++) {
      let contended = false;
      let x = this.random;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.random = x;
      const first = (x >>> 0) % n;
      for (let k = 0; k < n; k++) {
        const victim = (first + k) % n;
        if (victim === this.workerIndex) continue;
        // The submission deque first: its tasks are the oldest, so the likeliest to be big.
        let status = memory.submissionDeques[victim]!.stealRecord(record);
        if (status !== DEQUE_OK) {
          if (status === DEQUE_ABORT) contended = true;
          status = memory.localDeques[victim]!.stealRecord(record);
        }
        if (status === DEQUE_OK) {
          // Counted before any call (see runOne).
          Atomics.store(
            this.block.words,
            CB_TASKS_STARTED,
            (this.started = (this.started + 1) | 0),
          );
          if (memory.queued(victim) > 0) memory.wakeOne(this.workerIndex + 1);
          return true;
        }
        if (status === DEQUE_ABORT) contended = true;
      }
      if (!contended) return false;
    }
    return false;
  }

  private runTask(): boolean {
    // STARTED was counted when the task was taken, RUN comes after: if the handler kills the
    // worker, the pool sees one task lost.
    const task = this.task.load();
    const handler = this.handlers[task.kind];
    if (handler === undefined) {
      throw new SchedulerError(
        'worker-runtime.runTask',
        'UNKNOWN_TASK_KIND',
        `worker ${this.workerIndex} has no handler for task kind ${task.kind}`,
      );
    }
    handler(task, this);
    this.run = (this.run + 1) | 0;
    this.block.publish(CB_TASKS_RUN, this.run);
    return true;
  }

  private record(typeId: number, view: DataView, offset: number, length: number): void {
    // Published once per drain (see `turn`): a shared store per record costs a round trip.
    this.records = (this.records + 1) | 0;
    this.definition.onRecord!(typeId, view, offset, length, this);
  }

  /** Whether any source this worker takes from has work (Atomics loads; may be stale). */
  private hasWork(): boolean {
    if (this.ring?.hasItems()) return true;
    if (this.definition.hasWork?.(this) === true) return true;
    if (!this.takesTasks) return false;
    if (this.local.size() > 0 || this.submissions.size() > 0) return true;
    if (!this.loop.stealing) return false;
    for (let i = 0; i < this.workerCount; i++) {
      if (i !== this.workerIndex && this.memory.queued(i) > 0) return true;
    }
    return false;
  }

  /** Parks (see WorkerParker); its wake-up or timeout schedules the next turn. */
  private park(): void {
    // A corrupt inbox reads as empty: tell the pool before idling in front of it.
    this.corruption.check();
    const parker = this.parker;
    parker.announce();
    // Re-check after announcing: work published before our PARKED store is seen here, and a
    // producer publishing after it sees PARKED and wakes us.
    if (this.stopping || this.hasWork()) {
      parker.withdraw();
      this.schedule();
      return;
    }
    parker.sleep();
  }

  private finish(): void {
    this.load.stop();
    Promise.resolve(this.definition.teardown?.(this)).then(() => {
      this.block.setState(WorkerState.Stopped);
      this.onStopped?.();
    });
  }
}
