import { startTsWorker } from '@zactor/testing';
import { afterEach } from 'vitest';
import {
  ActorCluster,
  type ActorClusterOptions,
  type ActorSystem,
  type SystemEvent,
} from '../src/index.js';

/** Resolves after the dispatcher and pending timers have had `rounds` chances to run. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** Collects the system's events of the given types. */
export function record<T extends SystemEvent['type']>(
  system: ActorSystem,
  ...types: T[]
): Extract<SystemEvent, { type: T }>[] {
  const events: Extract<SystemEvent, { type: T }>[] = [];
  system.events.subscribe<T>((e) => events.push(e), types);
  return events;
}

/** A promise with its resolve function, for actors to signal tests. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Call at a test file's top level: returns `start(options)`, which starts a 2-worker cluster of
 * `module` (TypeScript workers, unpinned) with `defaults` and `options`; the cluster of each test
 * is shut down after it.
 */
export function clusterPerTest(
  module: URL,
  defaults: Partial<ActorClusterOptions> = {},
): (options?: Partial<ActorClusterOptions>) => Promise<ActorCluster> {
  let cluster: ActorCluster | undefined;
  afterEach(async () => {
    await cluster?.shutdown();
    cluster = undefined;
  });
  return async (options = {}) => {
    cluster = await ActorCluster.start({
      module,
      workers: 2,
      pin: false,
      workerFactory: (entry, workerOptions) => startTsWorker(entry, workerOptions),
      ...defaults,
      ...options,
    });
    return cluster;
  };
}

/** Polls `check` every 5 ms until it holds; throws after `ms` (no test waits forever). */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 10_000,
): Promise<void> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits until worker `worker` spawns a `kind` again: a restarted worker serves (bound `ms`). */
export function untilWorkerSpawns(
  cluster: ActorCluster,
  kind: string,
  worker: number,
  ms: number,
): Promise<void> {
  return waitUntil(
    () =>
      cluster.spawn(kind, { worker }).then(
        () => true,
        () => false,
      ),
    `the restarted worker ${worker}`,
    ms,
  );
}
