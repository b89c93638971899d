import type { Dispatcher } from './dispatcher.js';
import { ActorError } from './errors.js';
import type { FailureLogOption } from './failure-log.js';
import { GENERATION_LIMIT, MAX_WORKERS } from './ref-id.js';
import type { SupervisorStrategy } from './supervisor-strategy.js';

/*
 * The options of an `ActorSystem`, and the checks of the numeric ones.
 */

export interface ActorSystemOptions {
  /** Shown in paths of metrics and in Prometheus labels. Default `zactor`. */
  readonly name?: string;
  /** Messages an actor handles per turn before others get theirs. Default 300 (see BENCHMARKS.md). */
  readonly throughput?: number;
  /** How long the dispatcher runs before yielding to the event loop. Default 4 ms. */
  readonly timeBudgetMs?: number;
  /**
   * Turns the actors made ready by a running turn may take, newest first, before they queue
   * behind the others (work first within a slice: `RunQueueDispatcher`). Default 256; 0 runs
   * ready actors strictly first in, first out.
   */
  readonly sliceTurns?: number;
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

/** The numeric options of a system, defaults applied. */
export interface SystemLimits {
  readonly worker: number;
  readonly throughput: number;
  readonly sampleEvery: number;
  readonly generationBase: number;
}

/** Applies the defaults to the numeric options and checks them; throws `INVALID_OPTION`. */
export function systemLimits(options: ActorSystemOptions): SystemLimits {
  const limits: SystemLimits = {
    worker: options.worker ?? 0,
    throughput: options.throughput ?? 300,
    sampleEvery: options.latencySampleEvery ?? 1024,
    generationBase: options.generationBase ?? 0,
  };
  const { generationBase, worker, throughput, sampleEvery } = limits;
  if (
    !Number.isInteger(generationBase) ||
    generationBase < 0 ||
    generationBase >= GENERATION_LIMIT
  ) {
    invalid(
      'ActorSystem',
      `generationBase (${generationBase}) must be an integer in [0, ${GENERATION_LIMIT})`,
    );
  }
  if (!Number.isInteger(worker) || worker < 0 || worker >= MAX_WORKERS) {
    invalid('ActorSystem', `worker (${worker}) must be an integer in [0, ${MAX_WORKERS})`);
  }
  if (!Number.isInteger(throughput) || throughput < 1) {
    invalid('ActorSystem', `throughput (${throughput}) must be a positive integer`);
  }
  if (!Number.isInteger(sampleEvery) || sampleEvery < 0) {
    invalid('ActorSystem', `latencySampleEvery (${sampleEvery}) must be a non-negative integer`);
  }
  return limits;
}

function invalid(where: string, message: string): never {
  throw new ActorError(where, 'INVALID_OPTION', message);
}
