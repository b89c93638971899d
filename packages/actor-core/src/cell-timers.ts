import type { AnyCell } from './actor-cell.js';
import { ActorError } from './errors.js';

/*
 * A cell's timers: the receive timeout (`ctx.setReceiveTimeout`), whose state lives in the
 * cell's `CellExtras`, and the cancelling of every timer when the actor stops or restarts.
 * (`ctx.timers` is the `ActorTimerScheduler` in timer-scheduler.ts.)
 */

/** `ctx.setReceiveTimeout`: delivers `message` once no message has arrived for `timeoutMs`. */
export function setReceiveTimeout(cell: AnyCell, timeoutMs: number, message: unknown): void {
  if (message === undefined) {
    throw new ActorError(
      'ActorContext.setReceiveTimeout',
      'UNDEFINED_MESSAGE',
      'a receive-timeout message cannot be undefined',
    );
  }
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
    throw new ActorError(
      'ActorContext.setReceiveTimeout',
      'INVALID_DELAY',
      `timeout (${timeoutMs}) must be a positive finite number`,
    );
  }
  const extras = cell.more();
  cancelReceiveTimeout(cell);
  extras.receiveTimeoutMs = timeoutMs;
  extras.receiveTimeoutMessage = message;
  extras.lastActive = performance.now();
  armReceiveTimeout(cell, timeoutMs);
}

export function cancelReceiveTimeout(cell: AnyCell): void {
  const extras = cell.extras;
  if (extras === null || extras.receiveTimeoutHandle === null) return;
  clearTimeout(extras.receiveTimeoutHandle);
  extras.receiveTimeoutHandle = null;
  extras.receiveTimeoutMs = 0;
}

/** Cancels the actor's timers and its receive timeout (it stops or restarts). */
export function clearTimers(cell: AnyCell): void {
  const extras = cell.extras;
  if (extras === null) return;
  extras.timers?.cancelAll();
  cancelReceiveTimeout(cell);
}

/**
 * One timer for the receive timeout: the turns only stamp `lastActive`, and the timer, when it
 * fires, delivers the message if the actor was idle long enough, or waits for the rest.
 */
function armReceiveTimeout(cell: AnyCell, delayMs: number): void {
  const extras = cell.extras!;
  extras.receiveTimeoutHandle = setTimeout(() => {
    extras.receiveTimeoutHandle = null;
    if (!cell.isRunning || extras.receiveTimeoutMs === 0) return;
    const idle = performance.now() - extras.lastActive;
    if (idle >= extras.receiveTimeoutMs) {
      extras.lastActive = performance.now();
      cell.offer(extras.receiveTimeoutMessage);
      armReceiveTimeout(cell, extras.receiveTimeoutMs);
    } else {
      armReceiveTimeout(cell, extras.receiveTimeoutMs - idle);
    }
  }, delayMs);
}
