import type { AnyCell } from './actor-cell.js';
import type { AnyTarget } from './actor-target.js';
import { removeWaiting } from './mailbox-edits.js';
import { SysKind } from './system-message.js';
import { LONE_STOP, systemMessageSlot } from './system-queue.js';
import { Terminated } from './terminated.js';

/*
 * Death watch (`ctx.watch`): a watcher keeps the actors it watches, with the message to deliver
 * when each stops, in `CellExtras.watching`; the watched actor keeps its watchers in
 * `CellExtras.watchers` (the `Watch`/`Unwatch` system messages) and sends each a
 * `WatchedTerminated` when it stops. Either side may be on another worker (an `ActorTarget`).
 */

/** `ctx.watch`: `message` (undefined: a `Terminated`) is delivered to `cell` when `target` stops. */
export function watch(cell: AnyCell, target: AnyTarget, message: unknown): void {
  if (target === cell) return;
  cell.more().watching.set(target, message);
  target.sendSystem(SysKind.Watch, cell);
}

/**
 * `ctx.unwatch`: a termination that has not been delivered yet is dropped, also a `Terminated`
 * already waiting in the mailbox or the stash (the target stopped first), as Akka's unwatch and
 * Erlang's demonitor with flush do. A custom watch message already queued stays: it cannot be
 * told from a user message.
 */
export function unwatch(cell: AnyCell, target: AnyTarget): void {
  const extras = cell.extras;
  if (extras === null) return;
  if (extras.watching.delete(target)) target.sendSystem(SysKind.Unwatch, cell);
  // Watched again after it stopped, or twice: every Terminated of it that waits goes.
  const ref = target.ref;
  const isItsTermination = (m: unknown): boolean => m instanceof Terminated && m.ref === ref;
  cell.system.waitingAdjust -= removeWaiting(cell, isItsTermination);
  const stash = extras.stash;
  for (let i = stash.length - 2; i >= 0; i -= 2) {
    if (isItsTermination(stash[i])) stash.splice(i, 2);
  }
}

/** An actor `cell` watches has stopped: its message goes to the mailbox, once. */
export function watchedTerminated(cell: AnyCell, reported: AnyTarget): void {
  const watching = cell.extras?.watching;
  if (watching === undefined || !cell.isRunning) return;
  let target: AnyTarget | undefined = reported;
  if (!watching.has(target)) {
    // A remote actor may report through another stand-in of the same id (ClusterNode.pin).
    target = undefined;
    for (const key of watching.keys()) {
      if (key.ref.id === reported.ref.id) {
        target = key;
        break;
      }
    }
    if (target === undefined) return;
  }
  const message = watching.get(target);
  watching.delete(target);
  cell.offer(message === undefined ? new Terminated(target.ref) : message);
}

/** What `announceStopped` reads each leftover system message into. */
const ANNOUNCE_SLOT = systemMessageSlot();

/**
 * `cell` has stopped: its watchers hear of it, the actors it watched forget it, and watches
 * that arrived while it was stopping (still in its system queue, which this empties) are
 * answered too.
 */
export function announceStopped(cell: AnyCell): void {
  const extras = cell.extras;
  if (extras !== null) {
    for (const watcher of extras.watchers) watcher.sendSystem(SysKind.WatchedTerminated, cell);
    for (const watched of extras.watching.keys()) watched.sendSystem(SysKind.Unwatch, cell);
  }
  const sys = cell.sys;
  if (sys === LONE_STOP) {
    // A lone stop still waiting (MailboxCell.sendSystem): the cell is gone, and the shared
    // queue is never shifted.
    cell.sys = null;
  } else if (sys !== null) {
    const slot = ANNOUNCE_SLOT;
    while (sys.shift(slot)) {
      const watcher = slot.cell;
      if (slot.kind === SysKind.Watch && watcher !== null) {
        watcher.sendSystem(SysKind.WatchedTerminated, cell);
      }
    }
  }
}
