import type { ReceiveFn } from './actor.js';
import type { AnyCell } from './actor-cell.js';
import type { AnyTarget } from './actor-target.js';
import type { DormantChildren } from './dormant-children.js';
import type { ForeignChildren } from './foreign-children.js';
import type { RestartStats } from './supervisor-strategy.js';
import type { ActorTimerScheduler } from './timer-scheduler.js';

/**
 * The parts of a cell that most actors never use, kept in one object that is made on
 * first use, so an actor that only receives messages stays small (1M actors fit in
 * a few hundred MB).
 */
export class CellExtras<M> implements RestartStats {
  /** Head of the list of children that are alive and not stopping (linked through the cells). */
  firstChild: AnyCell | null = null;
  /** Dormant children (no cell yet: cell-factory.ts), null when there are none. */
  dormant: DormantChildren | null = null;
  /** The named ones among them, by name. */
  readonly names = new Map<string, AnyCell>();
  /** Children not yet terminated, stopping ones included, and remote spawns on their way. */
  liveChildren = 0;
  /** Children on other workers, and spawns of them on their way (the `ForeignChildren` role). */
  remote: ForeignChildren | null = null;
  /** Cells watching this one. */
  readonly watchers = new Set<AnyTarget>();
  /** Cells this one watches, with the message to deliver when they stop (undefined: a Terminated). */
  readonly watching = new Map<AnyTarget, unknown>();
  /** Earlier behaviours, for `unbecome`. */
  readonly behaviors: ReceiveFn<M>[] = [];
  /** Stashed (message, sender) pairs. */
  readonly stash: unknown[] = [];
  timers: ActorTimerScheduler<M> | null = null;
  receiveTimeoutMs = 0;
  receiveTimeoutMessage: M | undefined = undefined;
  receiveTimeoutHandle: ReturnType<typeof setTimeout> | null = null;
  /** Dispatcher time of the last turn that handled a message (for the receive timeout). */
  lastActive = 0;
  /** Restart bookkeeping kept by the parent's strategy (`RestartStats`). */
  restartCount = 0;
  restartWindowStart = 0;
  /** The message that failed, for `preRestart`. */
  failedWith: unknown = undefined;
}
