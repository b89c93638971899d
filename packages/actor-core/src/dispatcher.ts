import { SegmentedHeapQueue } from '@zactor/ringbuffer';
import { ActorError } from './errors.js';

/** Something the dispatcher can give a turn to: an actor cell. `runTurn` never throws. */
export interface Schedulable {
  runTurn(): void;
}

/**
 * Role: runs ready actors. `schedule` is called at most once per ready period of a
 * cell (the cell keeps a `scheduled` flag); `turnStart` is the dispatcher's clock at
 * the start of the current drain, for cheap coarse timestamps.
 */
export interface Dispatcher {
  schedule(cell: Schedulable): void;
  readonly turnStart: number;
}

export interface RunQueueDispatcherOptions {
  /** Time after which a drain yields to the event loop (timers, I/O). Default 4 ms. */
  readonly timeBudgetMs?: number;
}

/**
 * A run queue of ready actors, drained in turns on the event loop. When the drain has
 * used its time budget it yields with `setImmediate`, so timers and I/O always run;
 * the clock is read once every 32 turns, not per message.
 */
export class RunQueueDispatcher implements Dispatcher {
  readonly timeBudgetMs: number;
  turnStart = 0;
  /** Drains started (one per wake-up or yield). */
  drains = 0;
  private readonly ready = new SegmentedHeapQueue<Schedulable>(1024);
  private running = false;
  private pending = false;
  private readonly drainBound = (): void => this.drain();

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
  }

  schedule(cell: Schedulable): void {
    this.ready.push(cell);
    if (!this.running && !this.pending) {
      this.pending = true;
      setImmediate(this.drainBound);
    }
  }

  /** Ready actors waiting for a turn. */
  get readyCount(): number {
    return this.ready.size;
  }

  private drain(): void {
    this.pending = false;
    this.running = true;
    this.drains++;
    const ready = this.ready;
    const start = performance.now();
    this.turnStart = start;
    const deadline = start + this.timeBudgetMs;
    let turns = 0;
    try {
      for (let cell = ready.shift(); cell !== undefined; cell = ready.shift()) {
        cell.runTurn();
        if ((++turns & 31) === 0) {
          const now = performance.now();
          this.turnStart = now;
          if (now >= deadline) break;
        }
      }
    } finally {
      this.running = false;
      if (ready.size !== 0 && !this.pending) {
        this.pending = true;
        setImmediate(this.drainBound);
      }
    }
  }
}
