declare const NO_BLOCK = -1;
interface BlockAllocator {
    readonly buffer: SharedArrayBuffer;
    alloc(bytes: number): number;
    free(offset: number): void;
}
interface BumpArenaOptions {
    readonly capacity: number;
}
interface BumpArenaStats {
    readonly capacity: number;
    readonly used: number;
    readonly generation: number;
    readonly failures: number;
}
declare class BumpArena {
    readonly buffer: SharedArrayBuffer;
    readonly byteOffset: number;
    readonly byteLength: number;
    readonly capacity: number;
    readonly dataStart: number;
    private readonly words;
    static bytesFor(options: BumpArenaOptions): number;
    static create(options: BumpArenaOptions): BumpArena;
    static createIn(buffer: SharedArrayBuffer, byteOffset: number, options: BumpArenaOptions): BumpArena;
    static attach(buffer: SharedArrayBuffer, byteOffset?: number): BumpArena;
    private constructor();
    alloc(bytes: number, align?: number): number;
    reset(): void;
    used(): number;
    generation(): number;
    private corruptTop;
    stats(): BumpArenaStats;
}
type MemPoolErrorCode = "INVALID_OPTIONS" | "INVALID_SIZE" | "BAD_LAYOUT" | "NOT_A_BLOCK" | "DOUBLE_FREE" | "USE_AFTER_FREE" | "POOL_CORRUPT" | "DOUBLE_RELEASE" | "USE_AFTER_RELEASE" | "NOT_FROM_POOL" | "LEAK";
declare class MemPoolError extends Error {
    readonly name: string;
    readonly code: MemPoolErrorCode;
    constructor(where: string, code: MemPoolErrorCode, message: string);
}
interface OutstandingCount {
    readonly label: string;
    readonly outstanding: number;
}
interface LeakTracked {
    outstandingByClass(): readonly OutstandingCount[];
}
declare function assertNoLeaks(target: LeakTracked, context?: string): void;
interface ObjectPoolOptions<T extends object> {
    readonly create: () => T;
    readonly reset?: (item: T) => void;
    readonly maxSize?: number;
    readonly prefill?: number;
    readonly debug?: boolean;
    readonly debugProxy?: boolean;
}
interface ObjectPoolStats {
    readonly hits: number;
    readonly misses: number;
    readonly inUse: number;
    readonly highWater: number;
    readonly idle: number;
    readonly dropped: number;
    readonly maxSize: number;
}
declare class ObjectPool<T extends object> implements LeakTracked {
    readonly maxSize: number;
    readonly debug: boolean;
    private readonly create;
    private readonly reset;
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
    acquire(): T;
    release(item: T): void;
    get idle(): number;
    clear(): void;
    stats(): ObjectPoolStats;
    outstandingByClass(): readonly OutstandingCount[];
    private make;
    private lend;
    private takeBack;
    private doubleRelease;
    private notFromPool;
}
interface SlabShape {
    readonly blockSize: number;
    readonly blockCount: number;
}
interface SlabPoolOptions extends SlabShape {
    readonly debug?: boolean;
}
interface SlabStats {
    readonly blockSize: number;
    readonly blockCount: number;
    readonly outstanding: number;
    readonly highWater: number;
    readonly allocs: number;
    readonly frees: number;
    readonly failures: number;
}
declare class SharedSlabPool implements BlockAllocator, LeakTracked {
    readonly buffer: SharedArrayBuffer;
    readonly byteOffset: number;
    readonly byteLength: number;
    readonly blockSize: number;
    readonly blockCount: number;
    readonly debug: boolean;
    readonly dataStart: number;
    readonly dataEnd: number;
    private readonly words;
    private readonly shift;
    private readonly blockMask;
    private readonly indexMask;
    private readonly tagMask;
    private readonly tagUnit;
    private readonly guard;
    static bytesFor(shape: SlabShape): number;
    static create(options: SlabPoolOptions): SharedSlabPool;
    static createIn(buffer: SharedArrayBuffer, byteOffset: number, options: SlabPoolOptions): SharedSlabPool;
    static attach(buffer: SharedArrayBuffer, byteOffset?: number): SharedSlabPool;
    private constructor();
    alloc(bytes?: number): number;
    free(offset: number): void;
    outstanding(): number;
    owns(offset: number): boolean;
    isAllocated(offset: number): boolean;
    private blockIndex;
    stats(): SlabStats;
    outstandingByClass(): readonly OutstandingCount[];
    private countAlloc;
    private push;
    private poison;
    private checkPoison;
    private notABlock;
}
declare const DEFAULT_SIZE_CLASSES: readonly SlabShape[];
interface SizeClassAllocatorOptions {
    readonly classes?: readonly SlabShape[];
    readonly debug?: boolean;
}
declare class SizeClassAllocator implements BlockAllocator, LeakTracked {
    readonly buffer: SharedArrayBuffer;
    readonly byteOffset: number;
    readonly maxBlockSize: number;
    readonly classCount: number;
    readonly debug: boolean;
    private readonly pools;
    private readonly classForLog2;
    private readonly dataStarts;
    private readonly dataEnds;
    static bytesFor(classes: readonly SlabShape[]): number;
    static create(options?: SizeClassAllocatorOptions): SizeClassAllocator;
    static createIn(buffer: SharedArrayBuffer, byteOffset: number, options?: SizeClassAllocatorOptions): SizeClassAllocator;
    static attach(buffer: SharedArrayBuffer, byteOffset?: number): SizeClassAllocator;
    private constructor();
    alloc(bytes: number): number;
    free(offset: number): void;
    capacityOf(offset: number): number;
    isAllocated(offset: number): boolean;
    classIndexOf(offset: number): number;
    pool(c: number): SharedSlabPool;
    outstanding(): number;
    stats(): readonly SlabStats[];
    outstandingByClass(): readonly OutstandingCount[];
    private invalidSize;
    private notABlock;
}
export { type BlockAllocator, BumpArena, type BumpArenaOptions, type BumpArenaStats, DEFAULT_SIZE_CLASSES, type LeakTracked, MemPoolError, type MemPoolErrorCode, NO_BLOCK, ObjectPool, type ObjectPoolOptions, type ObjectPoolStats, type OutstandingCount, SharedSlabPool, SizeClassAllocator, type SizeClassAllocatorOptions, type SlabPoolOptions, type SlabShape, type SlabStats, assertNoLeaks };
