/**
 * Which large-message block each cluster thread holds where no one else can find it: the block
 * it has allocated and not yet published (encoding the frame, staging its reference), and the
 * block whose reference it has taken and not yet freed (decoding). When a worker dies, the main
 * thread frees both (`reclaim`): without this, a worker killed while encoding or decoding a
 * large message leaked that block for good (`LargeMessageStore.take` marks a reference taken
 * before it decodes, so the record's next reader skips it instead of freeing the block twice).
 *
 * ```
 *  holds (Int32Array over a SAB, 2 words per pool worker, worker w at 2w; -1: none)
 *  +--------------------------------------+--------------------------------------+-----
 *  | worker 0: block allocated, not yet   | worker 0: block taken, not yet freed | ...
 *  | published (the producer's)           | (the consumer's)                     |
 *  +--------------------------------------+--------------------------------------+-----
 * ```
 *
 * Each thread writes its own two words (Atomics.store), in an order that can only leak, never
 * free a block twice: a producer sets its word after the alloc and clears it before the publish
 * (or before it frees the block itself); a consumer sets its word after it marks the reference
 * taken and clears it before the free. A thread that dies between a clear and the step after it
 * still leaks its block, as every thread did before: a window of a few instructions instead of
 * a whole encode or decode.
 *
 * The main thread never dies while its cluster runs: it notes nothing. Sized for MAX_WORKERS
 * (2 KiB), because the store is made before the worker count is resolved.
 *
 * Thread contract: `produce`/`consume`: the worker the holds were attached for. `reclaim`: the
 * main thread, once worker `w` has stopped and before a new thread takes its place.
 */

import { NO_BLOCK } from '@zactor/mempool';

/** No block held. */
const NONE = NO_BLOCK;

export class BlockHolds {
  readonly buffer: SharedArrayBuffer;
  private readonly words: Int32Array;
  /** This thread's first word, or -1 for a thread whose holds are never reclaimed (the main thread's). */
  private readonly at: number;

  /**
   * Holds for worker indices below `threads` (the main thread, once), attached for the main
   * thread, which never dies while its cluster runs: its own holds are not noted.
   */
  static create(threads: number): BlockHolds {
    const buffer = new SharedArrayBuffer(2 * threads * Int32Array.BYTES_PER_ELEMENT);
    new Int32Array(buffer).fill(NONE);
    return new BlockHolds(buffer, -1);
  }

  /** Worker `thread`'s view of holds the main thread created. */
  static attach(buffer: SharedArrayBuffer, thread: number): BlockHolds {
    return new BlockHolds(buffer, 2 * thread);
  }

  private constructor(buffer: SharedArrayBuffer, at: number) {
    this.buffer = buffer;
    this.words = new Int32Array(buffer);
    this.at = at;
  }

  /** This thread holds `block` unpublished (a producer), or no longer (-1). */
  produce(block: number): void {
    if (this.at >= 0) Atomics.store(this.words, this.at, block);
  }

  /** This thread has taken `block` and not freed it (a consumer), or no longer (-1). */
  consume(block: number): void {
    if (this.at >= 0) Atomics.store(this.words, this.at + 1, block);
  }

  /** Frees (with `free`) the blocks dead worker `thread` held, and clears its words; how many. */
  reclaim(thread: number, free: (block: number) => void): number {
    let freed = 0;
    for (let word = 2 * thread; word < 2 * thread + 2; word++) {
      const block = Atomics.exchange(this.words, word, NONE);
      if (block !== NONE) {
        free(block);
        freed++;
      }
    }
    return freed;
  }
}
