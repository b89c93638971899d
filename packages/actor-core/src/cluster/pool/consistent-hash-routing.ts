/**
 * Consistent hashing over a pool's routees (Karger et al. 1997; Akka's ConsistentHashingPool):
 * each routee owns `virtualNodes` points of a 32-bit ring (FNV-1a of "index:point"), a message
 * goes to the owner of the first point at or after its key's hash. Routees are named by their
 * index, so a key stays on the same routee while the pool is stable, a restarted worker's
 * routees take back their keys, and a pool of another size moves only about 1/n of the keys.
 *
 * Thread contract: the router's thread.
 */
import { fnv1a32 } from '@zactor/serializer';
import { ActorError } from '../../errors.js';
import type { ConsistentHashOptions, RoutingLogic } from './routing.js';

const DEFAULT_VIRTUAL_NODES = 64;

export class ConsistentHashRouting implements RoutingLogic {
  private readonly hashKey: (message: unknown) => string | number;
  /** Ring points in ascending order, and the routee index of each. */
  private readonly points: Uint32Array;
  private readonly owners: Uint32Array;

  constructor(options: ConsistentHashOptions, routees: number) {
    const virtualNodes = options.virtualNodes ?? DEFAULT_VIRTUAL_NODES;
    if (typeof options.hashKey !== 'function') {
      throw new ActorError(
        'ActorCluster.spawnPool',
        'INVALID_OPTION',
        'consistentHash.hashKey must be a function',
      );
    }
    if (!Number.isInteger(virtualNodes) || virtualNodes < 1 || virtualNodes > 4096) {
      throw new ActorError(
        'ActorCluster.spawnPool',
        'INVALID_OPTION',
        `consistentHash.virtualNodes (${String(virtualNodes)}) must be an integer from 1 to 4096`,
      );
    }
    this.hashKey = options.hashKey as (message: unknown) => string | number;
    const ring: [number, number][] = [];
    for (let r = 0; r < routees; r++) {
      for (let v = 0; v < virtualNodes; v++) ring.push([fnv1a32(`${r}:${v}`), r]);
    }
    ring.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.points = Uint32Array.from(ring, (p) => p[0]);
    this.owners = Uint32Array.from(ring, (p) => p[1]);
  }

  select(message: unknown): number {
    return this.owners[this.pointOf(message)]!;
  }

  /**
   * The owner of the first point at or after the key's hash whose routee is live: the keys of a
   * stopped routee go to the owners of the next points on the ring, as a ring rebuilt without
   * it would place them, and every other key stays where it was. (The points of routees with
   * neighbouring indices lie close on this ring, so the heirs are mostly those neighbours.)
   */
  selectLive(message: unknown, live: readonly unknown[]): number {
    const owners = this.owners;
    const n = owners.length;
    const start = this.pointOf(message);
    for (let k = 0; k < n; k++) {
      const owner = owners[(start + k) % n]!;
      if (owner < live.length && live[owner] !== null) return owner;
    }
    return -1;
  }

  /** The index of the first point >= the key's hash (binary search), wrapping to the first. */
  private pointOf(message: unknown): number {
    const hash = fnv1a32(String(this.hashKey(message)));
    const points = this.points;
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (points[mid]! < hash) lo = mid + 1;
      else hi = mid;
    }
    return lo === points.length ? 0 : lo;
  }
}
