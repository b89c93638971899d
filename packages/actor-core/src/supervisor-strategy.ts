import { ActorError } from './errors.js';

/** What a supervisor does with a failed child. */
export type Directive = 'resume' | 'restart' | 'stop' | 'escalate';

/** Chooses a directive from the error a child threw. */
export type Decider = (error: unknown) => Directive;

/** Restart bookkeeping the system keeps per child (on the child's cell, to save an object). */
export interface RestartStats {
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
export interface SupervisorStrategy {
  decide(error: unknown): Directive;
  readonly scope: 'one' | 'all';
  /** Records a restart; returns the delay before it in ms, or -1 when the limit is exceeded. */
  planRestart(stats: RestartStats, now: number): number;
}

export interface StrategyOptions {
  /** Default: restart on any error. */
  readonly decider?: Decider;
  /** Restarts allowed per child inside `withinMs` before it is stopped. Default 10. */
  readonly maxRestarts?: number;
  /** Length of the restart window. Default 10 000 ms. */
  readonly withinMs?: number;
  /** Exponential backoff between restarts inside a window: min * 2^(n-1), capped at max. */
  readonly backoff?: { readonly minMs: number; readonly maxMs: number };
}

const restartAlways: Decider = () => 'restart';

/** The parts one-for-one and all-for-one share: the decider, the limit and the backoff. */
abstract class RestartLimitStrategy implements SupervisorStrategy {
  abstract readonly scope: 'one' | 'all';
  readonly maxRestarts: number;
  readonly withinMs: number;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  private readonly decider: Decider;

  constructor(where: string, options: StrategyOptions) {
    this.decider = options.decider ?? restartAlways;
    this.maxRestarts = options.maxRestarts ?? 10;
    this.withinMs = options.withinMs ?? 10_000;
    this.minBackoffMs = options.backoff?.minMs ?? 0;
    this.maxBackoffMs = options.backoff?.maxMs ?? 0;
    if (!Number.isInteger(this.maxRestarts) || this.maxRestarts < 0) {
      throw new ActorError(
        where,
        'INVALID_OPTION',
        `maxRestarts (${this.maxRestarts}) must be a non-negative integer`,
      );
    }
    if (!(this.withinMs > 0)) {
      throw new ActorError(where, 'INVALID_OPTION', `withinMs (${this.withinMs}) must be positive`);
    }
    if (this.minBackoffMs < 0 || this.maxBackoffMs < this.minBackoffMs) {
      throw new ActorError(
        where,
        'INVALID_OPTION',
        `backoff needs 0 <= minMs <= maxMs (got ${this.minBackoffMs}, ${this.maxBackoffMs})`,
      );
    }
  }

  decide(error: unknown): Directive {
    return this.decider(error);
  }

  planRestart(stats: RestartStats, now: number): number {
    if (stats.restartCount === 0 || now - stats.restartWindowStart > this.withinMs) {
      stats.restartCount = 0;
      stats.restartWindowStart = now;
    }
    stats.restartCount++;
    if (stats.restartCount > this.maxRestarts) return -1;
    if (this.minBackoffMs === 0) return 0;
    return Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** (stats.restartCount - 1));
  }
}

/** Applies the directive to the failed child only (protoactor-go's and Akka's default). */
export class OneForOneStrategy extends RestartLimitStrategy {
  readonly scope = 'one' as const;

  constructor(options: StrategyOptions = {}) {
    super('OneForOneStrategy', options);
  }
}

/** Applies the directive to the failed child and all its siblings. */
export class AllForOneStrategy extends RestartLimitStrategy {
  readonly scope = 'all' as const;

  constructor(options: StrategyOptions = {}) {
    super('AllForOneStrategy', options);
  }
}
