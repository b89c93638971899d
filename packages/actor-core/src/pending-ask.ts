import type { ActorBehavior } from './actor.js';
import type { AnyCell } from './actor-cell.js';
import type { AnyActorRef } from './actor-ref.js';
import type { AskedCells } from './asked-cells.js';
import { AskTimeoutError } from './errors.js';

/**
 * One `ask` in flight: the state of its temporary reply cell (`AskCell`) and the entry in
 * `AskTimeouts`.
 */
export class PendingAsk<R> implements ActorBehavior<R> {
  deadline = 0;
  settled = false;
  replyTo: AnyActorRef | null = null;
  private readonly resolve: (value: R) => void;
  private readonly reject: (error: unknown) => void;
  /** The asked actor; its path is only built if the ask fails. */
  readonly target: AnyActorRef;
  /**
   * The asked actor's cell when it lives on this thread (it counts the asks waiting on it, so
   * its stop fails them at once), else null.
   */
  targetCell: AnyCell | null = null;
  /** Where `targetCell` is counted while this ask waits. */
  asked: AskedCells | null = null;
  readonly timeoutMs: number;
  /** The caller's `AbortSignal` and its listener while the ask is pending; null without one. */
  private signal: AbortSignal | null = null;
  private onAbort: (() => void) | null = null;

  constructor(
    resolve: (value: R) => void,
    reject: (error: unknown) => void,
    target: AnyActorRef,
    timeoutMs: number,
  ) {
    this.resolve = resolve;
    this.reject = reject;
    this.target = target;
    this.timeoutMs = timeoutMs;
  }

  /** Settles the ask with its reply (the ask cell calls this when the reply is told to it). */
  complete(reply: R): void {
    if (this.settled) return;
    this.settled = true;
    if (this.targetCell !== null) this.asked!.remove(this.targetCell);
    if (this.signal !== null) this.unlisten();
    this.resolve(reply);
  }

  /** The ask cell never runs turns; this only satisfies the behaviour role. */
  receive(reply: R): void {
    this.complete(reply);
  }

  /** Fails the ask (timeout, or the request could not be delivered). Returns false if it had already settled. */
  fail(error: unknown): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (this.targetCell !== null) this.asked!.remove(this.targetCell);
    if (this.signal !== null) this.unlisten();
    this.reject(error);
    return true;
  }

  /**
   * Fails the ask when `signal` aborts (`onAbort` does it). The listener goes when the ask
   * settles, however it settles, so a long-lived signal shared by many asks holds none of them.
   */
  listen(signal: AbortSignal, onAbort: () => void): void {
    this.signal = signal;
    this.onAbort = onAbort;
    signal.addEventListener('abort', onAbort, { once: true });
  }

  private unlisten(): void {
    this.signal!.removeEventListener('abort', this.onAbort!);
    this.signal = null;
    this.onAbort = null;
  }

  expire(): void {
    if (this.fail(new AskTimeoutError(this.target.path, this.timeoutMs)))
      this.replyTo?.cell.requestStop();
  }
}

/** Asks that share one timeout length, in deadline order (FIFO, since they share the length). */
class Bucket {
  readonly queue: PendingAsk<unknown>[] = [];
  head = 0;
  timer: ReturnType<typeof setTimeout> | null = null;
  /** Whether the timer keeps the process alive (it does while asks are pending). */
  refed = false;
}

/**
 * Ask timeouts without a Node timer per ask: a setTimeout per ask was a fifth of an ask's
 * cost. Asks with the same timeout length expire in the order they were made, so each
 * length keeps a FIFO and one timer armed for its oldest deadline. Settled asks leave the
 * FIFO when they reach its front; as replies mostly come in order, the FIFO stays short.
 * A pending ask keeps its bucket's timer (and so the process) alive, as a setTimeout would;
 * once none is pending the timer is unref'd rather than cleared, so a loop of one ask at a
 * time does not create and cancel a timer per ask, and it goes when it next fires.
 */
export class AskTimeouts {
  private readonly buckets = new Map<number, Bucket>();

  add(ask: PendingAsk<unknown>): void {
    let bucket = this.buckets.get(ask.timeoutMs);
    if (bucket === undefined) {
      bucket = new Bucket();
      this.buckets.set(ask.timeoutMs, bucket);
    }
    ask.deadline = performance.now() + ask.timeoutMs;
    bucket.queue.push(ask);
    if (bucket.timer === null) {
      this.arm(bucket, ask.timeoutMs, ask.timeoutMs);
    } else if (!bucket.refed) {
      bucket.timer.ref();
      bucket.refed = true;
    }
  }

  /** Drops settled asks from the front of their bucket (called after a reply); an emptied bucket's timer stops holding the process. */
  settled(ask: PendingAsk<unknown>): void {
    const bucket = this.buckets.get(ask.timeoutMs);
    if (bucket !== undefined) this.settledIn(bucket);
  }

  private settledIn(bucket: Bucket): void {
    this.trim(bucket);
    if (bucket.head === bucket.queue.length && bucket.refed && bucket.timer !== null) {
      bucket.timer.unref();
      bucket.refed = false;
    }
  }

  /** Timers that keep the process alive (one per timeout length with pending asks). */
  get liveTimers(): number {
    let n = 0;
    for (const b of this.buckets.values()) if (b.timer !== null && b.refed) n++;
    return n;
  }

  /**
   * Fails every pending ask whose target `match`es with `error` (each one's reply cell stops,
   * so a late reply is a dead letter); returns how many. Walks all pending asks: for the rare
   * events that settle many at once (a stop, a dead worker, a shutdown).
   */
  failWhere(match: (target: AnyActorRef) => boolean, error: Error): number {
    let failed = 0;
    for (const bucket of this.buckets.values()) {
      const queue = bucket.queue;
      for (let i = bucket.head; i < queue.length; i++) {
        const ask = queue[i]!;
        if (ask.settled || !match(ask.target)) continue;
        ask.fail(error);
        ask.replyTo?.cell.requestStop();
        failed++;
      }
      if (failed !== 0) this.settledIn(bucket);
    }
    return failed;
  }

  /** Pending asks, for tests and metrics. */
  get size(): number {
    let n = 0;
    for (const b of this.buckets.values())
      for (let i = b.head; i < b.queue.length; i++) if (!b.queue[i]!.settled) n++;
    return n;
  }

  private trim(bucket: Bucket): void {
    const queue = bucket.queue;
    while (bucket.head < queue.length && queue[bucket.head]!.settled) bucket.head++;
    // Compact once the dead prefix is large, so the array does not grow forever.
    if (bucket.head > 1024 && bucket.head * 2 > queue.length) {
      queue.splice(0, bucket.head);
      bucket.head = 0;
    }
  }

  private arm(bucket: Bucket, timeoutMs: number, delayMs: number): void {
    bucket.timer = setTimeout(() => this.fire(bucket, timeoutMs), Math.max(0, delayMs));

    bucket.refed = true;
  }

  private fire(bucket: Bucket, timeoutMs: number): void {
    bucket.timer = null;
    const now = performance.now();
    const queue = bucket.queue;
    while (bucket.head < queue.length) {
      const ask = queue[bucket.head]!;
      if (!ask.settled && ask.deadline > now) break;
      bucket.head++;
      if (!ask.settled) ask.expire();
    }
    this.trim(bucket);
    if (bucket.head < queue.length) {
      this.arm(bucket, timeoutMs, queue[bucket.head]!.deadline - now);
    } else {
      queue.length = 0;
      bucket.head = 0;
      this.buckets.delete(timeoutMs);
    }
  }
}
