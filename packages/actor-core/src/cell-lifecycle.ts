import { type ActorBehavior, initialBehavior, instantiate, type ReceiveFn } from './actor.js';
import type { AnyCell } from './actor-cell.js';
import type { AnyActorRef } from './actor-ref.js';
import { childCellsOf } from './cell-children.js';
import { clearTimers } from './cell-timers.js';
import { announceStopped } from './death-watch.js';
import { ActorError } from './errors.js';
import { Block } from './mailbox-cell.js';
import { SysKind } from './system-message.js';
import { thrownMessage } from './thrown.js';

/*
 * The directives a cell carries out on itself (`Resume`, `Restart`), and what a cell leaves
 * behind once it and its children have stopped. The state changes that gate them (the status,
 * starting and ending a stop) stay in `ActorCell`.
 */

const noop: ReceiveFn<unknown> = () => {};

/** The `Resume` directive: the cell takes user messages again, and so do children it suspended. */
export function resumeCell(cell: AnyCell): void {
  cell.blocked &= ~Block.Suspended;
  if (cell.extras !== null) cell.extras.failedWith = undefined;
  // Children suspended by an escalation resume with their parent (a dormant child never was).
  for (const child of childCellsOf(cell.extras, false)) {
    if ((child.blocked & Block.Suspended) !== 0) child.sendSystem(SysKind.Resume, null);
  }
  cell.extras?.remote?.resumeSuspended();
}

/**
 * The `Restart` directive: `preRestart` on the failed instance (by default it stops the
 * children), then a fresh instance of the definition with its first behaviour, the stash back
 * in the mailbox, and `postRestart` (by default `preStart`).
 */
export function restartCell(cell: AnyCell, error: unknown): void {
  if (!cell.isRunning) return;
  const old = cell.actor;
  try {
    if (old.preRestart !== undefined) old.preRestart(cell, error, cell.extras?.failedWith);
    else {
      // Dormant children stop without cells (cell-factory.ts), the others as usual.
      if (cell.extras !== null) cell.system.cells.stopDormantChildren(cell, cell.extras);
      for (const child of cell.supervisedChildren()) cell.stop(child.ref);
    }
  } catch (hookError) {
    cell.system.publishHookFailure(cell.ref, 'preRestart', hookError);
  }
  clearTimers(cell);
  const extras = cell.extras;
  if (extras !== null) extras.behaviors.length = 0;
  cell.unstashAll();
  let fresh: ActorBehavior<unknown>;
  try {
    fresh = instantiate(cell.definition);
  } catch (ctorError) {
    failedRestart(cell, ctorError);
    return;
  }
  cell.actor = fresh;
  cell.behavior = initialBehavior(cell.definition, fresh);
  cell.blocked &= ~Block.Suspended;
  if (cell.extras !== null) cell.extras.failedWith = undefined;
  cell.system.restarts++;
  cell.system.publishRestart(cell.ref, error);
  try {
    if (fresh.postRestart !== undefined) fresh.postRestart(cell, error);
    else fresh.preStart?.(cell);
  } catch (startError) {
    cell.fail(startError, undefined);
  }
}

/** What a cell runs as once its restart failed: no hooks, so its stop runs nobody's `postStop` twice. */
const NO_ACTOR: ActorBehavior<unknown> = Object.freeze({ receive: noop });

/**
 * The constructor threw on a restart, so there is no instance to run: the actor stops (Akka's
 * `ActorInitializationException`, Proto.Actor's failed restart), with an `actor-failed` event of
 * directive `stop` and a `RESTART_FAILED` error whose cause is what the constructor threw. Its
 * parent and watchers hear of it as of any stop, and what it still held goes to dead letters.
 * The failed instance's `preRestart` has run already; neither it nor the missing new one gets
 * `postStop`.
 */
function failedRestart(cell: AnyCell, ctorError: unknown): void {
  cell.actor = NO_ACTOR;
  cell.behavior = noop;
  const detail = thrownMessage(ctorError);
  const error = new ActorError(
    'ActorCell.restart',
    'RESTART_FAILED',
    `${cell.path} could not be restarted: its constructor threw: ${detail}`,
    { cause: ctorError },
  );
  cell.system.failures++;
  cell.system.publishFailure(cell.ref, error, 'stop');
  cell.stop();
}

/**
 * The cell and all its children have stopped (its status says so already): `postStop`, the
 * messages still queued or stashed go to dead letters, its watchers hear of it, its slot is
 * freed, and its parent is told.
 */
export function closeStopped(cell: AnyCell): void {
  const system = cell.system;
  try {
    cell.actor.postStop?.(cell);
  } catch (error) {
    system.publishHookFailure(cell.ref, 'postStop', error);
  }
  const queue = cell.queue;
  cell.queue = null;
  const reason = system.stoppedReason();
  const first = cell.firstMessage;
  if (first !== undefined) {
    cell.firstMessage = undefined;
    system.waitingAdjust--;
    system.deadLetter(first, null, cell.ref, reason);
  }
  if (queue !== null) {
    system.waitingAdjust -= queue.size;
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
      system.deadLetter(m, queue.sender, cell.ref, reason);
    }
  }
  const extras = cell.extras;
  if (extras !== null) {
    const stash = extras.stash;
    for (let i = 0; i < stash.length; i += 2) {
      system.deadLetter(stash[i], stash[i + 1] as AnyActorRef | null, cell.ref, reason);
    }
  }
  if (system.isAsked(cell)) system.targetStopped(cell.ref);
  announceStopped(cell);
  cell.extras = null;
  cell.behavior = noop;
  cell.sender = null;
  system.release(cell);
  if (cell.parentCell !== null) cell.parentCell.sendSystem(SysKind.ChildTerminated, cell);
}
