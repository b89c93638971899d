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

const MAX_POOLED = 256;

const pool: unknown[][] = [];

/** An empty segment of `size` slots (all undefined): a pooled one when `size` is the pooled size. */
export function takeSegment(size: number, pooledSize: number): unknown[] {
  if (size === pooledSize && pool.length !== 0) return pool.pop()!;
  return new Array<unknown>(size).fill(undefined);
}

/** Gives back an emptied segment (every slot undefined again). */
export function giveSegment(segment: unknown[], pooledSize: number): void {
  if (segment.length === pooledSize && pool.length < MAX_POOLED) pool.push(segment);
}
