/**
 * Role: how one cluster node reaches the others. The cluster layer (outbound staging, the
 * envelope format, remote refs, supervision) is written once against this role; a link only
 * moves batches of envelopes. `RingLink` carries them through SharedArrayBuffer rings between
 * worker threads; a network link (NATS, in `@zactor/remote`) implements the same role.
 *
 * A batch is a run of envelopes (see wire/envelope-layout.ts), 8-byte aligned, staged by the
 * sender in its own heap. Per destination, batches arrive in the order they were published.
 */
export interface NodeLink {
  /**
   * The largest batch, in bytes, that one `publish` to `node` can carry (a multiple of 8), or
   * 0 when this link has no route to `node` (the node itself, or one it does not know).
   *
   * Thread contract: the sending node's thread; the value is fixed for the link's life.
   */
  batchCapacity(node: number): number;
  /**
   * Publishes the first `used` bytes of `batch` (`used` a multiple of 8 and at most
   * `batchCapacity(node)`) to `node` as one unit, and wakes `node` if it sleeps.
   * `'full'` when the link has no room now: nothing was published, and the caller keeps the
   * batch (it never waits here).
   *
   * Thread contract: the sending node's thread. On `'published'` the bytes were copied out:
   * the caller may reuse `batch` at once. The receiver sees the whole batch or none of it.
   */
  publish(node: number, batch: BatchBytes, used: number): PublishResult;
  /**
   * Optional: the sender starts a step of its loop; until `endStep`, a publish may leave its
   * receiver asleep and owe it a wake (RingLink with a WakeLinger). Thread contract: the
   * sending node's thread.
   */
  beginStep?(): void;
  /** Optional: the step ended (`idle`: it did no work); owed wakes are paid, or kept owed. */
  endStep?(idle: boolean): void;
}

/** A staged batch: the same heap bytes seen as bytes and as f64 words (8-byte aligned). */
export interface BatchBytes {
  readonly bytes: Uint8Array;
  readonly f64: Float64Array;
}

/** What `NodeLink.publish` did. */
export type PublishResult = 'published' | 'full';
