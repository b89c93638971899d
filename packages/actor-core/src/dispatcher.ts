import { ActorError } from './errors.js';
import { OncePerHold } from './once-per-hold.js';
import { RunQueue } from './run-queue.js';

/**
 * Messages handled between two reads of the drain's clock (besides every 32 turns), so a drain
 * of slow receives yields near its budget too: with turns of up to `throughput` messages
 * each, 32 turns could otherwise run thousands of them before the first read.
 */
const CHECK_EVERY_MESSAGES = 256;
/** Default `sliceTurns`. */
const SLICE_TURNS = 256;
/**
 * With more than TOUCH_MIN_READY actors queued (too many for their cells to sit in the CPU's
 * caches), every TOUCH_AHEAD turns the drain reads the `id` of the next TOUCH_AHEAD cells
 * starting TOUCH_AHEAD places ahead: their cache misses overlap, and each cell is on its way
 * when its turn comes. 200,000 messages over 1M resident actors (one per actor, all cold):
 * 1.41-1.64M -> 1.95-2.17M msg/s (a throwaway driver, alternated runs); a queue this short or
 * shorter (a ping-pong's) pays one test per turn.
 */
const TOUCH_AHEAD = 8;
const TOUCH_MIN_READY = 256;

/**
 * Something the dispatcher can give a turn to: an actor cell. `runTurn` never throws; it
 * returns the messages it handled (the dispatcher's measure of work between clock reads).
 */
export interface Schedulable {
  /** The actor's id: a dispatcher may key what it notes per actor on it. */
  readonly id: number;
  runTurn(): number;
}

/**
 * Role: runs ready actors. `schedule` is called at most once per ready period of a
 * cell (the cell keeps a `scheduled` flag); `turnStart` is the dispatcher's clock at
 * the start of the current drain, for cheap coarse timestamps.
 */
export interface Dispatcher {
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
export interface DrivenDispatcher extends Dispatcher {
  /**
   * Until `release` or `runNow`, newly ready actors wait without scheduling a wake-up.
   *
   * With `direct`, an actor made ready from outside any turn (a message the loop delivers)
   * instead runs its turn at once, while its cell is still in cache and without a trip through
   * the run queue; once per hold: when it is made ready again in the same hold, it waits for
   * `runNow` with whatever else it is told meanwhile, so an actor told many times in one batch
   * still handles them in one turn. Messages to one actor keep their order either way (they
   * pass through its mailbox); actors made ready by a direct turn wait for `runNow`.
   */
  hold(direct?: boolean): void;
  /**
   * Actor `id` never runs a direct turn: made ready in a hold, it waits for `runNow` like the
   * others. For actors whose load the loop reports before it runs them (the routees of a
   * smallest-mailbox pool): a direct turn would run a long message before any report of it.
   * With `only` false, the mark is taken off (the routee stopped).
   */
  queueOnly(id: number, only?: boolean): void;
  /** Ends a hold; schedules a wake-up if actors became ready meanwhile. */
  release(): void;
  /**
   * Runs ready actors now, up to the time budget (the rest get a wake-up); ends a hold.
   * Returns the turns run, with the direct turns of the hold it ends; 0 when called from inside
   * an actor's turn.
   */
  runNow(): number;
}

export interface RunQueueDispatcherOptions {
  /** Time after which a drain yields to the event loop (timers, I/O). Default 4 ms. */
  readonly timeBudgetMs?: number;
  /**
   * Turns in a slice: how many turns actors made ready by a running turn may take, newest
   * first, before they join the back of the queue (see the class comment). Default 256; 0 makes
   * the queue strictly first in, first out.
   */
  readonly sliceTurns?: number;
}

/**
 * A run queue of ready actors, drained in turns on the event loop. When the drain has
 * used its time budget it yields with `setImmediate`, so timers and I/O always run;
 * the clock is read once every 32 turns or 256 messages, not per message, and the budget
 * runs from the first read (so a short drain reads no clock). A drain therefore holds the
 * thread for about its budget plus at most 256 receives and the turn in progress (up to its
 * actor's `throughput`): what a cluster's `unresponsiveMs` must allow for.
 *
 * Order: work first, within a slice. Actors made ready by a running turn (its tells, the stop
 * of a child) run next, newest first, like Go's `runnext` and Tokio's LIFO slot, so a tree of
 * actors that spawn and tell their children is walked depth first: its live actors stay a
 * path's worth instead of a whole level (Skynet's 1.1M actors, breadth first, kept most of them
 * alive at once and spent 80% of its time in the garbage collector). Fairness is kept by the
 * slice: after `sliceTurns` turns taken that way, what the slice made ready and did not run
 * joins the back of the queue, oldest first, and the queue's oldest actor runs next; a cell that
 * used its whole `throughput` reschedules itself to the back of the queue, and an actor made
 * ready from outside any turn is queued at the back. So an actor at the queue's head waits at
 * most one slice (plus the turn in progress), and the end of each drain puts the slice back in
 * the queue too.
 *
 * Waking an idle dispatcher: a `setImmediate` per wake-up costs a whole event-loop turn,
 * which dominated request/reply patterns (an `await ref.ask()` loop sat 77% idle). So a
 * wake-up is a microtask while the event loop has turned within the last time budget: a
 * marker `setImmediate` notes each turn, and once a budget has passed without one, wake-ups
 * go back to `setImmediate`. Timers and I/O therefore still get a turn at least every budget.
 */
export class RunQueueDispatcher implements DrivenDispatcher {
  readonly timeBudgetMs: number;
  readonly sliceTurns: number;
  /** The clock of the current drain, read when first asked for (see `turnStart`). */
  private clock = 0;
  /** The drain has not read the clock yet. */
  private clockStale = true;

  driven(): DrivenDispatcher {
    return this;
  }

  /**
   * The dispatcher's clock at the latest budget check of this drain, read on first use: a
   * drain of a few turns (a round trip across workers is one turn per hop) reads no clock at
   * all unless an actor with a receive timeout asks (measured: performance.now() was 11% of a
   * one-thread cross-node round trip, about 60 ns per hop).
   */
  get turnStart(): number {
    if (this.clockStale) {
      this.clock = performance.now();
      this.clockStale = false;
    }
    return this.clock;
  }

  /** Whether the drain has used its budget (reads the clock; the first read starts it). */
  private overBudget(): boolean {
    const now = performance.now();
    if (this.deadline < 0) {
      this.deadline = (this.clockStale ? now : this.clock) + this.timeBudgetMs;
      this.clock = now;
      this.clockStale = false;
      return false;
    }
    return now >= this.deadline;
  }
  /** Drains started (one per wake-up or yield). */
  drains = 0;
  private readonly ready = new RunQueue();
  /** Actors made ready by the turn in progress, and by those run after it in this slice (a stack). */
  private readonly local: Schedulable[] = [];
  /** The cell whose turn is running, or null between turns. */
  private current: Schedulable | null = null;
  /** Turns left in the current slice. */
  private sliceLeft = 0;
  private running = false;
  /** When the current drain yields (-1: its budget has not started). */
  private deadline = -1;
  private pending = false;
  private held = false;
  /** A `hold(true)` is in force: see `schedule`. */
  private direct = false;
  private readonly directOnce = new OncePerHold();
  /** See `queueOnly`. */
  private readonly queuedOnly = new Set<number>();
  /** Direct turns since the last `runNow` (it counts them with its own). */
  private directTurns = 0;
  /** What `touch` read, kept. */
  private touched = 0;
  /** A marker setImmediate is queued: the event loop has not turned since `markerAt`. */
  private markerPending = false;
  private markerAt = 0;
  private readonly drainBound = (): void => this.drain();
  private readonly markerBound = (): void => {
    this.markerPending = false;
  };

  constructor(options: RunQueueDispatcherOptions = {}) {
    const budget = options.timeBudgetMs ?? 4;
    if (!(budget > 0) || !Number.isFinite(budget)) {
      throw new ActorError(
        'RunQueueDispatcher',
        'INVALID_OPTION',
        `timeBudgetMs (${budget}) must be a positive finite number`,
      );
    }
    this.timeBudgetMs = budget;
    const slice = options.sliceTurns ?? SLICE_TURNS;
    if (!Number.isSafeInteger(slice) || slice < 0) {
      throw new ActorError(
        'RunQueueDispatcher',
        'INVALID_OPTION',
        `sliceTurns (${slice}) must be a non-negative integer`,
      );
    }
    this.sliceTurns = slice;
  }

  /**
   * Queues a ready cell. Called at most once per ready period of a cell, on the system's thread.
   * A cell made ready by another cell's running turn goes on the slice's stack (taken newest
   * first); a cell that reschedules itself at the end of its own turn, or one made ready outside
   * any turn (a timer, an ask from outside, a record from another worker), goes to the back of
   * the queue.
   */
  schedule(cell: Schedulable): void {
    const current = this.current;
    if (current !== null && cell !== current && this.sliceTurns !== 0) {
      this.local.push(cell);
      return;
    }
    if (
      this.direct &&
      !this.running &&
      (this.queuedOnly.size === 0 || !this.queuedOnly.has(cell.id)) &&
      this.directOnce.first(cell.id)
    ) {
      this.runDirect(cell);
      return;
    }
    this.ready.push(cell);
    if (!this.running && !this.pending && !this.held) this.wake();
  }

  queueOnly(id: number, only = true): void {
    if (only) this.queuedOnly.add(id);
    else this.queuedOnly.delete(id);
  }

  hold(direct = false): void {
    this.held = true;
    if (!direct) this.direct = false;
    else if (!this.direct) {
      this.direct = true;
      this.directOnce.begin();
      // A direct turn reads the clock of this hold, not one left from an earlier drain, and the
      // hold's direct turns have a time budget of their own.
      this.clockStale = true;
      this.deadline = -1;
    }
  }

  /**
   * A direct turn (see `hold`): `running` and `current` as in a drain, so the actors this turn
   * makes ready, and the cell itself when it has more to do, wait in the queue.
   */
  private runDirect(cell: Schedulable): void {
    this.running = true;
    this.current = cell;
    try {
      cell.runTurn();
    } finally {
      this.current = null;
      this.running = false;
      this.flushLocal();
    }
    if ((++this.directTurns & 31) === 0) this.directBudget();
  }

  /**
   * Every 32 direct turns (a direct turn mostly handles the one message that made its actor
   * ready): the clock is read again (a receive timeout measures from it), and once the hold's
   * direct turns have used the time budget, the actors made ready after wait for `runNow`, so a
   * record is not held unreleased in its ring behind slow receives.
   */
  private directBudget(): void {
    this.clockStale = true;
    if (this.overBudget()) this.direct = false;
  }

  release(): void {
    this.held = false;
    this.direct = false;
    this.directTurns = 0;
    if (this.ready.size !== 0 && !this.running && !this.pending) this.wake();
  }

  runNow(): number {
    this.held = false;
    this.direct = false;
    if (this.running) return 0;
    const direct = this.directTurns;
    this.directTurns = 0;
    return this.run() + direct;
  }

  private wake(): void {
    this.pending = true;
    if (!this.markerPending) {
      this.markerPending = true;
      this.markerAt = performance.now();
      setImmediate(this.markerBound);
      queueMicrotask(this.drainBound);
    } else if (performance.now() - this.markerAt < this.timeBudgetMs) {
      queueMicrotask(this.drainBound);
    } else {
      setImmediate(this.drainBound);
    }
  }

  /** Ready actors waiting for a turn. */
  get readyCount(): number {
    return this.ready.size + this.local.length;
  }

  /** The slice is over (or the drain ends): the actors it made ready join the queue, oldest first. */
  private flushLocal(): void {
    const local = this.local;
    const n = local.length;
    // Most drains end with nothing here, and setting an array's length is a builtin call
    // (about 24 ns on Node 20, against 3.5 ns for the test): once per hop of a round trip.
    if (n === 0) return;
    const ready = this.ready;
    for (let i = 0; i < n; i++) ready.push(local[i]!);
    local.length = 0;
  }

  /** The next cell to run: the slice's newest ready actor while the slice lasts, else the queue's oldest. */
  private next(): Schedulable | undefined {
    const local = this.local;
    if (local.length !== 0) {
      if (this.sliceLeft > 0) {
        this.sliceLeft--;
        return local.pop();
      }
      this.flushLocal();
    }
    this.sliceLeft = this.sliceTurns;
    return this.ready.shift();
  }

  /** See TOUCH_AHEAD. The ids read are kept (in `touched`) so the reads are not optimised away. */
  private touch(): void {
    const ready = this.ready;
    let sum = this.touched;
    for (let k = TOUCH_AHEAD; k < 2 * TOUCH_AHEAD; k++) sum ^= ready.at(k).id;
    this.touched = sum;
  }

  private drain(): void {
    this.pending = false;
    if (!this.running) this.run();
  }

  private run(): number {
    this.running = true;
    this.drains++;
    const ready = this.ready;
    this.clockStale = true;
    // The clock is read every 32 turns or CHECK_EVERY_MESSAGES messages, whichever comes
    // first, and the budget runs from the first read: a short drain reads no clock.
    this.deadline = -1;
    let turns = 0;
    let work = 0;
    try {
      for (let cell = this.next(); cell !== undefined; cell = this.next()) {
        this.current = cell;
        if ((turns & (TOUCH_AHEAD - 1)) === 0 && ready.size > TOUCH_MIN_READY) this.touch();
        work += cell.runTurn();
        this.current = null;
        if ((++turns & 31) === 0 || work >= CHECK_EVERY_MESSAGES) {
          work = 0;
          if (this.overBudget()) break;
        }
      }
    } finally {
      this.current = null;
      this.flushLocal();
      this.running = false;
      if (ready.size !== 0 && !this.pending) {
        this.pending = true;
        setImmediate(this.drainBound);
      }
    }
    return turns;
  }
}
