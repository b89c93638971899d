import { LockedQueue } from '../../baselines/locked-queue.js';

/**
 * Role: the view of a shared queue the cross-thread throughput workers drive. Values are
 * non-negative Int32s plus the stop pill; `pop` returns `EMPTY` when there is nothing to take.
 * Each worker attaches exactly one kind, so these call sites stay monomorphic.
 */
export interface IntQueue {
  push(value: number): boolean;
  /** Pushes up to `count` values from `src[from...]`; returns how many went in. */
  pushBatch(src: Int32Array, from: number, count: number): number;
  pop(): number;
  /** Pops up to `max` values into `dst`; returns how many. */
  popBatch(dst: Int32Array, max: number): number;
}

/** What `pop` returns for an empty queue. */
export const EMPTY = -1;
/** The value that tells a consumer to stop; never counted. */
export const STOP_PILL = -2;
/** Values are masked to 30 bits so they never collide with the sentinels. */
export const VALUE_MASK = 0x3fffffff;

/** The shared queues the ringbuffer suite can put between threads. */
export type QueueKind = 'locked';

/** Allocates a queue of `kind` (main thread); the buffer is posted to the workers. */
export function createQueueBuffer(kind: QueueKind, capacity: number): SharedArrayBuffer {
  switch (kind) {
    case 'locked':
      return LockedQueue.create(capacity).buffer;
  }
}

/** Attaches a worker to a queue made by `createQueueBuffer`. */
export function attachQueue(kind: QueueKind, buffer: SharedArrayBuffer): IntQueue {
  switch (kind) {
    case 'locked':
      return LockedQueue.attach(buffer) satisfies IntQueue;
  }
}
