/**
 * Mailbox segments no mailbox holds any more, kept for the next burst: a mailbox that spills
 * past its ring takes its segments here and gives each back as it empties, so a thread whose
 * actors take bursts of messages again and again (a producer that sends a batch per turn, Savina's
 * Counting and Fork-join throughput) allocates its segments once instead of once per burst. A
 * segment allocated fresh lives in V8's young generation and is copied by each scavenge it
 * survives; a pooled one was promoted long ago and costs the scavenger nothing.
 *
 * Bounded: at most `MAX_POOLED` segments (16 MiB of 64 KiB arrays) stay after a burst; the rest go
 * to the garbage collector.
 *
 * Thread contract: one pool per thread (module state; a worker has its own); not shared.
 */

/**
 * Slots of a pooled segment (and of a mailbox's largest ring): 8192 (4096 messages, 64 KiB).
 * Below V8's large-object line (128 KiB): an array past it costs ~30 ns per element to allocate
 * here against ~2 ns below it (measured with `new Array(n)` on Node 20), which made a mailbox
 * that grew to 1M messages by doubling spend most of its time allocating.
 */
export const SEGMENT_SLOTS = 8192;

const MAX_POOLED = 256;

const pool: unknown[][] = [];

/** An empty array of `size` slots (all undefined): a pooled one when `size` is SEGMENT_SLOTS. */
export function takeSegment(size: number): unknown[] {
  if (size === SEGMENT_SLOTS && pool.length !== 0) return pool.pop()!;
  return new Array<unknown>(size).fill(undefined);
}

/** Gives back an emptied array (every slot undefined again); kept when it is a segment. */
export function giveSegment(segment: unknown[]): void {
  if (segment.length === SEGMENT_SLOTS && pool.length < MAX_POOLED) pool.push(segment);
}
