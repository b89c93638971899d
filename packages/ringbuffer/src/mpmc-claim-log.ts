/*
 * Where the threads of an MpmcQueue note, just before each CAS on a queue position, the position
 * they are about to take, so that the half-done claim or acquire of a thread that died (a worker
 * terminated at an arbitrary instruction) can be finished by another (mpmc-orphans.ts). Without
 * it a cell claimed and never published, or acquired and never released, stops every consumer
 * (or, a lap later, every producer) for good.
 *
 * ```
 *  SharedArrayBuffer, one 64-byte line per thread (thread t at byte 64 * t)
 *  +----------------+-------------+------------------+---------------+----------------+
 *  | claim position | claim flag  | acquire position | acquire flag  | (unused: pad)  |
 *  +----------------+-------------+------------------+---------------+----------------+
 *    i32              i32           i32                i32             48 bytes
 * ```
 *
 * A line per thread: each thread stores into its own words on every claim and acquire, and
 * slots sharing a line would make those stores contend across cores.
 *
 * A side's flag is 1 while its position word names a position the thread may hold: set (after
 * the position) before the CAS, cleared when the CAS is lost. After a won CAS it stays set; once
 * the thread has published (released) that cell, the cell's sequence has moved past the
 * position, which is what recovery checks. A lost CAS must clear it: the loser may then find
 * the queue full and note nothing more for a long time, and a stale word naming the dead
 * thread's position would keep recovery waiting for a thread that holds nothing.
 */
import { RingBufferError } from './errors.js';

/** Int32 words per thread: a cache line (claim position and flag, acquire position and flag). */
const THREAD_WORDS = 16;
const CLAIM = 0;
const ACQUIRE = 2;
/** The flag follows its position word. */
const FLAG = 1;
const MAX_THREADS = 1 << 16;

/**
 * One thread's slot in a claim log, passed to `MpmcQueue.tryClaim`/`tryAcquire` (which call
 * these around their CAS). A slot notes one claim and one acquire: a thread that uses one may
 * hold at most one claimed, unpublished cell and one acquired, unreleased cell at a time
 * (publish before the next claim, release before the next acquire); a second one would be
 * invisible to recovery, which could then publish a skip over it. Every store is an
 * Atomics.store: ordered before the CAS that follows, and after this thread's earlier publishes
 * and releases, for the recovering thread's loads.
 *
 * Thread contract: used by its own thread only (the recoverer reads the shared words).
 */
export class MpmcThreadSlot {
  readonly words: Int32Array;
  readonly claimWord: number;
  readonly acquireWord: number;
  #claiming = false;
  #acquiring = false;

  constructor(words: Int32Array, thread: number) {
    this.words = words;
    this.claimWord = THREAD_WORDS * thread + CLAIM;
    this.acquireWord = THREAD_WORDS * thread + ACQUIRE;
  }

  /** Before the CAS that claims `position`. */
  noteClaim(position: number): void {
    Atomics.store(this.words, this.claimWord, position);
    if (!this.#claiming) {
      Atomics.store(this.words, this.claimWord + FLAG, 1);
      this.#claiming = true;
    }
  }

  /** After a lost claim CAS. */
  claimLost(): void {
    Atomics.store(this.words, this.claimWord + FLAG, 0);
    this.#claiming = false;
  }

  /** Before the CAS that acquires `position`. */
  noteAcquire(position: number): void {
    Atomics.store(this.words, this.acquireWord, position);
    if (!this.#acquiring) {
      Atomics.store(this.words, this.acquireWord + FLAG, 1);
      this.#acquiring = true;
    }
  }

  /** After a lost acquire CAS. */
  acquireLost(): void {
    Atomics.store(this.words, this.acquireWord + FLAG, 0);
    this.#acquiring = false;
  }
}

/** The claim log of one queue: one slot per thread that produces or consumes. */
export class MpmcClaimLog {
  readonly buffer: SharedArrayBuffer;
  readonly words: Int32Array;
  readonly threads: number;
  /** The slots handed out (one object per thread: its flags are tracked in it). */
  readonly #slots: (MpmcThreadSlot | undefined)[] = [];

  /** A new log for threads 0 .. threads - 1. @throws RingBufferError INVALID_CAPACITY. */
  static create(threads: number): MpmcClaimLog {
    if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
      throw new RingBufferError(
        'MpmcClaimLog.create',
        'INVALID_CAPACITY',
        `threads (${threads}) must be an integer in 1..${MAX_THREADS}`,
      );
    }
    return new MpmcClaimLog(new SharedArrayBuffer(threads * THREAD_WORDS * 4));
  }

  /** Another thread's view of a log made by `create`. @throws RingBufferError INVALID_BUFFER. */
  static attach(buffer: SharedArrayBuffer): MpmcClaimLog {
    if (!(buffer instanceof SharedArrayBuffer)) {
      throw new RingBufferError('MpmcClaimLog.attach', 'INVALID_BUFFER', 'not a SharedArrayBuffer');
    }
    const words = buffer.byteLength / 4;
    if (words < THREAD_WORDS || words % THREAD_WORDS !== 0 || words / THREAD_WORDS > MAX_THREADS) {
      throw new RingBufferError(
        'MpmcClaimLog.attach',
        'INVALID_BUFFER',
        `size ${buffer.byteLength} is not a claim log's`,
      );
    }
    return new MpmcClaimLog(buffer);
  }

  private constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.words = new Int32Array(buffer);
    this.threads = this.words.length / THREAD_WORDS;
  }

  /**
   * Thread `thread`'s slot; the same object on every call of this log object (a thread attaches
   * its own log object and uses only its own slot). @throws RingBufferError.
   */
  slot(thread: number): MpmcThreadSlot {
    this.#check('MpmcClaimLog.slot', thread);
    let slot = this.#slots[thread];
    if (slot === undefined) slot = this.#slots[thread] = new MpmcThreadSlot(this.words, thread);
    return slot;
  }

  /**
   * Any thread (Atomics.loads: the flag, then the position). The position `thread` may hold a
   * claim of; undefined when its flag is clear.
   */
  claimOf(thread: number): number | undefined {
    this.#check('MpmcClaimLog.claimOf', thread);
    return this.#noted(THREAD_WORDS * thread + CLAIM);
  }

  /** Any thread. The position `thread` may hold an acquire of (see `claimOf`). */
  acquireOf(thread: number): number | undefined {
    this.#check('MpmcClaimLog.acquireOf', thread);
    return this.#noted(THREAD_WORDS * thread + ACQUIRE);
  }

  /**
   * Clears both flags of `thread`, which has died (MpmcOrphans.of, after reading its words): a
   * stale word of a dead thread must not look held. Thread contract: `thread` has stopped.
   */
  forget(thread: number): void {
    this.#check('MpmcClaimLog.forget', thread);
    Atomics.store(this.words, THREAD_WORDS * thread + CLAIM + FLAG, 0);
    Atomics.store(this.words, THREAD_WORDS * thread + ACQUIRE + FLAG, 0);
  }

  #noted(word: number): number | undefined {
    if (Atomics.load(this.words, word + FLAG) === 0) return undefined;
    return Atomics.load(this.words, word);
  }

  #check(where: string, thread: number): void {
    if (!Number.isInteger(thread) || thread < 0 || thread >= this.threads) {
      throw new RingBufferError(
        where,
        'INVALID_ARGUMENT',
        `thread ${thread} is not in 0..${this.threads - 1}`,
      );
    }
  }
}
