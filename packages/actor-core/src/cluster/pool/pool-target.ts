/**
 * The target behind a balancing pool's ref on the main thread: a tell encodes the message into
 * this thread's scratch record, claims the next cell of the pool's shared MpmcQueue, copies the
 * envelope into it (pool-record.ts: no user code runs while a cell is claimed), publishes it and
 * wakes the workers that host routees (a load of each
 * worker's parked flag; a notify only for one that sleeps). The sender's id travels in the
 * envelope, so the routee that takes it replies to the original sender.
 *
 * A full queue never drops and never blocks: the message waits in this thread's heap (FIFO,
 * behind anything already waiting) and is published as routees free cells: retried on
 * `setImmediate` while cells keep freeing, then every millisecond (a main thread that retried
 * on every event-loop turn took a core from the routees on a 2-core machine: measured, the
 * skewed-load benchmark ran at half speed). Dead letters: a message too large for a record
 * (`too-large`); once the pool is stopped, what waits in the heap, what is left in the queue and
 * anything sent after (`stopped`; pool-state.ts says why nothing stays behind in the queue);
 * from the cluster's shutdown on, the same with reason `shutdown`.
 *
 * Thread contract: one thread per instance: the main thread's (the pool's ref there), or a
 * worker's (DirectPoolSenders: that worker's tells into the same queue); the queue and the
 * state word are what they share.
 */
import type { ActorRef, AnyActorRef } from '../../actor-ref.js';
import type { ActorSystem } from '../../actor-system.js';
import type { ActorTarget, AnyTarget } from '../../actor-target.js';
import { undefinedMessage } from '../../errors.js';
import type { DeadLetterReason } from '../../event-stream.js';
import { MailboxQueue } from '../../mailbox-queue.js';
import type { SysKind } from '../../system-message.js';
import type { ClusterCodec } from '../wire/cluster-codec.js';
import { NestedTells } from './nested-tells.js';
import type { PoolFront } from './pool-front.js';
import {
  fitsPoolRecordAside,
  POOL_SKIP,
  type PoolQueueWords,
  readPoolRecord,
  stagePoolRecord,
  writeStagedRecord,
} from './pool-record.js';
import type { PoolState } from './pool-state.js';

/** Retries on `setImmediate` that may find the queue still full before the retry waits. */
const IMMEDIATE_RETRIES = 4;
/** The wait between retries once the queue stays full. */
const RETRY_WAIT_MS = 1;

export interface PoolTargetParts {
  readonly system: ActorSystem;
  readonly codec: ClusterCodec;
  readonly words: PoolQueueWords;
  /** The pool's state word (every thread's PoolTarget of this pool reads the same one). */
  readonly state: PoolState;
  /** The pool's head actor on this thread (its id is the pool's; it forwards tells here). */
  readonly head: AnyActorRef;
  /** Wakes worker `worker` if it is parked. */
  readonly wake: (worker: number) => void;
  /** The sender's ref for an id read back from the queue (dead letters at the end). */
  readonly refOf: (id: number) => AnyActorRef;
}

export class PoolTarget<M> implements ActorTarget<M>, PoolFront {
  /** Set by the pool once its ref exists (the ref is made from this target). */
  ref!: ActorRef<M>;
  readonly system: ActorSystem;
  /** Workers that host routees of this pool (those to wake). */
  private workers: number[] = [];
  /** Each worker's routees (as this thread sees them). */
  private readonly byWorker = new Map<number, readonly AnyActorRef[]>();
  private readonly parts: PoolTargetParts;
  /** Messages waiting for a free cell, with their senders (FIFO). */
  private readonly waiting = new MailboxQueue(0);
  /** Tells made from inside the codec during a stage (`tellWhileStaging`). */
  private readonly nested = new NestedTells();
  /** `afterStage`'s visitor: behind what waits, or a dead letter once the pool has ended. */
  private readonly requeueNested = (message: unknown, sender: AnyActorRef | null): void => {
    if (this.ended !== null) this.deadLetter(message, sender, this.ended);
    else this.waiting.push(message, sender);
  };
  private retryScheduled = false;
  /** Retries in a row that published nothing (past `IMMEDIATE_RETRIES`, the retry waits). */
  private idleRetries = 0;
  /** Null while the pool takes messages; then why it does not (`stopped` or `shutdown`). */
  private ended: DeadLetterReason | null = null;
  /** Whether `requestStop` ran here (it stops the routees and the head once). */
  private stopRequested = false;
  private readonly retryBound = (): void => this.retry();
  private readonly read = { message: undefined as unknown, senderId: -1 };

  constructor(parts: PoolTargetParts) {
    this.parts = parts;
    this.system = parts.system;
  }

  get path(): string {
    return this.parts.head.path;
  }

  setRoutees(worker: number, routees: readonly AnyActorRef[]): void {
    // Spawned while the pool stopped (a restarted worker's, an answer still on its way).
    if (this.stopRequested) {
      for (const routee of routees) routee.cell.requestStop();
      return;
    }
    this.byWorker.set(worker, routees);
    this.workers = [...this.byWorker.keys()].filter((w) => this.byWorker.get(w)!.length > 0);
  }

  /** The workers to wake after a publish, when this target knows no routees (a worker's). */
  wakeOn(workers: readonly number[]): void {
    this.workers = [...workers];
  }

  /** Messages waiting in this thread's heap for a free cell. */
  get waitingCount(): number {
    return this.waiting.size;
  }

  /** The tell path: true when queued (or waiting for a cell), false when dead-lettered. */
  enqueue(message: M, sender: AnyActorRef | null): boolean {
    if (message === undefined) {
      throw undefinedMessage(this.path);
    }
    // A stop on another thread is seen here at once (one Atomics.load), so tell says false.
    if (this.ended === null && this.parts.state.isStopped()) this.stoppedElsewhere();
    if (this.ended !== null) return this.deadLetter(message, sender, this.ended);
    const { words, codec } = this.parts;
    if (words.staging) return this.tellWhileStaging(message, sender);
    // Encoded before a cell is claimed (pool-record.ts says why), also when it is to wait for
    // one: the codec refuses it here, at the tell, either way (throws UNENCODABLE), and what
    // waits is known to fit a record.
    let staged: number;
    try {
      staged = stagePoolRecord(words, codec, message);
    } catch (error) {
      this.afterStage();
      throw error;
    }
    let result = true;
    if (staged < 0) result = this.deadLetter(message, sender, 'too-large');
    // The codec ran user code, which may have stopped the pool.
    else if (this.ended !== null) result = this.deadLetter(message, sender, this.ended);
    else {
      // Behind what already waits (FIFO), or in the next free cell.
      const at = this.waiting.size === 0 ? words.queue.tryClaim(words.slot) : -1;
      if (at < 0) {
        this.waiting.push(message, sender);
        this.scheduleRetry();
      } else {
        this.publish(at, message, staged, sender);
        this.wakeWorkers();
      }
    }
    this.afterStage();
    return result;
  }

  /**
   * A tell made while a message is being staged (its codec, a getter, tells this pool): checked
   * in memory of its own, kept aside, and put behind the message being staged once that one has
   * gone where it goes (`afterStage`), so the order is the order of the tells' starts whether or
   * not the queue is full.
   */
  private tellWhileStaging(message: M, sender: AnyActorRef | null): boolean {
    // Its place is taken before its own codec runs: a tell made from there comes after it. A
    // throw (a message the codec refuses) leaves the place empty.
    const place = this.nested.reserve(sender);
    if (!fitsPoolRecordAside(this.parts.words, this.parts.codec, message)) {
      return this.deadLetter(message, sender, 'too-large');
    }
    // Its codec ran user code, which may have stopped the pool (and ended the kept tells).
    if (this.ended !== null || !this.nested.keep(place, message)) {
      return this.deadLetter(message, sender, this.ended ?? 'stopped');
    }
    return true;
  }

  /** The tells made during the stage just done wait behind it, or end if the pool has ended. */
  private afterStage(): void {
    if (this.nested.empty) return;
    this.nested.drain(this.requeueNested);
    if (this.ended === null && this.waiting.size !== 0) this.scheduleRetry();
  }

  /**
   * Writes the staged message into the claimed cell at `at` and publishes it, then loads the
   * state word: a stop seen now drains the queue here (pool-state.ts says why this order leaves
   * nothing behind, so the publish is in a `finally`).
   */
  private publish(at: number, message: unknown, staged: number, sender: AnyActorRef | null): void {
    const words = this.parts.words;
    let written = false;
    try {
      writeStagedRecord(words, at, message, staged, this.ref.id, sender === null ? -1 : sender.id);
      written = true;
    } finally {
      if (!written) words.u32[at >>> 2] = POOL_SKIP;
      words.queue.publish(at);
      if (this.parts.state.isStopped()) this.stoppedElsewhere();
    }
  }

  private wakeWorkers(): void {
    const workers = this.workers;
    for (let i = 0; i < workers.length; i++) this.parts.wake(workers[i]!);
  }

  private scheduleRetry(): void {
    if (this.retryScheduled) return;
    this.retryScheduled = true;
    if (this.idleRetries < IMMEDIATE_RETRIES) setImmediate(this.retryBound);
    else setTimeout(this.retryBound, RETRY_WAIT_MS);
  }

  /** Publishes what waits, in order, while cells are free; retries later if some is left. */
  private retry(): void {
    this.retryScheduled = false;
    if (this.ended === null && this.parts.state.isStopped()) this.stoppedElsewhere();
    const waiting = this.waiting;
    const queue = this.parts.words.queue;
    let published = 0;
    const { words, codec } = this.parts;
    while (waiting.size !== 0 && this.ended === null) {
      // Nothing can be published while every cell is taken: the head is not encoded again
      // (its codec may run user code) until one seems free.
      if (queue.size >= queue.capacity) break;
      const message = waiting.peek();
      const sender = waiting.sender;
      let staged = -1;
      try {
        staged = stagePoolRecord(words, codec, message);
      } catch {
        // It was staged when told (see `enqueue`): only a message changed since then gets here,
        // and it must not stop the rest (this runs from a timer, with nobody to throw to).
      }
      // The codec ran user code: the pool may have stopped (what waited is dead-lettered).
      if (this.ended !== null) {
        this.afterStage();
        break;
      }
      let at = -1;
      if (staged < 0) {
        waiting.shift();
        this.deadLetter(message as M, sender, 'too-large');
      } else {
        at = queue.tryClaim(words.slot);
        if (at >= 0) {
          waiting.shift();
          published++;
          this.publish(at, message, staged, sender);
        }
      }
      this.afterStage();
      if (staged >= 0 && at < 0) break;
    }
    if (published !== 0) this.wakeWorkers();
    this.idleRetries = published === 0 ? this.idleRetries + 1 : 0;
    if (waiting.size !== 0 && this.ended === null) this.scheduleRetry();
  }

  /** Watches and the like go to the head actor (the pool's identity on this thread). */
  sendSystem(kind: SysKind, from: AnyTarget | null, error?: unknown, message?: unknown): void {
    this.parts.head.cell.sendSystem(kind, from, error, message);
  }

  /** Whether the pool was stopped (on this thread, or on the main thread as this one saw). */
  get stopped(): boolean {
    return this.ended === 'stopped';
  }

  /**
   * Stops the pool, once: marks the state word, stops the routees this thread knows (the main
   * thread's target knows them all) and the head, and dead-letters (`stopped`) what waits in
   * this thread's heap and what is left in the queue. A stop from a worker reaches the main
   * thread through the head, whose stop stops the pool there too. Nothing once the cluster is
   * shutting down (`close`: its end takes care of the rest).
   */
  requestStop(): void {
    if (this.stopRequested || this.ended === 'shutdown') return;
    this.stopRequested = true;
    this.parts.state.markStopped();
    for (const routees of this.byWorker.values()) {
      for (const routee of routees) routee.cell.requestStop();
    }
    this.parts.head.cell.requestStop();
    this.stoppedElsewhere();
  }

  /** The pool is stopped (the state word says so): nothing is sent from here, nothing waits. */
  private stoppedElsewhere(): void {
    if (this.ended !== null) return;
    this.ended = 'stopped';
    this.deadLetterWaiting();
    this.deadLetterQueued();
  }

  /**
   * See PoolFront: a stopped pool's stop drain ended in front of the dead worker's claim. A stop
   * made on a worker may not have reached this thread yet: the state word says it.
   */
  orphansSettled(): void {
    if (this.ended === null && this.parts.state.isStopped()) this.stoppedElsewhere();
    else if (this.ended === 'stopped') this.deadLetterQueued();
  }

  /** From now on tells are dead letters (`shutdown`). */
  close(): void {
    this.ended ??= 'shutdown';
  }

  /**
   * Dead-letters (`shutdown`) what waits in the heap and what is left in the queue; returns
   * how many. Thread contract: after the routees' workers stopped taking (their systems have
   * stopped), so this thread is the only consumer left.
   */
  deadLetterRest(): number {
    this.ended ??= 'shutdown';
    return this.deadLetterWaiting() + this.deadLetterQueued();
  }

  /**
   * Takes every record left in the queue and dead-letters it with this target's end reason; how
   * many. Any thread: the queue has many consumers, so a routee still running may take some.
   */
  private deadLetterQueued(): number {
    const { words, codec, refOf } = this.parts;
    const queue = words.queue;
    const reason = this.ended ?? 'shutdown';
    let count = 0;
    const slot = words.slot;
    for (let at = queue.tryAcquire(slot); at >= 0; at = queue.tryAcquire(slot)) {
      const outcome = readPoolRecord(words, codec, at, this.read);
      queue.release(at);
      if (outcome !== 'message') continue;
      const { message, senderId } = this.read;
      this.read.message = undefined;
      this.deadLetter(message as M, senderId === -1 ? null : refOf(senderId), reason);
      count++;
    }
    return count;
  }

  /** Dead-letters what waits in this thread's heap for a cell (end reason); how many. */
  deadLetterWaiting(): number {
    const reason = this.ended ?? 'shutdown';
    let count = 0;
    const waiting = this.waiting;
    while (waiting.size !== 0) {
      const message = waiting.shift();
      this.deadLetter(message as M, waiting.sender, reason);
      count++;
    }
    // Tells kept aside by a stage still running (a stop from inside a codec): they end too.
    count += this.nested.drain((message, sender) => this.deadLetter(message, sender, reason));
    return count;
  }

  private deadLetter(
    message: unknown,
    sender: AnyActorRef | null,
    reason: DeadLetterReason,
  ): false {
    this.system.deadLetter(message, sender, this.ref, reason);
    return false;
  }
}
