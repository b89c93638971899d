/**
 * Which large-message block each cluster thread holds where no one else can find it: the block
 * it has allocated and not yet published (encoding the frame, staging its reference), and the
 * block whose reference it has taken and not yet freed (decoding). When a worker dies, the main
 * thread frees both (`reclaim`): without this, a worker killed while encoding or decoding a
 * large message leaked that block for good (`LargeMessageStore.take` marks a reference taken
 * before it decodes, so the record's next reader skips it instead of freeing the block twice).
 *
 * ```
 *  holds (Int32Array over a SAB, STRIDE (8) words per pool worker, worker w at 8w; -1: none)
 *  +-----------------------------------------+-------------------------+---------+-----
 *  | words 0-3: blocks allocated, not yet    | word 4: block taken,    | 5-7:    | worker 1 ...
 *  | published (a send from a codec's getter | not yet freed (decoding)| unused  |
 *  | nests: each send notes its own)         |                         |         |
 *  +-----------------------------------------+-------------------------+---------+-----
 * ```
 *
 * Each worker writes only its own words (Atomics.store), in an order that can only leak, never
 * free a block twice: a producer notes a block after the alloc and clears the note just before
 * the publish (noting it again if the link refused it) or before it frees the block itself; a
 * consumer notes a block after it marks the reference taken and clears the note before the free.
 * A worker that dies between a clear and the step after it still leaks its block, as every
 * worker did before: a window of a few instructions instead of a whole encode or decode. A fifth
 * nested send (sends from codec getters within sends) is not noted and may leak likewise.
 *
 * The main thread never dies while its cluster runs: it notes nothing. Sized for MAX_WORKERS
 * (8 KiB), because the store is made before the worker count is resolved.
 *
 * Thread contract: `hold`/`release`/`consume`: the worker the holds were attached for. `reclaim`: the
 * main thread, once worker `w` has stopped and before a new thread takes its place.
 */

import { NO_BLOCK } from '@zactor/mempool';

/** No block held. */
const NONE = NO_BLOCK;
/** Words per worker. */
const STRIDE = 8;
/** Producer words per worker (nested sends each note their block), then the consumer's. */
const PRODUCER_WORDS = 4;
const CONSUMER_WORD = 4;

export class BlockHolds {
  readonly buffer: SharedArrayBuffer;
  private readonly words: Int32Array;
  /** This worker's first word, or -1 for a thread whose holds are never reclaimed (the main thread's). */
  private readonly at: number;

  /**
   * Holds for worker indices below `threads` (the main thread, once), attached for the main
   * thread, which never dies while its cluster runs: its own holds are not noted.
   */
  static create(threads: number): BlockHolds {
    const buffer = new SharedArrayBuffer(STRIDE * threads * Int32Array.BYTES_PER_ELEMENT);
    new Int32Array(buffer).fill(NONE);
    return new BlockHolds(buffer, -1);
  }

  /** Worker `thread`'s view of holds the main thread created. */
  static attach(buffer: SharedArrayBuffer, thread: number): BlockHolds {
    return new BlockHolds(buffer, STRIDE * thread);
  }

  /** Holds that note nothing (a store made without them). */
  static none(): BlockHolds {
    return new BlockHolds(new SharedArrayBuffer(0), -1);
  }

  private constructor(buffer: SharedArrayBuffer, at: number) {
    this.buffer = buffer;
    this.words = new Int32Array(buffer);
    this.at = at;
  }

  /** This worker holds `block`, allocated and unpublished (a producer): noted in a free word. */
  hold(block: number): void {
    const w = this.producerWord(NONE);
    if (w >= 0) Atomics.store(this.words, w, block);
  }

  /** This worker no longer holds `block` alone (it is about to publish or free it). */
  release(block: number): void {
    const w = this.producerWord(block);
    if (w >= 0) Atomics.store(this.words, w, NONE);
  }

  /** This worker's producer word holding `value`, or -1 (none, or the main thread's holds). */
  private producerWord(value: number): number {
    const at = this.at;
    if (at < 0) return -1;
    const words = this.words;
    // Only this worker writes these words: a plain read sees its own last store.
    for (let w = at; w < at + PRODUCER_WORDS; w++) if (words[w] === value) return w;
    return -1;
  }

  /** This worker has taken `block` and not freed it (a consumer), or no longer (-1). */
  consume(block: number): void {
    if (this.at >= 0) Atomics.store(this.words, this.at + CONSUMER_WORD, block);
  }

  /** Frees (with `free`) the blocks dead worker `thread` held, and clears its words; how many. */
  reclaim(thread: number, free: (block: number) => void): number {
    let freed = 0;
    const first = STRIDE * thread;
    for (let w = first; w <= first + CONSUMER_WORD; w++) {
      const block = Atomics.exchange(this.words, w, NONE);
      if (block !== NONE) {
        free(block);
        freed++;
      }
    }
    return freed;
  }
}
