/** Entries of the table (a power of two): about a record's worth of distinct actors. */
const ENTRIES = 256;

/**
 * Which actors have had their one direct turn in the current hold of a dispatcher (see
 * `DrivenDispatcher.hold`): a table of actor ids indexed by the id's low bits (its slot in the
 * actor table), each entry stamped with the hold that wrote it, so a new hold clears nothing.
 *
 * Two actors whose slots share an entry evict each other, and then one of them may get a second
 * direct turn in the same hold: one turn more than needed (its messages are still handled in
 * order, by its own mailbox), never a message lost or reordered. An actor is never refused a
 * first direct turn, since an entry only answers "seen" for the very id it holds.
 *
 * Thread contract: the dispatcher's thread only; allocation-free after construction.
 */
export class OncePerHold {
  private readonly ids = new Float64Array(ENTRIES);
  private readonly stamps = new Int32Array(ENTRIES);
  /** The current hold (0 before the first: no entry counts until `begin`). */
  private hold = 0;

  /** Starts a hold: every actor may have a direct turn again. */
  begin(): void {
    this.hold = (this.hold + 1) | 0;
    // After 2^32 holds the stamps repeat: zero them rather than let an old entry answer.
    if (this.hold === 0) {
      this.stamps.fill(0);
      this.hold = 1;
    }
  }

  /** True the first time `id` asks in this hold (and notes it); false when it asked before. */
  first(id: number): boolean {
    const entry = id & (ENTRIES - 1);
    if (this.ids[entry] === id && this.stamps[entry] === this.hold) return false;
    this.ids[entry] = id;
    this.stamps[entry] = this.hold;
    return true;
  }
}
