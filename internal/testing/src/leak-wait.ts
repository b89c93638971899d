/**
 * What the leak check (leak-check.ts) does after a test file, for the worker threads and the
 * child processes it started (worker-tracker.ts, child-process-tracker.ts): wait a bounded time
 * for them to end, then stop the rest and fail the file naming them.
 *
 * Thread contract: the test file's thread, in an `afterAll`.
 */

import { expect } from 'vitest';

/** How long what a file started may take to end after its last test (a loaded machine). */
export const EXIT_GRACE_MS = 15_000;

/** The test file running now, for a tracker's line about what it started. */
export function currentTestFile(): string {
  return expect.getState().testPath ?? '?';
}

/**
 * What is tracked under `key`, made once per process (a fork runs many files, each loading the
 * setup file again): the first call runs `patch`, which wraps what starts them and records into
 * the map; later calls get the same map.
 */
export function trackOnce<T>(key: string, patch: (live: Map<T, string>) => void): Map<T, string> {
  const slot = Symbol.for(key);
  const global = globalThis as Record<symbol, Map<T, string> | undefined>;
  const existing = global[slot];
  if (existing !== undefined) return existing;
  const live = new Map<T, string>();
  global[slot] = live;
  patch(live);
  return live;
}

export interface LeakWatch<T> {
  /** What the file started and has not been seen to end, with a line naming each. */
  readonly live: Map<T, string>;
  readonly isRunning: (item: T) => boolean;
  /** Stops one that outlived the grace period. */
  readonly stop: (item: T) => void;
  /** What they are, for the error: "worker thread(s)", "child process(es)". */
  readonly what: string;
  /** What `stop` does, for the error: "terminated", "killed". */
  readonly stopped: string;
}

/** Waits for `watch.live` to end; throws (after stopping the rest) if some outlive the grace. */
export async function awaitNoLeaks<T>(watch: LeakWatch<T>): Promise<void> {
  const { live } = watch;
  const forgetEnded = (): void => {
    for (const item of live.keys()) if (!watch.isRunning(item)) live.delete(item);
  };
  const started = Date.now();
  forgetEnded();
  while (live.size > 0 && Date.now() - started < EXIT_GRACE_MS) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    forgetEnded();
  }
  if (live.size === 0) return;
  const left = [...live.values()].map((line) => `  ${line}`);
  for (const item of live.keys()) watch.stop(item);
  live.clear();
  throw new Error(
    `@zactor/testing: ${left.length} ${watch.what} still running ${EXIT_GRACE_MS / 1000} s after this file's tests (${watch.stopped} now):\n${left.join('\n')}`,
  );
}
