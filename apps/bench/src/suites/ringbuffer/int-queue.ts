import { MpmcQueue, type MpscRecordHandler, MpscRing, SpscRing } from '@zactor/ringbuffer';
import { LockedQueue } from '../../baselines/locked-queue.js';
import { RawSpscLoop } from '../../baselines/raw-spsc-loop.js';

/**
 * Role: the view of a shared queue the cross-thread throughput workers drive. Values are
 * non-negative Int32s plus the stop pill. Each worker attaches exactly one kind, so these call
 * sites stay monomorphic.
 */
export interface IntQueue {
  /** Pushes one value; false when full. */
  push(value: number): boolean;
  /** Pushes up to `count` values from `src[from...]`; returns how many went in. */
  pushBatch(src: Int32Array, from: number, count: number): number;
  /** Pops up to `max` values into `dst`; returns how many (0 when empty). */
  popBatch(dst: Int32Array, max: number): number;
}

/** Most values a consumer takes per call. */
export const CONSUMER_BATCH = 256;
/** The value that tells a consumer to stop; never counted. */
export const STOP_PILL = -2;
/** Values are masked to 30 bits so they never collide with the sentinels. */
export const VALUE_MASK = 0x3fffffff;

/** The shared queues the ringbuffer suite can put between threads. */
export type QueueKind = 'locked' | 'raw-spsc' | 'spsc' | 'mpsc' | 'mpmc';

/** Bytes an MpscRing spends on one 4-byte record: 8-byte header + payload, 8-aligned. */
const MPSC_RECORD_BYTES = 16;
/** Type id of the values in the MPSC ring (any id works; the benchmark has one kind). */
const VALUE_TYPE = 1;

/** SpscRing of 4-byte records: batch claim/publish and batch acquire/release. */
class SpscIntQueue implements IntQueue {
  private readonly ring: SpscRing;
  private readonly words: Int32Array;

  constructor(ring: SpscRing) {
    this.ring = ring;
    this.words = ring.int32;
  }

  push(value: number): boolean {
    return this.ring.offerInt32(value);
  }

  pushBatch(src: Int32Array, from: number, count: number): number {
    const ring = this.ring;
    const n = ring.tryClaimUpTo(count);
    if (n === 0) return 0;
    // A claim is contiguous (SpscRing.tryClaimUpTo): one offset, then a tight word loop.
    const words = this.words;
    const base = ring.offsetOf(ring.claimedSequence) >> 2;
    for (let i = 0; i < n; i++) words[base + i] = src[from + i]!;
    ring.publish();
    return n;
  }

  popBatch(dst: Int32Array, max: number): number {
    const ring = this.ring;
    const n = ring.tryAcquire(max);
    if (n === 0) return 0;
    // So is an acquired run (SpscRing.tryAcquire stops at the end of the buffer).
    const words = this.words;
    const base = ring.offsetOf(ring.acquiredSequence) >> 2;
    for (let i = 0; i < n; i++) dst[i] = words[base + i]!;
    ring.release();
    return n;
  }
}

/** MpscRing of 4-byte typed records: one claim/commit per value; the consumer drains. */
class MpscIntQueue implements IntQueue {
  private readonly ring: MpscRing;
  private readonly words: Int32Array;
  private target: Int32Array = new Int32Array(1);
  private filled = 0;
  // Created once, so draining allocates nothing.
  private readonly onRecord: MpscRecordHandler = (_typeId, _view, offset) => {
    this.target[this.filled++] = this.words[offset >> 2]!;
  };

  constructor(ring: MpscRing) {
    this.ring = ring;
    this.words = ring.int32;
  }

  push(value: number): boolean {
    const offset = this.ring.tryClaim(VALUE_TYPE, 4);
    if (offset === -1) return false;
    this.words[offset >> 2] = value;
    this.ring.commit(offset);
    return true;
  }

  pushBatch(src: Int32Array, from: number, count: number): number {
    let i = 0;
    while (i < count && this.push(src[from + i]!)) i++;
    return i;
  }

  popBatch(dst: Int32Array, max: number): number {
    this.target = dst;
    this.filled = 0;
    return this.ring.drain(this.onRecord, max);
  }
}

/** MpmcQueue (Vyukov) of 4-byte records: one CAS per value on each side. */
class MpmcIntQueue implements IntQueue {
  private readonly queue: MpmcQueue;
  private readonly words: Int32Array;

  constructor(queue: MpmcQueue) {
    this.queue = queue;
    this.words = queue.int32;
  }

  push(value: number): boolean {
    return this.queue.offerInt32(value);
  }

  pushBatch(src: Int32Array, from: number, count: number): number {
    let i = 0;
    while (i < count && this.queue.offerInt32(src[from + i]!)) i++;
    return i;
  }

  popBatch(dst: Int32Array, max: number): number {
    let n = 0;
    while (n < max) {
      const offset = this.queue.tryAcquire();
      if (offset === -1) break;
      dst[n++] = this.words[offset >> 2]!;
      this.queue.release(offset);
    }
    return n;
  }
}

/** Allocates a queue of `kind` holding `capacity` values (main thread); posted to the workers. */
export function createQueueBuffer(kind: QueueKind, capacity: number): SharedArrayBuffer {
  switch (kind) {
    case 'locked':
      return LockedQueue.create(capacity).buffer;
    case 'raw-spsc':
      return RawSpscLoop.create(capacity).buffer;
    case 'spsc':
      return SpscRing.create({ capacity, recordBytes: 4 }).buffer;
    case 'mpsc':
      return MpscRing.create({ capacityBytes: capacity * MPSC_RECORD_BYTES }).buffer;
    case 'mpmc':
      return MpmcQueue.create({ capacity, recordBytes: 4 }).buffer;
  }
}

/** Attaches a worker to a queue made by `createQueueBuffer`. */
export function attachQueue(kind: QueueKind, buffer: SharedArrayBuffer): IntQueue {
  switch (kind) {
    case 'locked':
      return LockedQueue.attach(buffer) satisfies IntQueue;
    case 'raw-spsc':
      return RawSpscLoop.attach(buffer) satisfies IntQueue;
    case 'spsc':
      return new SpscIntQueue(SpscRing.attach(buffer));
    case 'mpsc':
      return new MpscIntQueue(MpscRing.attach(buffer));
    case 'mpmc':
      return new MpmcIntQueue(MpmcQueue.attach(buffer));
  }
}
