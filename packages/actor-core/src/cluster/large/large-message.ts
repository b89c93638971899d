/**
 * Large cross-worker messages travel in shared slab blocks (issue #9). A message whose frame is
 * above the threshold is encoded straight into a block of one SharedArrayBuffer that every
 * cluster thread attaches; the envelope in the batch (and so in the ring record) carries only
 * the block's offset and the frame's length (see `CODEC_BLOCK` in layout.ts). The receiver
 * decodes from the block and frees it.
 *
 * The blocks come from `@zactor/mempool`'s SizeClassAllocator: several Treiber-stack slab pools
 * in one buffer, alloc and free lock-free from any thread (so the receiver frees what the
 * sender allocated).
 *
 * Where the bytes are copied, exactly: a registered schema's codec writes the frame into the
 * block (the encode itself; no staging buffer); the fallback codec (msgpackr) serializes into
 * msgpackr's own buffer and that result is copied once into the block, as on the ring path.
 * Nothing goes through the batch or the ring but the 8-byte reference. The receiver's decode
 * builds JS values from the block (strings, objects, and `bytes` / typed arrays copied out of
 * the block), which is the one copy left, and the reason the block can be freed at once.
 */
import { NO_BLOCK, SizeClassAllocator, type SlabShape } from '@zactor/mempool';
import { ActorError } from '../../errors.js';
import { MAX_WORKERS } from '../../ref-id.js';
import type { ClusterCodec } from '../wire/cluster-codec.js';
import { BLOCK_REF_LENGTH, BLOCK_REF_OFFSET, BLOCK_TAKEN } from '../wire/envelope-layout.js';
import { BlockHolds } from './block-holds.js';

/** Role: where a cluster node puts the frames of large messages. */
export interface LargeMessageStore {
  /** Frames of more bytes than this go into a block. */
  readonly thresholdBytes: number;
  /** The largest frame a block can hold. */
  readonly maxFrameBytes: number;
  /** The shared buffer the blocks live in (posted to every worker in the boot data). */
  readonly buffer: SharedArrayBuffer;
  /** A DataView over `buffer`, for codecs to encode into a block. */
  readonly view: DataView;
  /**
   * A block of at least `bytes` bytes: its offset in `buffer`, or NO_BLOCK (-1) when every class
   * that fits is exhausted (or `bytes` is above `maxFrameBytes`).
   *
   * Concurrency: any thread that attached the buffer; lock-free (one CAS per class tried). The
   * alloc acquires the free that returned the block.
   */
  alloc(bytes: number): number;
  /** Returns a block; see `take` for the receiver's path. Concurrency: any thread. */
  free(offset: number): void;
  /** @internal
   * The receiver's path: reads the block reference of the envelope body at byte `body` of
   * `record` (the ring record, or the sender's own staged batch), marks the reference taken,
   * decodes the frame and frees the block, whatever the decode did. Throws what the decode
   * throws (after freeing); throws ActorError `BLOCK_TAKEN` for a reference already taken (a
   * record handled again after its consumer died), and `BAD_BLOCK_REF` for one that is not the
   * start of a block in use or whose length is more than the block holds; those two touch no
   * block. Not detected: a well-formed reference to another message's block in use (the
   * reference carries no per-allocation stamp to tell it apart).
   *
   * Concurrency: the thread that owns the record (the ring's consumer, or the sender for its
   * own staged batch). The block's bytes were published by the ring commit (or are the
   * caller's own), so plain reads see them; the free's CAS publishes the taken mark before the
   * block can be handed out again.
   */
  take(codec: ClusterCodec, record: DataView, body: number): unknown;
  /** Blocks handed out and not yet freed, over every thread: a snapshot. */
  outstanding(): number;
  /**
   * Optional (a store without them notes nothing): this thread holds `block`, allocated and not
   * yet published; `release` when it is about to publish or free it. See block-holds.ts.
   *
   * Concurrency: the calling thread's own words (Atomics.store).
   */
  hold?(block: number): void;
  release?(block: number): void;
  /**
   * Optional: frees the blocks cluster worker `thread` held when it died (allocated and
   * unpublished, or taken and not yet freed); how many. Concurrency: the main thread, after
   * `thread` stopped and before another thread takes its place; never for a live worker.
   */
  reclaim?(thread: number): number;
}

/** Default threshold: frames above 16 KiB go into blocks. */
export const DEFAULT_LARGE_MESSAGE_BYTES = 16 * 1024;

/**
 * Default block classes: 32 KiB x 128, 128 KiB x 32, 512 KiB x 16, 2 MiB x 4, 8 MiB x 1 (32 MiB
 * of address space; Linux commits the pages as they are first written, so an idle cluster pays
 * for the blocks its largest burst touched). The largest message is 8 MiB minus the frame header.
 */
export const DEFAULT_LARGE_MESSAGE_SLABS: readonly SlabShape[] = Object.freeze([
  Object.freeze({ blockSize: 32 * 1024, blockCount: 128 }),
  Object.freeze({ blockSize: 128 * 1024, blockCount: 32 }),
  Object.freeze({ blockSize: 512 * 1024, blockCount: 16 }),
  Object.freeze({ blockSize: 2 * 1024 * 1024, blockCount: 4 }),
  Object.freeze({ blockSize: 8 * 1024 * 1024, blockCount: 1 }),
]);

export class SlabLargeMessageStore implements LargeMessageStore {
  readonly thresholdBytes: number;
  readonly maxFrameBytes: number;
  readonly buffer: SharedArrayBuffer;
  readonly view: DataView;
  /** Where each worker notes the blocks it holds (posted to every worker; block-holds.ts). */
  readonly holdsBuffer: SharedArrayBuffer;
  private readonly holds: BlockHolds;
  private readonly allocator: SizeClassAllocator;

  /**
   * Allocates the blocks (the cluster's main thread, once), with the holds of every possible
   * worker (block-holds.ts). Throws MemPoolError for bad shapes.
   */
  static create(thresholdBytes: number, slabs: readonly SlabShape[]): SlabLargeMessageStore {
    return new SlabLargeMessageStore(
      SizeClassAllocator.create({ classes: slabs }),
      thresholdBytes,
      BlockHolds.create(MAX_WORKERS),
    );
  }

  /**
   * Attaches to the blocks another thread created (a worker, from its boot data), as worker
   * `thread` of the creator's `holdsBuffer` (without them, it notes nothing).
   */
  static attach(
    buffer: SharedArrayBuffer,
    thresholdBytes: number,
    holds?: SharedArrayBuffer,
    thread = 0,
  ): SlabLargeMessageStore {
    return new SlabLargeMessageStore(
      SizeClassAllocator.attach(buffer),
      thresholdBytes,
      holds === undefined ? BlockHolds.none() : BlockHolds.attach(holds, thread),
    );
  }

  private constructor(allocator: SizeClassAllocator, thresholdBytes: number, holds: BlockHolds) {
    this.holds = holds;
    this.holdsBuffer = holds.buffer;
    this.allocator = allocator;
    this.buffer = allocator.buffer;
    this.view = new DataView(allocator.buffer);
    this.thresholdBytes = thresholdBytes;
    this.maxFrameBytes = allocator.maxBlockSize;
  }

  alloc(bytes: number): number {
    return this.allocator.alloc(bytes);
  }

  free(offset: number): void {
    this.allocator.free(offset);
  }

  /** @internal */
  take(codec: ClusterCodec, record: DataView, body: number): unknown {
    const offset = record.getUint32(body + BLOCK_REF_OFFSET * 4, true);
    const length = record.getUint32(body + BLOCK_REF_LENGTH * 4, true);
    const allocator = this.allocator;
    if (offset === BLOCK_TAKEN) {
      throw new ActorError(
        'LargeMessageStore.take',
        'BLOCK_TAKEN',
        'the block reference was already taken (a record handled again)',
      );
    }
    // Everything is checked before the record is marked or the block read or freed: a reference
    // that names no block in use, or more bytes than its block holds, is refused and leaves
    // every block alone (a corrupt length of a real reference leaks that block rather than risk
    // freeing another owner's).
    if (!allocator.isAllocated(offset) || length > allocator.capacityOf(offset)) {
      throw new ActorError(
        'LargeMessageStore.take',
        'BAD_BLOCK_REF',
        `block reference ${offset} (${length} bytes) names no block in use that holds it`,
      );
    }
    // Marked before the free: the record's next reader (after a restart, or the main thread's
    // drain of a dead inbox) skips it instead of freeing the block twice.
    record.setUint32(body + BLOCK_REF_OFFSET * 4, BLOCK_TAKEN, true);
    // Noted while it decodes: if this thread dies meanwhile, the main thread frees the block
    // (block-holds.ts); the note is cleared before the free, never after.
    this.holds.consume(offset);
    try {
      return codec.decode(this.view, offset, offset + length);
    } finally {
      this.holds.consume(NO_BLOCK);
      allocator.free(offset);
    }
  }

  outstanding(): number {
    return this.allocator.outstanding();
  }

  hold(block: number): void {
    this.holds.hold(block);
  }

  release(block: number): void {
    this.holds.release(block);
  }

  reclaim(thread: number): number {
    return this.holds.reclaim(thread, (block) => {
      if (this.allocator.isAllocated(block)) this.allocator.free(block);
    });
  }
}

SlabLargeMessageStore satisfies {
  create(thresholdBytes: number, slabs: readonly SlabShape[]): LargeMessageStore;
  attach(
    buffer: SharedArrayBuffer,
    thresholdBytes: number,
    holds?: SharedArrayBuffer,
    thread?: number,
  ): LargeMessageStore;
};
