/**
 * A balancing pool's state word, shared by the main thread and every worker that writes into
 * the pool's queue, so that a stopped pool takes no more messages anywhere:
 *
 * ```
 *  SharedArrayBuffer (4 bytes)
 *  +--------------------+
 *  | state i32          |   0 running, 1 stopped (never goes back)
 *  +--------------------+
 * ```
 *
 * Why nothing is left in the queue of a stopped pool: the thread that stops it stores STOPPED and
 * then takes every record left in the queue; a producer on another thread publishes its record and
 * then loads the word. Both are Atomics operations (sequentially consistent), so either the
 * producer's load comes after the store, and it takes what is left itself, or its publish came
 * before the stopping thread's drain, which then finds the record. (A record claimed and not yet
 * published stops that drain; its producer then sees STOPPED.) Either way every
 * record is taken once: by a routee still running, or by a drain that dead-letters it.
 *
 * Thread contract: any thread; a thread that calls `markStopped` drains the queue after it.
 */

const RUNNING = 0;
const STOPPED = 1;

export class PoolState {
  readonly buffer: SharedArrayBuffer;
  private readonly word: Int32Array;

  /** A new state word (running), or a view of `buffer` made by another thread's PoolState. */
  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) {
    this.buffer = buffer;
    this.word = new Int32Array(buffer, 0, 1);
  }

  /** Any thread. Whether the pool was stopped (Atomics.load). */
  isStopped(): boolean {
    return Atomics.load(this.word, 0) !== RUNNING;
  }

  /** Any thread, when the pool stops; before it drains the queue (see above). */
  markStopped(): void {
    Atomics.store(this.word, 0, STOPPED);
  }
}
