import { ActorError } from './errors.js';

/** Per-actor timers that send the actor a message. Starting a timer with a key that is in use replaces it. */
export interface TimerScheduler<M> {
  startSingleTimer(key: unknown, message: M, delayMs: number): void;
  startPeriodicTimer(key: unknown, message: M, intervalMs: number): void;
  isActive(key: unknown): boolean;
  cancel(key: unknown): void;
  cancelAll(): void;
}

/**
 * Where a timer's message goes: the actor's own cell, whose `offer` never throws (a timer
 * callback has nobody to throw to: a full `fail` mailbox makes the message a dead letter).
 */
interface TimerTarget<M> {
  offer(message: M): boolean;
}

interface Entry {
  readonly handle: ReturnType<typeof setTimeout>;
  readonly periodic: boolean;
}

/**
 * Timers on Node's timer queue. They keep the process alive like any timer, until
 * the actor stops (the cell calls `cancelAll`) or the system shuts down.
 */
export class ActorTimerScheduler<M> implements TimerScheduler<M> {
  private readonly timers = new Map<unknown, Entry>();
  private readonly self: TimerTarget<M>;

  constructor(self: TimerTarget<M>) {
    this.self = self;
  }

  startSingleTimer(key: unknown, message: M, delayMs: number): void {
    check('startSingleTimer', delayMs, message);
    this.cancel(key);
    const handle = setTimeout(() => {
      this.timers.delete(key);
      this.self.offer(message);
    }, delayMs);
    this.timers.set(key, { handle, periodic: false });
  }

  startPeriodicTimer(key: unknown, message: M, intervalMs: number): void {
    check('startPeriodicTimer', intervalMs, message);
    this.cancel(key);
    const handle = setInterval(() => this.self.offer(message), intervalMs);
    this.timers.set(key, { handle, periodic: true });
  }

  isActive(key: unknown): boolean {
    return this.timers.has(key);
  }

  cancel(key: unknown): void {
    const entry = this.timers.get(key);
    if (entry === undefined) return;
    if (entry.periodic) clearInterval(entry.handle);
    else clearTimeout(entry.handle);
    this.timers.delete(key);
  }

  cancelAll(): void {
    for (const key of [...this.timers.keys()]) this.cancel(key);
  }
}

function check(method: string, ms: number, message: unknown): void {
  // Refused here, in the caller's turn: a tell of undefined from the timer would throw where
  // nobody can catch it.
  if (message === undefined) {
    throw new ActorError(
      `TimerScheduler.${method}`,
      'UNDEFINED_MESSAGE',
      'a timer message cannot be undefined',
    );
  }
  if (!(ms >= 0) || !Number.isFinite(ms)) {
    throw new ActorError(
      `TimerScheduler.${method}`,
      'INVALID_DELAY',
      `delay (${ms}) must be a finite number >= 0`,
    );
  }
}
