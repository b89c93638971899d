/**
 * What the leak check (leak-check.ts) does after a test file, for the worker threads and the
 * child processes it started (worker-tracker.ts, child-process-tracker.ts): wait a bounded time
 * for them to end, then stop the rest and fail the file naming them.
 *
 * Thread contract: the test file's thread, in an `afterAll`.
 */

/** How long what a file started may take to end after its last test (a loaded machine). */
export const EXIT_GRACE_MS = 15_000;

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
