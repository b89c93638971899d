import type { ActorCluster, ActorClusterOptions } from '../src/index.js';
import { clusterPerTest } from './helpers.js';

/** A reply of the pool-fault actors (workers/pool-fault-actors.ts). */
export type Done = { type: 'done'; id: number; worker: number };

/**
 * Call at a test file's top level: a cluster per test of the pool-fault actors, with failures
 * unlogged and liveness and spawn bounds that a loaded machine does not reach.
 */
export function poolFaultClusters(): (
  options?: Partial<ActorClusterOptions>,
) => Promise<ActorCluster> {
  return clusterPerTest(new URL('./workers/pool-fault-actors.ts', import.meta.url), {
    logFailures: false,
    unresponsiveMs: 60_000,
    spawnTimeoutMs: 60_000,
  });
}
