/**
 * Deferred wakes of one receiver: a pool worker's wakes of the main thread, in efficiency mode.
 *
 * Why (measured, BENCHMARKS.md "Balancing pools across workers"): with replies flowing from
 * busy workers to a main thread that parks between them, every batch a worker published woke
 * the main thread: an Atomics.notify was 7-14% of each worker's profile, and each wake cost
 * the main thread an event-loop round (its Atomics.waitAsync promise, a setImmediate, a
 * re-park) — 20-29% of a core on 2 cores, taken from the workers.
 *
 * The rule: inside a step of the worker's loop (`beginStep` .. `endStep`), a publish to the
 * receiver commits its record without waking it and owes a wake. `endStep` pays it when the
 * worker is about to idle (the step did no work: it may park next) or when `lingerMs` have
 * passed since the last wake; otherwise it stays owed into the next step. So a busy worker
 * wakes the main thread at most about once per `lingerMs`, the first record after a quiet
 * spell still wakes it at the end of the step that sent it, and a worker never parks owing.
 * Outside a step (control messages, retries from a timer, teardown) publishes wake at once,
 * and so does a full ring (the receiver must drain to make room). A record that waits is
 * bounded by `lingerMs` plus the step in progress (one step is one drain of the worker's
 * loop: as long as the actor turns it runs).
 *
 * Thread contract: the sending worker's thread only (one per RingLink).
 */
import type { InboundRing } from '@zactor/scheduler-numa';

export class WakeLinger {
  /** The receiver whose wakes are deferred (the main thread's node id). */
  readonly node: number;
  private readonly lingerMs: number;
  private inStep = false;
  private owed: InboundRing | null = null;
  private lastWakeAt = Number.NEGATIVE_INFINITY;

  constructor(node: number, lingerMs: number) {
    this.node = node;
    this.lingerMs = lingerMs;
  }

  /** Whether a publish to `node` now may leave its receiver asleep. */
  defers(node: number): boolean {
    return this.inStep && node === this.node;
  }

  /** A record was committed quietly to `ring`: a wake is owed. */
  owe(ring: InboundRing): void {
    this.owed = ring;
  }

  /** `node`'s ring is full: when it is the receiver owed a wake, wake it now (it must drain). */
  full(node: number): void {
    if (node === this.node && this.owed !== null) this.pay(this.owed);
  }

  /** The worker starts a step of its loop. */
  beginStep(): void {
    this.inStep = true;
  }

  /** The step ended; `idle` when it did no work (the worker may park next). */
  endStep(idle: boolean): void {
    this.inStep = false;
    const owed = this.owed;
    if (owed === null) return;
    if (idle || performance.now() - this.lastWakeAt >= this.lingerMs) this.pay(owed);
  }

  private pay(ring: InboundRing): void {
    this.owed = null;
    this.lastWakeAt = performance.now();
    ring.wakeConsumer();
  }
}
