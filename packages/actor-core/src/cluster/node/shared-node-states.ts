/**
 * The main thread's view of the nodes of other processes, shared with its pool workers, so a
 * worker never takes a node for lost after the main thread has seen it come back.
 *
 * Why: the main thread learns that a node of another process is up (its membership) and tells
 * the workers over the control channel (postMessage), but a message carrying a ref to that
 * node can reach a worker sooner, through the rings; decoded while the worker still holds the
 * node for lost, the ref would dead-letter. A worker that finds a node lost reads its word here
 * first (`isUp`), and a word that says up counts as the node-up message, which arrives later.
 *
 * Layout (one SharedArrayBuffer, drawn once here):
 * ```
 *  Int32 word [node], node in [0, nodeCount):  transitions the main thread applied to `node`
 *    0        never lost or up by the main thread's say (a node of this process, or untouched)
 *    odd      lost (the main thread ran ClusterGateway.nodeLost)
 *    even > 0 up again (ClusterGateway.nodeUp after a loss)
 * ```
 *
 * Concurrency contract: only the main thread writes (`markLost`, `markUp`, Atomics.store);
 * any thread reads (`isUp`, Atomics.load). A word is written before the control message that
 * says the same, so a reader that sees it is at most ahead of its own control channel.
 */

/** Role: whether the node-of-another-process `node` is up by the main thread's latest word. */
export interface NodeStates {
  /** Read on the lost path only (a ref decoded for a node this thread holds lost). */
  isUp(node: number): boolean;
}

export class SharedNodeStates implements NodeStates {
  readonly buffer: SharedArrayBuffer;
  private readonly words: Int32Array;

  private constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.words = new Int32Array(buffer);
  }

  /** A table for `nodeCount` indices, every word 0 (main thread, before the workers start). */
  static create(nodeCount: number): SharedNodeStates {
    return new SharedNodeStates(new SharedArrayBuffer(nodeCount * Int32Array.BYTES_PER_ELEMENT));
  }

  /** The table `create` made, from another thread. */
  static attach(buffer: SharedArrayBuffer): SharedNodeStates {
    return new SharedNodeStates(buffer);
  }

  /** Main thread only: `node` is lost (idempotent while it stays lost). */
  markLost(node: number): void {
    const word = Atomics.load(this.words, node);
    if ((word & 1) === 0) Atomics.store(this.words, node, word + 1);
  }

  /** Main thread only: `node` is up after a loss (nothing when it was never lost). */
  markUp(node: number): void {
    const word = Atomics.load(this.words, node);
    if ((word & 1) === 1) Atomics.store(this.words, node, word + 1);
  }

  /** Any thread: the main thread has seen `node` come back since its last loss. */
  isUp(node: number): boolean {
    const word = Atomics.load(this.words, node);
    return word !== 0 && (word & 1) === 0;
  }
}
