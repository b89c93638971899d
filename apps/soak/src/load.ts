/**
 * The soak's load messages and the per-thread bookkeeping every node keeps about them.
 *
 * Four shapes travel: a plain number (the cheapest envelope), a `tick` struct (a registered
 * schema: the compiled codec), a `note` object (no schema: the msgpackr fallback) and, rarely, a
 * `blob` struct of 20 KB (above the cluster's large-message threshold, so it crosses workers in
 * a shared slab block). Only these are counted; asks, replies and control messages are not load.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ActorSystem, DeadLetterReason } from '@zactor/actor-core';

export interface TickMessage {
  readonly type: 'tick';
  readonly n: number;
}

export interface NoteMessage {
  readonly kind: 'note';
  readonly n: number;
  readonly text: string;
}

/** A large load message: travels in a shared slab block when it crosses workers. */
export interface BlobMessage {
  readonly type: 'blob';
  readonly n: number;
  readonly data: Uint8Array;
}

/** Bytes of a blob's payload: above the default 16 KiB large-message threshold. */
export const BLOB_BYTES = 20_000;

export type LoadMessage = number | TickMessage | NoteMessage | BlobMessage;

/** Whether a value is one of the three load shapes. */
export function isLoad(message: unknown): message is LoadMessage {
  if (typeof message === 'number') return true;
  if (message === null || typeof message !== 'object') return false;
  const m = message as { type?: unknown; kind?: unknown };
  return m.type === 'tick' || m.type === 'blob' || m.kind === 'note';
}

/**
 * Dead letters of load messages on one node, by reason and by the worker of their recipient;
 * `other` counts the rest.
 */
export interface LoadDeadLetters {
  readonly byReason: Partial<Record<DeadLetterReason, number>>;
  readonly byRecipientWorker: Record<number, number>;
  total: number;
  other: number;
}

/** Counts the dead letters of `system` from now on, load messages by reason. */
export function tallyLoadDeadLetters(system: ActorSystem): LoadDeadLetters {
  const tally: LoadDeadLetters = { byReason: {}, byRecipientWorker: {}, total: 0, other: 0 };
  system.events.subscribe(
    (event) => {
      if (!isLoad(event.message)) {
        tally.other++;
        return;
      }
      tally.total++;
      tally.byReason[event.reason] = (tally.byReason[event.reason] ?? 0) + 1;
      const w = event.recipient.worker;
      tally.byRecipientWorker[w] = (tally.byRecipientWorker[w] ?? 0) + 1;
    },
    ['dead-letter'],
  );
  return tally;
}

/** mulberry32: a small seedable PRNG, so a run's choices replay from its seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let gc: (() => void) | undefined;

/**
 * Heap in use right after a full GC on this thread. Node refuses `--expose-gc` in a Worker's
 * execArgv (ERR_WORKER_INVALID_EXEC_ARGV), so the flag is set at run time and the `gc`
 * function taken from a fresh context, which works on the main thread and in workers alike.
 */
export function heapAfterGc(): number {
  if (gc === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed !== undefined) gc = exposed;
    else {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    }
  }
  gc();
  return getHeapStatistics().used_heap_size;
}
