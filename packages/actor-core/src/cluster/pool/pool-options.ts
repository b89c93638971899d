/**
 * Options of `ActorCluster.spawnPool` and their checks.
 *
 * Thread contract: plain data; checked on the main thread before anything is allocated.
 */
import { ActorError } from '../../errors.js';
import type { RemoteSpawnOptions } from '../cluster-protocol.js';
import type { PoolRouting } from './routing.js';

/** How many routees a pool has: one on every worker, or `n` spread over the workers in turn. */
export type PoolInstances = 'per-worker' | number;

export interface SpawnPoolOptions<A = unknown> {
  /** Default `per-worker`. */
  readonly instances?: PoolInstances;
  /**
   * How messages reach the routees: `balancing` (default: one shared queue, the next idle
   * routee takes the next message), or a router on the sending thread: `round-robin`,
   * `random`, `broadcast` (every routee), `smallest-mailbox` (by the depths the workers
   * publish), or `{ consistentHash: { hashKey } }` (equal keys to one routee). A router leaves
   * out the routees that stopped (routee-watch.ts).
   */
  readonly routing?: PoolRouting;
  /** Arguments for the kind's factory (structured-cloned to every worker). */
  readonly args?: A;
  /** Spawn options of each routee (mailbox, name is not allowed: routees are many). */
  readonly spawn?: Omit<RemoteSpawnOptions, 'name'>;
  /** Records of the shared queue (a power of two; `balancing` only). Default 4096. */
  readonly capacity?: number;
  /**
   * Bytes per record: one encoded envelope (24-byte header + the message's frame). A message
   * that does not fit is a dead letter (`too-large`). A multiple of 8 from 32. Default 256.
   */
  readonly recordBytes?: number;
}

export const DEFAULT_POOL_CAPACITY = 4096;
export const DEFAULT_POOL_RECORD_BYTES = 256;

/** Routees per worker for `instances` over `workerCount` workers (checked: INVALID_OPTION). */
export function routeesPerWorker(instances: PoolInstances, workerCount: number): number[] {
  const where = 'ActorCluster.spawnPool';
  if (instances === 'per-worker') return new Array<number>(workerCount).fill(1);
  if (!Number.isInteger(instances) || instances < 1 || instances > 1 << 16) {
    throw new ActorError(
      where,
      'INVALID_OPTION',
      `instances (${String(instances)}) must be 'per-worker' or an integer from 1 to 65536`,
    );
  }
  const counts = new Array<number>(workerCount).fill(0);
  for (let i = 0; i < instances; i++) counts[i % workerCount]!++;
  return counts;
}

/** The queue's shape (checked: INVALID_OPTION). */
export function poolQueueShape(options: SpawnPoolOptions): {
  capacity: number;
  recordBytes: number;
} {
  const where = 'ActorCluster.spawnPool';
  const capacity = options.capacity ?? DEFAULT_POOL_CAPACITY;
  const recordBytes = options.recordBytes ?? DEFAULT_POOL_RECORD_BYTES;
  if (
    !Number.isInteger(capacity) ||
    capacity < 2 ||
    capacity > 1 << 20 ||
    (capacity & (capacity - 1)) !== 0
  ) {
    throw new ActorError(
      where,
      'INVALID_OPTION',
      `capacity (${String(capacity)}) must be a power of two from 2 to 2^20`,
    );
  }
  if (
    !Number.isInteger(recordBytes) ||
    recordBytes < 32 ||
    recordBytes > 1 << 20 ||
    recordBytes % 8 !== 0
  ) {
    throw new ActorError(
      where,
      'INVALID_OPTION',
      `recordBytes (${String(recordBytes)}) must be a multiple of 8 from 32 to 1 MiB`,
    );
  }
  return { capacity, recordBytes };
}

const ROUTINGS = ['balancing', 'round-robin', 'random', 'broadcast', 'smallest-mailbox'];

/** The pool's routing (checked: INVALID_OPTION). */
export function routingOf(options: SpawnPoolOptions): PoolRouting {
  const routing = options.routing ?? 'balancing';
  if (typeof routing === 'string' ? ROUTINGS.includes(routing) : isConsistentHash(routing)) {
    return routing;
  }
  throw new ActorError(
    'ActorCluster.spawnPool',
    'INVALID_OPTION',
    `routing must be one of ${ROUTINGS.join(', ')} or { consistentHash: { hashKey } }`,
  );
}

function isConsistentHash(routing: unknown): boolean {
  const hash = (routing as { consistentHash?: { hashKey?: unknown } } | null)?.consistentHash;
  return typeof hash === 'object' && hash !== null && typeof hash.hashKey === 'function';
}
