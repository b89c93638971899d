import { ChaseLevDeque } from './chase-lev-deque.js';
import { ControlBlock, type WorkerMetrics } from './control-block.js';
import { SchedulerError } from './errors.js';
import {
  alignUp,
  CB_DEQUES_BYTES,
  PAGE_BYTES,
  POOL_BLOCK_BYTES,
  POOL_DEQUE_CAPACITY,
  POOL_HEADER_BYTES,
  POOL_IDLE_SEQUENCE,
  POOL_MAGIC,
  POOL_MAGIC_WORD,
  POOL_PARKED_COUNT,
  POOL_RECORD_WORDS,
  POOL_WORKER_COUNT,
  TASK_PAYLOAD,
} from './layout.js';

export interface PoolMemoryOptions {
  readonly workers: number;
  /** Records per deque; a power of two. */
  readonly dequeCapacity: number;
  /** Largest task payload in bytes. */
  readonly taskPayloadBytes: number;
}

const MAX_WORKERS = 1024;
const MAX_PAYLOAD_BYTES = 4096;

function recordWordsFor(taskPayloadBytes: number): number {
  if (
    !Number.isInteger(taskPayloadBytes) ||
    taskPayloadBytes < 0 ||
    taskPayloadBytes > MAX_PAYLOAD_BYTES
  ) {
    throw new SchedulerError(
      'PoolMemory.bytesFor',
      'INVALID_PAYLOAD_SIZE',
      `taskPayloadBytes (${taskPayloadBytes}) must be an integer from 0 to ${MAX_PAYLOAD_BYTES}`,
    );
  }
  return TASK_PAYLOAD + Math.ceil(taskPayloadBytes / 4);
}

function blockBytesFor(dequeCapacity: number, recordWords: number): number {
  const deque = ChaseLevDeque.bytesFor(dequeCapacity, recordWords);
  return alignUp(CB_DEQUES_BYTES + 2 * deque, PAGE_BYTES);
}

/**
 * The pool's shared memory: a header and, per worker, a control block with two task deques:
 * the worker's own (the worker pushes and pops; others steal) and its submission deque (the
 * thread that owns the pool pushes; the worker and, when stealing, the others steal). Every
 * thread of the pool attaches the same buffer. Layout in layout.ts.
 */
export class PoolMemory {
  /** Bytes of a pool buffer for these options. */
  static bytesFor(options: PoolMemoryOptions): number {
    if (
      !Number.isInteger(options.workers) ||
      options.workers < 1 ||
      options.workers > MAX_WORKERS
    ) {
      throw new SchedulerError(
        'PoolMemory.bytesFor',
        'INVALID_WORKER_COUNT',
        `workers (${options.workers}) must be an integer from 1 to ${MAX_WORKERS}`,
      );
    }
    const recordWords = recordWordsFor(options.taskPayloadBytes);
    return POOL_HEADER_BYTES + options.workers * blockBytesFor(options.dequeCapacity, recordWords);
  }

  /** Allocates and formats a pool buffer. */
  static create(options: PoolMemoryOptions): PoolMemory {
    const sab = new SharedArrayBuffer(PoolMemory.bytesFor(options));
    const recordWords = recordWordsFor(options.taskPayloadBytes);
    const blockBytes = blockBytesFor(options.dequeCapacity, recordWords);
    const dequeBytes = ChaseLevDeque.bytesFor(options.dequeCapacity, recordWords);
    const header = new Int32Array(sab, 0, POOL_HEADER_BYTES / 4);
    header[POOL_WORKER_COUNT] = options.workers;
    header[POOL_BLOCK_BYTES] = blockBytes;
    header[POOL_DEQUE_CAPACITY] = options.dequeCapacity;
    header[POOL_RECORD_WORDS] = recordWords;
    for (let i = 0; i < options.workers; i++) {
      const base = POOL_HEADER_BYTES + i * blockBytes + CB_DEQUES_BYTES;
      const deque = { capacity: options.dequeCapacity, recordWords };
      ChaseLevDeque.format(sab, base, deque);
      ChaseLevDeque.format(sab, base + dequeBytes, deque);
    }
    // Last, so a thread that attaches and sees the magic sees everything above.
    Atomics.store(header, POOL_MAGIC_WORD, POOL_MAGIC);
    return new PoolMemory(sab);
  }

  /** Attaches to a buffer made by `create`; allocates nothing shared. */
  static attach(sab: SharedArrayBuffer): PoolMemory {
    if (!(sab instanceof SharedArrayBuffer) || sab.byteLength < POOL_HEADER_BYTES) {
      throw new SchedulerError('PoolMemory.attach', 'INVALID_BUFFER', 'not a pool buffer');
    }
    const header = new Int32Array(sab, 0, POOL_HEADER_BYTES / 4);
    if (Atomics.load(header, POOL_MAGIC_WORD) !== POOL_MAGIC) {
      throw new SchedulerError('PoolMemory.attach', 'INVALID_BUFFER', 'not a pool buffer');
    }
    const expected = POOL_HEADER_BYTES + header[POOL_WORKER_COUNT]! * header[POOL_BLOCK_BYTES]!;
    if (expected !== sab.byteLength) {
      throw new SchedulerError(
        'PoolMemory.attach',
        'INVALID_BUFFER',
        `size ${sab.byteLength} is wrong; expected ${expected}`,
      );
    }
    return new PoolMemory(sab);
  }

  readonly buffer: SharedArrayBuffer;
  readonly workerCount: number;
  readonly recordWords: number;
  readonly maxPayloadBytes: number;
  readonly blocks: readonly ControlBlock[];
  /** Per worker: its own deque (owner: that worker). */
  readonly localDeques: readonly ChaseLevDeque[];
  /** Per worker: its submission deque (owner: the thread that owns the pool). */
  readonly submissionDeques: readonly ChaseLevDeque[];
  /** The whole buffer as bytes, for copying payloads into task records. */
  readonly bytes: Uint8Array;
  private readonly header: Int32Array;
  private readonly blockBytes: number;

  private constructor(sab: SharedArrayBuffer) {
    this.buffer = sab;
    this.bytes = new Uint8Array(sab);
    this.header = new Int32Array(sab, 0, POOL_HEADER_BYTES / 4);
    this.workerCount = this.header[POOL_WORKER_COUNT]!;
    this.blockBytes = this.header[POOL_BLOCK_BYTES]!;
    this.recordWords = this.header[POOL_RECORD_WORDS]!;
    this.maxPayloadBytes = (this.recordWords - TASK_PAYLOAD) * 4;
    const blocks: ControlBlock[] = [];
    const local: ChaseLevDeque[] = [];
    const submission: ChaseLevDeque[] = [];
    for (let i = 0; i < this.workerCount; i++) {
      const base = POOL_HEADER_BYTES + i * this.blockBytes;
      blocks.push(new ControlBlock(sab, base, i));
      const first = ChaseLevDeque.attach(sab, base + CB_DEQUES_BYTES);
      local.push(first);
      submission.push(ChaseLevDeque.attach(sab, base + CB_DEQUES_BYTES + first.words.byteLength));
    }
    this.blocks = blocks;
    this.localDeques = local;
    this.submissionDeques = submission;
  }

  /** Any thread. Tasks waiting in worker `i`'s two deques (stale at once). */
  queued(i: number): number {
    return this.localDeques[i]!.size() + this.submissionDeques[i]!.size();
  }

  /** Any thread. A metrics snapshot of worker `i`. */
  metrics(i: number): WorkerMetrics {
    return this.blocks[i]!.metrics(this.queued(i));
  }

  /** Workers, around a park: Atomics.add on the pool's parked count. */
  addParked(delta: number): void {
    Atomics.add(this.header, POOL_PARKED_COUNT, delta);
  }

  /**
   * Any thread, after publishing work that any worker could steal. When the parked count
   * (Atomics.load) says someone may sleep, wakes the first parked worker from `start` on and
   * returns its index; otherwise -1. A worker that is announcing its park at the same moment
   * will see the work in its re-check instead.
   */
  wakeOne(start: number): number {
    if (Atomics.load(this.header, POOL_PARKED_COUNT) <= 0) return -1;
    const n = this.workerCount;
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      if (this.blocks[i]!.wake()) return i;
    }
    return -1;
  }

  /**
   * Workers, when they run out of work: bumps the idle sequence (Atomics.add) and notifies
   * whoever waits for the pool to go idle.
   */
  signalIdle(): void {
    Atomics.add(this.header, POOL_IDLE_SEQUENCE, 1);
    Atomics.notify(this.header, POOL_IDLE_SEQUENCE);
  }

  /** Any thread. The idle sequence, to wait on with Atomics.waitAsync(idleWords, index, seen). */
  idleSequence(): number {
    return Atomics.load(this.header, POOL_IDLE_SEQUENCE);
  }

  /** The header words, for Atomics.waitAsync on POOL_IDLE_SEQUENCE. */
  get idleWords(): Int32Array {
    return this.header;
  }

  /**
   * Worker `i`, once at start: touches (Atomics.add of 0, which changes nothing) one word per
   * page of its control block, so pages no thread has written yet are placed on the worker's
   * NUMA node by Linux's first-touch policy.
   */
  touchPages(i: number): void {
    const base = (POOL_HEADER_BYTES + i * this.blockBytes) / 4;
    const words = new Int32Array(this.buffer);
    for (let offset = 0; offset < this.blockBytes / 4; offset += PAGE_BYTES / 4) {
      Atomics.add(words, base + offset, 0);
    }
  }
}
