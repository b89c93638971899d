/**
 * What `alloc` returns when no block can be handed out (the pool is exhausted, or the request is
 * larger than any block). Hot paths return it instead of throwing.
 */
declare const NO_BLOCK = -1;
/**
 * Role: hands out byte ranges of one SharedArrayBuffer by offset, so the offset can cross workers
 * (in a ring record, in a message) and be freed by whichever worker ends up owning it.
 * `SharedSlabPool` and `SizeClassAllocator` fill this role; the serializer codes against it.
 */
interface BlockAllocator {
    /** The buffer every returned offset points into. */
    readonly buffer: SharedArrayBuffer;
    /**
     * Offset of a block of at least `bytes` bytes, or `NO_BLOCK`. Never throws for exhaustion;
     * throws a `MemPoolError` with code `POOL_CORRUPT` when a shared word it would have to trust is
     * corrupt (it never returns an offset outside its blocks).
     */
    alloc(bytes: number): number;
    /** Returns a block obtained from `alloc`; misuse (not a block, double free) throws. */
    free(offset: number): void;
}

/**
 * A bump-pointer arena in a SharedArrayBuffer for short-lived batches: allocation moves one
 * shared "bytes used" word forward by CAS, nothing is freed one by one, and `reset` makes the
 * whole region free again at once.
 */
interface BumpArenaOptions {
    /** Usable bytes: at least 1; the arena must end well below 2^31. */
    readonly capacity: number;
}
/** A snapshot of an arena's shared words. */
interface BumpArenaStats {
    readonly capacity: number;
    /** Bytes handed out (alignment padding included) since the last reset. */
    readonly used: number;
    /** Number of resets so far, mod 2^32. */
    readonly generation: number;
    /** Allocations that did not fit, mod 2^32. */
    readonly failures: number;
}
declare class BumpArena {
    readonly buffer: SharedArrayBuffer;
    readonly byteOffset: number;
    readonly byteLength: number;
    readonly capacity: number;
    /** Absolute offset of the data region's first byte. */
    readonly dataStart: number;
    private readonly words;
    /** Bytes an arena of this capacity occupies in a buffer (a multiple of 128). */
    static bytesFor(options: BumpArenaOptions): number;
    /** Allocates a SharedArrayBuffer holding one empty arena. */
    static create(options: BumpArenaOptions): BumpArena;
    /**
     * Formats an empty arena into `buffer` at `byteOffset` (a multiple of 128) and attaches it.
     * Must finish before any other thread attaches.
     */
    static createIn(buffer: SharedArrayBuffer, byteOffset: number, options: BumpArenaOptions): BumpArena;
    /** Attaches to an arena another thread created; validates the header, throws `BAD_LAYOUT`. */
    static attach(buffer: SharedArrayBuffer, byteOffset?: number): BumpArena;
    private constructor();
    /**
     * Reserves `bytes` bytes whose absolute offset is a multiple of `align` (a power of two up to
     * 4096) and returns that offset, or `NO_BLOCK` when they do not fit before the next reset.
     * Throws `INVALID_SIZE` for a negative or fractional `bytes` or a bad `align` (misuse).
     *
     * Throws `POOL_CORRUPT` when the shared TOP word is outside `[0, capacity]` (never written by
     * this class), so a returned offset always lies in the data region.
     *
     * Concurrency: any thread, any number at once; lock-free. One `Atomics.load` and one
     * `Atomics.compareExchange` on TOP per attempt; reservations never overlap. The bytes are not
     * zeroed: after a reset they hold the previous generation's data.
     */
    alloc(bytes: number, align?: number): number;
    /**
     * Makes the whole capacity free again and bumps the generation.
     *
     * Contract: any thread may call it, but only when every block handed out since the previous
     * reset is dead (no thread will touch it again) and no `alloc` runs at the same time; typically
     * the one thread that owns the batch, after its consumers said they are done through something
     * that synchronises (an Atomics counter, a ring, postMessage). An `alloc` racing a reset cannot
     * corrupt the arena, but it may hand out a block that the next generation hands out again.
     * Publishes with `Atomics.add` on GENERATION, then `Atomics.store` of TOP = 0.
     */
    reset(): void;
    /** Bytes handed out since the last reset, padding included. Any thread; may be stale. */
    used(): number;
    /** Number of resets so far, mod 2^32; a handle can carry it to detect use after a reset. */
    generation(): number;
    private corruptTop;
    /** A snapshot of the shared words (read one by one; any thread). */
    stats(): BumpArenaStats;
}

/**
 * Every code a `MemPoolError` carries, so `switch (error.code)` is checked by the compiler.
 * - `INVALID_OPTIONS`, `INVALID_SIZE`: bad arguments (misuse).
 * - `BAD_LAYOUT`: `attach` found no well-formed structure at the given offset.
 * - `NOT_A_BLOCK`, `DOUBLE_FREE`, `USE_AFTER_FREE`: a block used against the contract.
 * - `POOL_CORRUPT`: a word in shared memory (a free-list head or link, an arena's top) holds a
 *   value the protocol never writes; the operation refused to use it.
 * - `DOUBLE_RELEASE`, `USE_AFTER_RELEASE`, `NOT_FROM_POOL`: ObjectPool misuse.
 * - `LEAK`: `assertNoLeaks` found blocks or objects still out.
 */
type MemPoolErrorCode = 'INVALID_OPTIONS' | 'INVALID_SIZE' | 'BAD_LAYOUT' | 'NOT_A_BLOCK' | 'DOUBLE_FREE' | 'USE_AFTER_FREE' | 'POOL_CORRUPT' | 'DOUBLE_RELEASE' | 'USE_AFTER_RELEASE' | 'NOT_FROM_POOL' | 'LEAK';
/**
 * Every error this package throws is a `MemPoolError` whose message starts with
 * `@zactor/mempool/<where>: `, so a user can tell at a glance which package complained.
 */
declare class MemPoolError extends Error {
    readonly name: string;
    /** Stable machine-readable code, e.g. `DOUBLE_FREE`. */
    readonly code: MemPoolErrorCode;
    constructor(where: string, code: MemPoolErrorCode, message: string);
}

/** How many blocks (or objects) of one class are handed out and not yet returned. */
interface OutstandingCount {
    /** The class, e.g. `'256 B blocks'` or `'objects'`. */
    readonly label: string;
    readonly outstanding: number;
}
/**
 * Role: anything that can say what it has handed out and not got back. `SharedSlabPool`,
 * `SizeClassAllocator` and `ObjectPool` fill it, so one leak check covers all of them.
 */
interface LeakTracked {
    /** One entry per class. For shared pools the counts are snapshots (see each `outstanding()`). */
    outstandingByClass(): readonly OutstandingCount[];
}
/**
 * Throws a `MemPoolError` (code `LEAK`) listing every class that still has blocks or objects
 * handed out. Meant for `afterEach(() => assertNoLeaks(pool))`, so a test that forgets a free
 * fails by name. Call it once the workers that used the pool have finished: the counts of a
 * shared pool are only exact when no alloc or free is in flight.
 */
declare function assertNoLeaks(target: LeakTracked, context?: string): void;

/**
 * An in-heap pool of reusable objects for one thread: a bounded stack of idle objects, a create
 * function for misses and a reset function on release.
 *
 * Pooling is not free in V8: a young-generation allocation is a pointer bump and a scavenge of
 * dead short-lived objects costs almost nothing, while a pooled object lives in the old
 * generation, so storing young objects into it goes through the write barrier. Pool objects
 * that are expensive to build or large (typed arrays, objects holding buffers), or where GC
 * pauses matter more than throughput; measure the rest (bench/index.ts does).
 */

interface ObjectPoolOptions<T extends object> {
    /** Builds a new object when the pool is empty. */
    readonly create: () => T;
    /** Clears an object on release, before it goes back to the idle stack. */
    readonly reset?: (item: T) => void;
    /** Most idle objects kept (1 to 2^24, default 1024); releases beyond it are dropped for GC. */
    readonly maxSize?: number;
    /** Objects created up front (0 to maxSize, default 0). */
    readonly prefill?: number;
    /**
     * Debug mode: every double release and every release of a foreign object throws, and (unless
     * `debugProxy` is false) `acquire` hands out a Proxy that throws `USE_AFTER_RELEASE` on any
     * access once released. Costs a Set and a Proxy per acquisition.
     */
    readonly debug?: boolean;
    /**
     * Whether debug mode wraps objects in a Proxy (default true). Turn it off for objects whose
     * methods need their real `this`: Map, Set, typed arrays, classes with `#private` fields.
     */
    readonly debugProxy?: boolean;
}
interface ObjectPoolStats {
    /** Acquisitions served from the idle stack. */
    readonly hits: number;
    /** Acquisitions that had to call `create`. */
    readonly misses: number;
    /** Objects acquired and not yet released. */
    readonly inUse: number;
    /** The most objects in use at once. */
    readonly highWater: number;
    /** Objects waiting on the idle stack. */
    readonly idle: number;
    /** Releases dropped because the idle stack was full. */
    readonly dropped: number;
    readonly maxSize: number;
}
declare class ObjectPool<T extends object> implements LeakTracked {
    readonly maxSize: number;
    readonly debug: boolean;
    private readonly create;
    private readonly reset;
    /** Idle objects in [0, size); the rest is undefined so released objects are not retained. */
    private readonly items;
    private size;
    private hits;
    private misses;
    private inUse;
    private highWater;
    private dropped;
    private readonly useProxy;
    private readonly leased;
    private readonly created;
    private readonly leases;
    constructor(options: ObjectPoolOptions<T>);
    /**
     * An idle object, or a new one from `create` when none is idle. Never fails (a bounded pool
     * bounds what it keeps, not what it hands out). Single thread: the pool is plain heap state.
     */
    acquire(): T;
    /**
     * Gives an object back: `reset` runs and the object goes on the idle stack, or is dropped when
     * the stack is full. Throws `DOUBLE_RELEASE` when the object is already released: always in
     * debug mode, otherwise when it is the most recently released idle object (a cheap check that
     * catches the common immediate repeat). In debug mode a foreign object throws `NOT_FROM_POOL`.
     */
    release(item: T): void;
    /** Objects waiting on the idle stack. */
    get idle(): number;
    /** Drops every idle object, for the GC to collect. */
    clear(): void;
    stats(): ObjectPoolStats;
    outstandingByClass(): readonly OutstandingCount[];
    private make;
    private lend;
    /** Debug mode: checks a release and returns the real object behind what the user holds. */
    private takeBack;
    private doubleRelease;
    private notFromPool;
}

/**
 * The header of a SharedSlabPool (drawn in layout.ts): the sizes a block shape implies, how a new
 * pool is formatted, and the checks `attach` runs before trusting a buffer.
 */
/** The shape of a slab pool: how big each block is and how many there are. */
interface SlabShape {
    /** Bytes per block: a power of two from 8 to 2^30. */
    readonly blockSize: number;
    /** Number of blocks: 1 to 65535. */
    readonly blockCount: number;
}

/**
 * Fixed-size blocks in a SharedArrayBuffer, allocated and freed lock-free from any worker.
 *
 * The free blocks form a Treiber stack (R. K. Treiber, "Systems Programming: Coping with
 * Parallelism", IBM RJ 5118, 1986) of block indices, linked through a side array rather than
 * through the blocks themselves, so a write after free cannot corrupt the free list. The head
 * word carries a version tag next to the index (the "tagged pointer" counter of IBM System/370
 * and of Michael & Scott, PODC 1996) so that a stale pop cannot succeed after the same block
 * was popped and pushed again (ABA). The exact layout and its invariants are in layout.ts.
 */

interface SlabPoolOptions extends SlabShape {
    /**
     * Debug mode (stored in the buffer, so every worker that attaches gets it): freed blocks are
     * filled with a poison word that `alloc` verifies, which catches writes after free. Costs a
     * fill and a scan of the block per operation.
     */
    readonly debug?: boolean;
}
/** A snapshot of a pool's shared counters. */
interface SlabStats {
    readonly blockSize: number;
    readonly blockCount: number;
    /** Blocks handed out and not yet freed. */
    readonly outstanding: number;
    /**
     * The most blocks seen outstanding at once, as computed by allocating threads from a plain read
     * of FREES: exact on one thread, approximate (never above blockCount) under contention.
     */
    readonly highWater: number;
    /** Successful allocations, mod 2^32. */
    readonly allocs: number;
    /** Successful frees, mod 2^32. */
    readonly frees: number;
    /** Allocations that found the pool empty, mod 2^32. */
    readonly failures: number;
}
declare class SharedSlabPool implements BlockAllocator, LeakTracked {
    readonly buffer: SharedArrayBuffer;
    /** Where this pool's header starts in `buffer`. */
    readonly byteOffset: number;
    /** Bytes this pool occupies from `byteOffset` (what `bytesFor` returned). */
    readonly byteLength: number;
    readonly blockSize: number;
    readonly blockCount: number;
    readonly debug: boolean;
    /** Absolute offset of block 0's first byte. */
    readonly dataStart: number;
    /** Absolute offset just past the last block. */
    readonly dataEnd: number;
    /** Header, links and blocks of this pool; element 0 is the magic word. */
    private readonly words;
    private readonly shift;
    private readonly blockMask;
    /** Low INDEX_BITS set; also the NIL index. */
    private readonly indexMask;
    private readonly tagMask;
    /** Adding it to HEAD bumps the tag by one. */
    private readonly tagUnit;
    /** What the cold corruption checks need to know about this pool. */
    private readonly guard;
    /** Bytes a pool of this shape occupies in a buffer (a multiple of 128). */
    static bytesFor(shape: SlabShape): number;
    /** Allocates a SharedArrayBuffer holding one new pool with every block free. */
    static create(options: SlabPoolOptions): SharedSlabPool;
    /**
     * Formats a new pool, every block free, into `buffer` at `byteOffset` (a multiple of 128) and
     * attaches it; for laying out several structures in one buffer. Overwrites whatever was there.
     * Must finish before any other thread attaches: post the buffer after this returns.
     */
    static createIn(buffer: SharedArrayBuffer, byteOffset: number, options: SlabPoolOptions): SharedSlabPool;
    /**
     * Attaches to a pool another thread created, without changing it. Validates the header
     * (magic, layout version, sizes, that the buffer is long enough) and throws a `MemPoolError`
     * with code `BAD_LAYOUT` when the buffer does not hold a pool at `byteOffset`.
     */
    static attach(buffer: SharedArrayBuffer, byteOffset?: number): SharedSlabPool;
    private constructor();
    /**
     * Takes a free block and returns the absolute offset of its first byte in `buffer`, or
     * `NO_BLOCK` when every block is handed out or `bytes` is more than `blockSize` (the optional
     * `bytes` lets a pool stand in for any `BlockAllocator`). Never throws for those; in debug mode
     * it throws `USE_AFTER_FREE` when the block was written while it was free.
     *
     * Untrusted words: HEAD's index and the top block's link are bounds-checked before use, so a
     * returned offset is always the start of one of this pool's blocks; a word the protocol never
     * writes throws `POOL_CORRUPT` and pops nothing (what is and is not detected: free-list-guard.ts).
     *
     * Concurrency: any thread, any number at once; lock-free. An `Atomics.load` of HEAD acquires
     * the free() that pushed the top block (so its link and its bytes as that thread left them are
     * visible), then the pop is one `Atomics.compareExchange` on HEAD. Then one `Atomics.add` on
     * ALLOCS and plain reads of FREES and HIGH_WATER (a CAS only when the high-water mark rises).
     * The block's content is whatever its last owner (or the poison of debug mode) left; it is not
     * zeroed. Cost: three Atomics calls, one of them the statistics counter.
     */
    alloc(bytes?: number): number;
    /**
     * Returns a block. Throws `NOT_A_BLOCK` when `offset` is not the first byte of one of this
     * pool's blocks, and `DOUBLE_FREE` when the block is already free (always detected: the
     * block's link word is claimed by CAS); `POOL_CORRUPT`, freeing nothing, when that word is
     * neither SLAB_ALLOCATED nor a link. A block freed and then handed out again cannot be told
     * from a fresh one, so freeing it a second time through a stale offset frees the new owner's
     * block; debug mode catches the writes that usually follow.
     *
     * Concurrency: any thread, whichever ended up owning the block; lock-free. One CAS on the
     * block's link word (the double-free check), one `Atomics.add` on FREES (the statistics
     * counter), then the push: a plain store of the link and an `Atomics.compareExchange` on HEAD,
     * which releases the block's bytes to the next alloc. Cost: three Atomics calls.
     */
    free(offset: number): void;
    /**
     * Blocks handed out and not yet freed. Concurrency: any thread; two `Atomics.load`s (FREES,
     * then ALLOCS), so it is exact when no alloc or free is in flight and otherwise a value the
     * count had during the call.
     */
    outstanding(): number;
    /** Whether `offset` lies inside this pool's blocks (not necessarily at a block start). */
    owns(offset: number): boolean;
    /**
     * Whether `offset` is the first byte of one of this pool's blocks and that block is handed out
     * now (its link word says so). Never throws. For a receiver to check a block offset it was
     * given through untrusted memory before reading or freeing the block; a well-formed offset of
     * another owner's block still passes. Concurrency: any thread; one `Atomics.load` of the link
     * word, so the answer can be stale at once unless the caller owns the block.
     */
    isAllocated(offset: number): boolean;
    /** The index of the block that starts at `offset`, or -1 when no block starts there. */
    private blockIndex;
    /** A snapshot of the shared counters (any thread; the fields are read one by one). */
    stats(): SlabStats;
    outstandingByClass(): readonly OutstandingCount[];
    private countAlloc;
    /** Pushes a claimed block (its link word no longer SLAB_ALLOCATED) onto the free stack. */
    private push;
    private poison;
    /** Debug mode: a popped block must still be all poison, or someone wrote it while free. */
    private checkPoison;
    private notABlock;
}

/**
 * Several SharedSlabPools of growing block sizes in ONE SharedArrayBuffer, so a single buffer
 * (posted once to every worker) serves requests of any size up to the largest class, and any
 * worker can free any block: the class is found from the offset alone.
 */

/**
 * The default classes: 64 B x 4096, 256 B x 2048, 1 KiB x 1024, 4 KiB x 256, 16 KiB x 64,
 * about 3.8 MiB in all. Small classes get many blocks because small messages are many.
 */
declare const DEFAULT_SIZE_CLASSES: readonly SlabShape[];
interface SizeClassAllocatorOptions {
    /** Block shapes with strictly increasing block sizes; 1 to 16 classes. */
    readonly classes?: readonly SlabShape[];
    /** Debug mode for every class (see `SlabPoolOptions.debug`). */
    readonly debug?: boolean;
}
declare class SizeClassAllocator implements BlockAllocator, LeakTracked {
    readonly buffer: SharedArrayBuffer;
    readonly byteOffset: number;
    /** The largest request `alloc` can satisfy. */
    readonly maxBlockSize: number;
    readonly classCount: number;
    readonly debug: boolean;
    private readonly pools;
    /** For k = ceil(log2(bytes)): the first class whose blocks hold 2^k bytes, or -1. */
    private readonly classForLog2;
    private readonly dataStarts;
    private readonly dataEnds;
    /** Bytes an allocator with these classes occupies (a multiple of 128). */
    static bytesFor(classes: readonly SlabShape[]): number;
    /** Allocates a SharedArrayBuffer and formats the classes (default `DEFAULT_SIZE_CLASSES`). */
    static create(options?: SizeClassAllocatorOptions): SizeClassAllocator;
    /**
     * Formats a new allocator into `buffer` at `byteOffset` (a multiple of 128) and attaches it.
     * Must finish before any other thread attaches.
     */
    static createIn(buffer: SharedArrayBuffer, byteOffset: number, options?: SizeClassAllocatorOptions): SizeClassAllocator;
    /**
     * Attaches to an allocator another thread created (typically after receiving `buffer` by
     * postMessage). Validates the directory and every class's pool header; throws `BAD_LAYOUT`.
     */
    static attach(buffer: SharedArrayBuffer, byteOffset?: number): SizeClassAllocator;
    private constructor();
    /**
     * Offset of a block of at least `bytes` bytes, or `NO_BLOCK` when `bytes` exceeds
     * `maxBlockSize` or no class that fits has a free block. Takes the smallest class that fits and,
     * when it is empty, the next larger ones in turn (each empty class counts a failure). Throws
     * `INVALID_SIZE` only for a negative or fractional `bytes`.
     *
     * Concurrency: any thread; lock-free; see `SharedSlabPool.alloc` (one CAS and one counter bump
     * per class tried).
     */
    alloc(bytes: number): number;
    /**
     * Returns a block to its class, found from the offset. Throws `NOT_A_BLOCK` or `DOUBLE_FREE`
     * (see `SharedSlabPool.free`). Concurrency: any thread that attached the same buffer.
     */
    free(offset: number): void;
    /** The block size of the class `offset` belongs to; throws `NOT_A_BLOCK` for a non-block. */
    capacityOf(offset: number): number;
    /**
     * Whether `offset` is the first byte of a block of some class that is handed out now; never
     * throws (see `SharedSlabPool.isAllocated`). Concurrency: any thread; a snapshot.
     */
    isAllocated(offset: number): boolean;
    /** The class number (0 = smallest) whose blocks contain `offset`, or -1. */
    classIndexOf(offset: number): number;
    /** The pool of class `c` (0 = smallest), for per-class inspection. */
    pool(c: number): SharedSlabPool;
    /** Blocks handed out in all classes (a snapshot; see `SharedSlabPool.outstanding`). */
    outstanding(): number;
    /** Per-class snapshots of the shared counters, smallest class first. */
    stats(): readonly SlabStats[];
    outstandingByClass(): readonly OutstandingCount[];
    private invalidSize;
    private notABlock;
}

export { type BlockAllocator, BumpArena, type BumpArenaOptions, type BumpArenaStats, DEFAULT_SIZE_CLASSES, type LeakTracked, MemPoolError, type MemPoolErrorCode, NO_BLOCK, ObjectPool, type ObjectPoolOptions, type ObjectPoolStats, type OutstandingCount, SharedSlabPool, SizeClassAllocator, type SizeClassAllocatorOptions, type SlabPoolOptions, type SlabShape, type SlabStats, assertNoLeaks };
