/**
 * The limit of same-worker messaging: the least any actor runtime on one event loop must do per
 * message, with no runtime around it. Each actor is a small object with its own message ring
 * (an array with a head index and a length, a power of two, doubled when full) and a handler;
 * a loop keeps a run queue of ready actors (a ring too) and drains it:
 *
 * - `tell`: append to the actor's ring; if the actor was idle, mark it scheduled and queue it
 *   (and, when the loop is not draining, wake it with a microtask, so no handler ever runs
 *   inside the caller's `tell`);
 * - the drain: take the oldest ready actor, call its handler once per message, up to
 *   `turnMessages` messages (the dispatcher throughput every runtime has: ZActor's default is
 *   300), then queue it again if messages remain, or mark it idle.
 *
 * Nothing is batched that a runtime could not batch: every message is enqueued by its own
 * `tell`, dequeued on its own and handed to its own handler call. What it leaves out is what a
 * runtime adds on top: actor references and lookup, supervision and failure handling, system
 * messages, mailbox bounds, time budgets and yielding to the event loop, metrics. It is the
 * `limit` row of the actors suite's ping-pong (suites/actors/ping-pong.ts), as the raw SAB loop
 * (raw-spsc-loop.ts) is the limit of the shared rings.
 *
 * Thread contract: one thread (one event loop) owns a loop and its actors.
 */

/** What the loop runs: an actor's turn. */
interface BareRunnable {
  scheduled: boolean;
  /** Handles up to `max` messages; true when messages remain. */
  turn(max: number): boolean;
}

const INITIAL_CAPACITY = 16;

/** A bare actor: a message ring, a scheduled flag, a handler. */
export class BareActor<M> implements BareRunnable {
  scheduled = false;
  private ring: (M | undefined)[] = new Array(INITIAL_CAPACITY).fill(undefined);
  private mask = INITIAL_CAPACITY - 1;
  private head = 0;
  private length = 0;

  constructor(
    private readonly loop: BareLoop,
    private readonly receive: (msg: M) => void,
  ) {}

  tell(msg: M): void {
    if (this.length === this.ring.length) this.grow();
    this.ring[(this.head + this.length) & this.mask] = msg;
    this.length++;
    if (!this.scheduled) {
      this.scheduled = true;
      this.loop.ready(this);
    }
  }

  turn(max: number): boolean {
    let n = 0;
    while (this.length !== 0 && n < max) {
      // Read each time: a handler that tells its own actor may have grown the ring.
      const ring = this.ring;
      const head = this.head;
      const msg = ring[head] as M;
      ring[head] = undefined;
      this.head = (head + 1) & this.mask;
      this.length--;
      n++;
      this.receive(msg);
    }
    return this.length !== 0;
  }

  private grow(): void {
    const old = this.ring;
    const next: (M | undefined)[] = new Array(old.length * 2).fill(undefined);
    for (let i = 0; i < this.length; i++) next[i] = old[(this.head + i) & this.mask];
    this.ring = next;
    this.mask = next.length - 1;
    this.head = 0;
  }
}

/** The run queue of ready actors, drained on one event loop. */
export class BareLoop {
  private queue: (BareRunnable | undefined)[] = new Array(INITIAL_CAPACITY).fill(undefined);
  private mask = INITIAL_CAPACITY - 1;
  private head = 0;
  private length = 0;
  private draining = false;
  private wakePending = false;
  private readonly drainBound = (): void => this.drain();

  constructor(private readonly turnMessages: number) {}

  /** Queues an actor that became ready; wakes the loop when it is idle. */
  ready(actor: BareRunnable): void {
    if (this.length === this.queue.length) this.grow();
    this.queue[(this.head + this.length) & this.mask] = actor;
    this.length++;
    if (!this.draining && !this.wakePending) {
      this.wakePending = true;
      queueMicrotask(this.drainBound);
    }
  }

  private drain(): void {
    this.wakePending = false;
    this.draining = true;
    const max = this.turnMessages;
    while (this.length !== 0) {
      const head = this.head;
      const actor = this.queue[head]!;
      this.queue[head] = undefined;
      this.head = (head + 1) & this.mask;
      this.length--;
      if (actor.turn(max)) this.ready(actor);
      else actor.scheduled = false;
    }
    this.draining = false;
  }

  private grow(): void {
    const old = this.queue;
    const next: (BareRunnable | undefined)[] = new Array(old.length * 2).fill(undefined);
    for (let i = 0; i < this.length; i++) next[i] = old[(this.head + i) & this.mask];
    this.queue = next;
    this.mask = next.length - 1;
    this.head = 0;
  }
}
