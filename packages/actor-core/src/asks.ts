import type { AnyCell } from './actor-cell.js';
import type { ActorRef, AnyActorRef, AskOptions } from './actor-ref.js';
import { AskedCells } from './asked-cells.js';
import { ActorError } from './errors.js';
import { AskTimeouts, PendingAsk } from './pending-ask.js';

/** The longest delay a Node timer takes (2^31 - 1 ms); a longer one fires at once, with a warning. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** `ASK_ABORTED`, with the signal's reason as its cause. */
function aborted(ref: AnyActorRef, signal: AbortSignal): ActorError {
  return new ActorError('ActorRef.ask', 'ASK_ABORTED', `the ask to ${ref.path} was aborted`, {
    cause: signal.reason,
  });
}

/**
 * The options of an ask given as `AskOptions`, or (deprecated, the cluster's old third argument)
 * as a timeout in milliseconds.
 */
export function askOptionsOf(options: AskOptions | number | undefined): AskOptions {
  if (options === undefined) return {};
  return typeof options === 'number' ? { timeoutMs: options } : options;
}

/** What `Asks` needs from its system. */
export interface AskHost {
  /** A temporary reply cell for `pending` (throws NOT_RUNNING once the system is closing). */
  spawnAskCell<R>(pending: PendingAsk<R>): ActorRef<R>;
  /** The cell behind `ref` when it is a live actor of this thread. */
  localCell(ref: AnyActorRef): AnyCell | undefined;
  stop(ref: AnyActorRef): void;
}

/**
 * The asks made on one thread: each one's temporary reply cell and timeout, and failing them
 * at once when the outcome is known before the timeout — the target stopped
 * (`ASK_TARGET_STOPPED`), the system shut down (`SYSTEM_SHUTDOWN`), or whatever the caller of
 * `failWhere` knows (the cluster: the target's worker died).
 *
 * Thread contract: owned by one system; used on its thread only.
 */
export class Asks {
  private readonly timeouts = new AskTimeouts();
  /** The cells of this thread that asks wait on. */
  readonly asked = new AskedCells();
  private readonly host: AskHost;

  constructor(host: AskHost) {
    this.host = host;
  }

  /** See `ActorRef.ask`. */
  ask<M, R>(ref: ActorRef<M>, message: M, options: AskOptions): Promise<R> {
    const timeoutMs = options.timeoutMs ?? 5000;
    if (!(timeoutMs > 0) || !(timeoutMs <= MAX_TIMEOUT_MS)) {
      return Promise.reject(
        new ActorError(
          'ActorRef.ask',
          'INVALID_OPTION',
          `timeoutMs (${timeoutMs}) must be a positive number of at most ${MAX_TIMEOUT_MS} ms (about 24.8 days, the longest a Node timer waits)`,
        ),
      );
    }
    const signal = options.signal;
    if (signal?.aborted === true) return Promise.reject(aborted(ref, signal));
    return new Promise<R>((resolve, reject) => {
      const host = this.host;
      const pending = new PendingAsk<R>(resolve, reject, ref, timeoutMs);
      const replyTo = host.spawnAskCell(pending);
      pending.replyTo = replyTo;
      const local = host.localCell(ref);
      if (local !== undefined) {
        pending.targetCell = local;
        pending.asked = this.asked;
        this.asked.add(local);
      }
      this.timeouts.add(pending as PendingAsk<unknown>);
      let delivered: boolean;
      try {
        delivered = ref.tell(message, replyTo);
      } catch (error) {
        pending.fail(error);
        this.settled(pending as PendingAsk<unknown>);
        host.stop(replyTo);
        return;
      }
      if (!delivered) {
        pending.fail(
          new ActorError(
            'ActorRef.ask',
            'UNDELIVERED',
            `the message to ${ref.cell.path} was not delivered (stopped or mailbox full)`,
          ),
        );
        this.settled(pending as PendingAsk<unknown>);
        host.stop(replyTo);
        return;
      }
      if (signal !== undefined && !pending.settled) {
        pending.listen(signal, () => this.abort(pending as PendingAsk<unknown>, signal));
      }
    });
  }

  /** The ask's signal aborted: it fails now and its reply cell stops (a late reply is a dead letter). */
  private abort(pending: PendingAsk<unknown>, signal: AbortSignal): void {
    if (!pending.fail(aborted(pending.target, signal))) return;
    if (pending.replyTo !== null) this.host.stop(pending.replyTo);
    this.settled(pending);
  }

  /** A reply settled `pending`: its timeout bucket forgets it. */
  settled(pending: PendingAsk<unknown>): void {
    this.timeouts.settled(pending);
  }

  /** Fails the pending asks whose target `match`es with `error`; returns how many. */
  failWhere(match: (target: AnyActorRef) => boolean, error: Error): number {
    return this.timeouts.failWhere(match, error);
  }

  /** A cell of this thread with asks waiting on it stopped: they fail now. */
  targetStopped(ref: AnyActorRef): void {
    this.timeouts.failWhere(
      (target) => target === ref,
      new ActorError('ActorRef.ask', 'ASK_TARGET_STOPPED', `${ref.path} stopped before it replied`),
    );
  }

  /** The system is shutting down: every pending ask fails. */
  shutdown(): void {
    this.timeouts.failWhere(
      () => true,
      new ActorError(
        'ActorRef.ask',
        'SYSTEM_SHUTDOWN',
        'the actor system shut down before a reply came',
      ),
    );
  }
}
