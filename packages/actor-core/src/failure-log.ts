import type { DeadLetterReason } from './event-stream.js';
import type { Directive } from './supervisor-strategy.js';
import { thrownSummary } from './thrown.js';

/** One line the runtime reports without being asked: what failed, where, and the error. */
export interface FailureLogEntry {
  readonly kind: 'actor-failed' | 'hook-failed' | 'dead-letters' | 'suppressed';
  /** The actor's path (the recipient's, for dead letters), or null for a summary. */
  readonly path: string | null;
  /** The concise line, e.g. `[zactor] /user/orders failed (restart): Error: boom`. */
  readonly line: string;
  /** What was thrown, for `actor-failed` and `hook-failed`. */
  readonly error?: unknown;
}

/** Where failures go by default: a function of yours (your logger), or `false` for nowhere. */
export type FailureLogOption = false | ((entry: FailureLogEntry) => void);

/** At most this many lines per window; the rest are counted and summed up in one line. */
const LINES_PER_WINDOW = 10;
const WINDOW_MS = 5000;

/**
 * The default report of failures nobody subscribed to (Akka logs supervisor failures and the
 * first dead letters the same way): one concise line per failed actor or hook, and one line
 * per window for dead letters (counts by reason and the first recipient), rate-limited to
 * `LINES_PER_WINDOW` lines per `WINDOW_MS`, with a summary of what was left out. Dead letters
 * of a shutdown are expected and not reported. Costs nothing until something fails.
 *
 * Thread contract: owned by one system; used on its thread only.
 */
export class FailureLog {
  private readonly sink: (entry: FailureLogEntry) => void;
  private readonly name: string;
  private windowStart = Number.NEGATIVE_INFINITY;
  private lines = 0;
  private suppressed = 0;
  private deadLetters = 0;
  private firstDeadRecipient = '';
  private readonly deadByReason = new Map<DeadLetterReason, number>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(name: string, sink: (entry: FailureLogEntry) => void = writeStderr) {
    this.name = name;
    this.sink = sink;
  }

  actorFailed(path: string, error: unknown, directive: Directive): void {
    this.emit({
      kind: 'actor-failed',
      path,
      error,
      line: `[${this.name}] ${path} failed (${directive}): ${describe(error)}`,
    });
  }

  hookFailed(path: string, hook: string, error: unknown): void {
    this.emit({
      kind: 'hook-failed',
      path,
      error,
      line: `[${this.name}] ${path} threw in ${hook}: ${describe(error)}`,
    });
  }

  /** Counted now, reported in one line when the window closes (only the first one's path is built). */
  deadLetter(recipient: { readonly path: string }, reason: DeadLetterReason): void {
    if (reason === 'shutdown') return;
    if (this.deadLetters++ === 0) this.firstDeadRecipient = recipient.path;
    this.deadByReason.set(reason, (this.deadByReason.get(reason) ?? 0) + 1);
    this.armFlush();
  }

  private emit(entry: FailureLogEntry): void {
    const now = performance.now();
    if (now - this.windowStart >= WINDOW_MS) this.closeWindow(now);
    if (this.lines >= LINES_PER_WINDOW) {
      this.suppressed++;
      this.armFlush();
      return;
    }
    this.lines++;
    this.sink(entry);
  }

  /** Reports what the window counted (dead letters, lines left out) and opens a new one. */
  private closeWindow(now: number): void {
    if (this.deadLetters !== 0) {
      const reasons = [...this.deadByReason].map(([r, n]) => `${r}: ${n}`).join(', ');
      this.sink({
        kind: 'dead-letters',
        path: this.firstDeadRecipient,
        line: `[${this.name}] ${this.deadLetters} dead letter(s) (${reasons}); the first to ${this.firstDeadRecipient}. Subscribe to 'dead-letter' events for each one`,
      });
      this.deadLetters = 0;
      this.deadByReason.clear();
    }
    if (this.suppressed !== 0) {
      this.sink({
        kind: 'suppressed',
        path: null,
        line: `[${this.name}] ${this.suppressed} more failure line(s) left out (at most ${LINES_PER_WINDOW} per ${WINDOW_MS / 1000} s)`,
      });
      this.suppressed = 0;
    }
    this.windowStart = now;
    this.lines = 0;
  }

  /** One timer per window at most, and it never keeps the process alive. */
  private armFlush(): void {
    if (this.flushTimer !== null) return;
    const wait = Math.max(0, this.windowStart + WINDOW_MS - performance.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.closeWindow(performance.now());
    }, wait);
    this.flushTimer.unref();
  }
}

function describe(error: unknown): string {
  return thrownSummary(error);
}

/** The default sink: the entry's line on stderr. */
export function writeStderr(entry: FailureLogEntry): void {
  process.stderr.write(`${entry.line}\n`);
}
