/*
 * Finishing what a dead thread left half done in an MpmcQueue: a cell it claimed and did not
 * publish (every consumer stops in front of it), or one it acquired and did not release (a lap
 * later every producer stops in front of it). Threads note each position in the queue's claim
 * log just before their CAS (mpmc-claim-log.ts); when one dies, the thread that learns of it
 * reads the dead thread's two positions at once (`MpmcOrphans.of`, before a thread that takes
 * its place can overwrite them), then settles them (`settle`):
 *
 * - claim p, when the enqueue position had passed p at the death: some thread won the CAS for p.
 *   If the cell's sequence no longer reads p, it was published: nothing to do. Else, if a live
 *   thread's flagged claim word reads p, it may be that thread's claim: wait (it publishes, or
 *   it lost the CAS and clears its flag). Else nobody alive holds the cell: it is the dead
 *   thread's, unpublished. Its payload is overwritten (`skip`, a
 *   record consumers take and ignore), its claimed word set, its sequence stored to p + 1.
 * - acquire a, when the dequeue position had passed a: the same with the acquire words and a
 *   sequence of a + 1 (published, not released): `take` gets the record (the dead consumer may
 *   have read it; whether it was handled is the caller's to know), then the cell is released.
 *
 * Why the order (enqueue position at the death, then the live words, then the sequence): once the
 * position has passed p no thread can start a claim of p, and a live thread that won p noted p
 * (and set its flag) before its CAS and changes neither before it has published p (a sequence
 * store, seen by the later load). Checked by verification/models/mpmc_queue.pml
 * (PRODUCER_DEATH, CONSUMER_DEATH).
 *
 * Thread contract: one thread settles a death (the one that watches the threads); the dead
 * thread has stopped; every other thread of the log may keep using the queue meanwhile.
 */
import {
  CONSUMER_POSITION_INDEX,
  DATA_OFFSET,
  MPMC_CELL_HEADER_BYTES,
  MPMC_CLAIMED_POSITION_OFFSET,
  MPMC_SEQUENCE_OFFSET,
  PRODUCER_POSITION_INDEX,
} from './layout.js';
import type { MpmcClaimLog } from './mpmc-claim-log.js';
import type { MpmcQueue } from './mpmc-queue.js';

const SEQUENCE_WORD = MPMC_SEQUENCE_OFFSET >> 2;
const CLAIMED_WORD = MPMC_CLAIMED_POSITION_OFFSET >> 2;
const HEADER_WORDS = MPMC_CELL_HEADER_BYTES >> 2;

/** Called with the payload of an orphaned cell: `offset` is a byte offset into `view`. */
export type MpmcOrphanHandler = (view: DataView, offset: number) => void;

/** What `settle` did: both sides done, or a live thread holds a position in question. */
export type MpmcSettleOutcome = 'settled' | 'wait';

export class MpmcOrphans {
  readonly queue: MpmcQueue;
  readonly log: MpmcClaimLog;
  /** The dead thread's index in the log. */
  readonly thread: number;
  /** A position the dead thread may have claimed and not published; undefined: none left. */
  claim: number | undefined;
  /** A position it may have acquired and not released; undefined: none left. */
  acquire: number | undefined;
  /** Cells published as skips, and records handed to `take`, so far. */
  skipped = 0;
  taken = 0;

  /**
   * Thread `thread` of `log` died: what it may have left in `queue`, read now (Atomics.loads),
   * and its flags cleared. Call once per death, before another thread takes its slot.
   */
  static of(queue: MpmcQueue, log: MpmcClaimLog, thread: number): MpmcOrphans {
    const i32 = queue.int32;
    const claim = log.claimOf(thread);
    const acquire = log.acquireOf(thread);
    // Its words must not hold up the recovery of another death (nor this one's): it writes
    // nothing any more, and a thread that takes its slot notes positions the queue has not
    // reached yet.
    log.forget(thread);
    const enqueued = Atomics.load(i32, PRODUCER_POSITION_INDEX);
    const dequeued = Atomics.load(i32, CONSUMER_POSITION_INDEX);
    return new MpmcOrphans(
      queue,
      log,
      thread,
      claim !== undefined && ((enqueued - claim) | 0) > 0 ? claim : undefined,
      acquire !== undefined && ((dequeued - acquire) | 0) > 0 ? acquire : undefined,
    );
  }

  private constructor(
    queue: MpmcQueue,
    log: MpmcClaimLog,
    thread: number,
    claim: number | undefined,
    acquire: number | undefined,
  ) {
    this.queue = queue;
    this.log = log;
    this.thread = thread;
    this.claim = claim;
    this.acquire = acquire;
  }

  /** Whether nothing is left to settle. */
  get settled(): boolean {
    return this.claim === undefined && this.acquire === undefined;
  }

  /**
   * Settles what it can (see the file comment): `skip` overwrites an orphaned claim's payload
   * with a record consumers ignore, `take` gets an orphaned acquire's record. 'wait': a live
   * thread's word names a position in question; call again later (it moves on within its
   * claim or acquire). Does not throw unless a handler does (the position stays then).
   */
  settle(skip: MpmcOrphanHandler, take: MpmcOrphanHandler): MpmcSettleOutcome {
    const i32 = this.queue.int32;
    const claim = this.claim;
    if (claim !== undefined) {
      const cell = this.#cellOf(claim);
      // The live words first, then the sequence (see the file comment).
      const held = this.#liveHolds(claim, 'claim');
      if (Atomics.load(i32, cell + SEQUENCE_WORD) !== claim) this.claim = undefined;
      else if (!held) {
        skip(this.queue.view, (cell + HEADER_WORDS) << 2);
        i32[cell + CLAIMED_WORD] = claim;
        Atomics.store(i32, cell + SEQUENCE_WORD, (claim + 1) | 0);
        this.queue.wakeSignal.notifyIfParked();
        this.skipped++;
        this.claim = undefined;
      }
    }
    const acquire = this.acquire;
    if (acquire !== undefined) {
      const cell = this.#cellOf(acquire);
      const held = this.#liveHolds(acquire, 'acquire');
      if (Atomics.load(i32, cell + SEQUENCE_WORD) !== ((acquire + 1) | 0)) this.acquire = undefined;
      else if (!held) {
        take(this.queue.view, (cell + HEADER_WORDS) << 2);
        Atomics.store(i32, cell + SEQUENCE_WORD, (acquire + this.queue.capacity) | 0);
        this.taken++;
        this.acquire = undefined;
      }
    }
    return this.settled ? 'settled' : 'wait';
  }

  /** Whether a thread's flagged word of `side` names `position` (the dead one's are cleared). */
  #liveHolds(position: number, side: 'claim' | 'acquire'): boolean {
    const log = this.log;
    for (let t = 0; t < log.threads; t++) {
      const noted = side === 'claim' ? log.claimOf(t) : log.acquireOf(t);
      if (noted === position) return true;
    }
    return false;
  }

  #cellOf(position: number): number {
    const queue = this.queue;
    return (DATA_OFFSET + (position & (queue.capacity - 1)) * queue.cellBytes) >> 2;
  }
}
