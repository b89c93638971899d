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

import { MemPoolError } from './errors.js';
import type { LeakTracked, OutstandingCount } from './leak-check.js';
import { ObjectPoolLease } from './object-pool-lease.js';
import { requireIntegerInRange } from './validation.js';

export interface ObjectPoolOptions<T extends object> {
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

export interface ObjectPoolStats {
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

const DEFAULT_MAX_SIZE = 1024;

export class ObjectPool<T extends object> implements LeakTracked {
  readonly maxSize: number;
  readonly debug: boolean;

  private readonly create: () => T;
  private readonly reset: ((item: T) => void) | undefined;
  /** Idle objects in [0, size); the rest is undefined so released objects are not retained. */
  private readonly items: (T | undefined)[];
  private size = 0;
  private hits = 0;
  private misses = 0;
  private inUse = 0;
  private highWater = 0;
  private dropped = 0;
  // Debug mode only.
  private readonly useProxy: boolean;
  private readonly leased: Set<T> | undefined;
  private readonly created: WeakSet<T> | undefined;
  private readonly leases: WeakMap<T, ObjectPoolLease<T>> | undefined;

  constructor(options: ObjectPoolOptions<T>) {
    const where = 'ObjectPool.constructor';
    if (typeof options?.create !== 'function') {
      throw new MemPoolError(where, 'INVALID_OPTIONS', 'create must be a function');
    }
    if (options.reset !== undefined && typeof options.reset !== 'function') {
      throw new MemPoolError(where, 'INVALID_OPTIONS', 'reset must be a function');
    }
    this.maxSize = requireIntegerInRange(
      where,
      'maxSize',
      options.maxSize ?? DEFAULT_MAX_SIZE,
      1,
      2 ** 24,
    );
    const prefill = requireIntegerInRange(where, 'prefill', options.prefill ?? 0, 0, this.maxSize);
    this.create = options.create;
    this.reset = options.reset;
    this.debug = options.debug === true;
    this.useProxy = this.debug && options.debugProxy !== false;
    this.leased = this.debug ? new Set() : undefined;
    this.created = this.debug ? new WeakSet() : undefined;
    this.leases = this.useProxy ? new WeakMap() : undefined;
    this.items = new Array<T | undefined>(this.maxSize).fill(undefined);
    for (let i = 0; i < prefill; i++) this.items[this.size++] = this.make();
  }

  /**
   * An idle object, or a new one from `create` when none is idle. Never fails (a bounded pool
   * bounds what it keeps, not what it hands out). Single thread: the pool is plain heap state.
   */
  acquire(): T {
    let item: T;
    if (this.size > 0) {
      const top = --this.size;
      item = this.items[top] as T;
      this.items[top] = undefined;
      this.hits++;
    } else {
      item = this.make();
      this.misses++;
    }
    if (++this.inUse > this.highWater) this.highWater = this.inUse;
    return this.debug ? this.lend(item) : item;
  }

  /**
   * Gives an object back: `reset` runs and the object goes on the idle stack, or is dropped when
   * the stack is full. Throws `DOUBLE_RELEASE` when the object is already released: always in
   * debug mode, otherwise when it is the most recently released idle object (a cheap check that
   * catches the common immediate repeat). In debug mode a foreign object throws `NOT_FROM_POOL`.
   */
  release(item: T): void {
    if (this.debug) item = this.takeBack(item);
    else if (this.size > 0 && this.items[this.size - 1] === item) throw this.doubleRelease();
    this.inUse--;
    if (this.size < this.maxSize) {
      this.reset?.(item);
      this.items[this.size++] = item;
    } else {
      this.dropped++;
    }
  }

  /** Objects waiting on the idle stack. */
  get idle(): number {
    return this.size;
  }

  /** Drops every idle object, for the GC to collect. */
  clear(): void {
    this.items.fill(undefined, 0, this.size);
    this.size = 0;
  }

  stats(): ObjectPoolStats {
    return {
      hits: this.hits,
      misses: this.misses,
      inUse: this.inUse,
      highWater: this.highWater,
      idle: this.size,
      dropped: this.dropped,
      maxSize: this.maxSize,
    };
  }

  outstandingByClass(): readonly OutstandingCount[] {
    return [{ label: 'objects', outstanding: this.inUse }];
  }

  private make(): T {
    const item = this.create();
    this.created?.add(item);
    return item;
  }

  private lend(item: T): T {
    this.leased?.add(item);
    if (!this.useProxy) return item;
    const lease = new ObjectPoolLease(item);
    const proxy = new Proxy(item, lease);
    this.leases?.set(proxy, lease);
    return proxy;
  }

  /** Debug mode: checks a release and returns the real object behind what the user holds. */
  private takeBack(item: T): T {
    let target = item;
    if (this.useProxy) {
      const lease = this.leases?.get(item);
      if (lease === undefined) throw this.notFromPool(this.created?.has(item) === true);
      if (lease.released) throw this.doubleRelease();
      lease.released = true;
      target = lease.target;
    }
    if (this.leased?.delete(target) !== true) {
      throw this.created?.has(target) === true ? this.doubleRelease() : this.notFromPool(false);
    }
    return target;
  }

  private doubleRelease(): MemPoolError {
    return new MemPoolError('ObjectPool.release', 'DOUBLE_RELEASE', 'object released twice');
  }

  private notFromPool(unwrapped: boolean): MemPoolError {
    return new MemPoolError(
      'ObjectPool.release',
      'NOT_FROM_POOL',
      unwrapped
        ? 'release() must get the proxy acquire() returned, not the object behind it'
        : 'object was not acquired from this pool',
    );
  }
}
