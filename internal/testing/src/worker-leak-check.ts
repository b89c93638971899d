/**
 * A vitest setup file (vitest.config.ts `setupFiles`): fails a test file that leaves a worker
 * thread running when its tests are done. The suite runs with `isolate: false`, so a fork runs
 * file after file in one process, and a worker one file forgot would spin or hold memory under
 * the files after it (and a cluster left running may hide a shutdown bug).
 *
 * It swaps `node:worker_threads`' `Worker` for a subclass that keeps every worker started (and
 * `syncBuiltinESMExports` makes `import { Worker }` see it), then, after a file's tests, waits a
 * bounded time for them to exit and fails the file naming the rest. Exit is read from
 * `threadId` (-1 once the thread ended), not an 'exit' listener, which code under test may
 * remove.
 */
import { syncBuiltinESMExports } from 'node:module';
import workerThreads, { type WorkerOptions } from 'node:worker_threads';
import { afterAll, expect } from 'vitest';

/** How long a file's workers may take to finish exiting after its last test (a loaded machine). */
const EXIT_GRACE_MS = 15_000;

interface Tracked {
  readonly what: string;
  readonly file: string;
}

const GLOBAL_KEY = Symbol.for('zactor.testing.liveWorkers');
type Live = Map<workerThreads.Worker, Tracked>;

function install(): Live {
  const existing = (globalThis as Record<symbol, Live | undefined>)[GLOBAL_KEY];
  if (existing !== undefined) return existing;
  const live: Live = new Map();
  (globalThis as Record<symbol, Live>)[GLOBAL_KEY] = live;
  const Base = workerThreads.Worker;
  class TrackedWorker extends Base {
    constructor(filename: string | URL, options?: WorkerOptions) {
      super(filename, options);
      const what = options?.eval === true ? describeEval(String(filename)) : String(filename);
      live.set(this, { what, file: currentFile() });
    }
  }
  workerThreads.Worker = TrackedWorker;
  syncBuiltinESMExports();
  return live;
}

/** An eval worker by the modules its code imports (startTsWorker's bootstrap), else its code. */
function describeEval(code: string): string {
  const imports = [...code.matchAll(/import\("([^"]+)"\)/g)].map((m) => m[1]);
  return imports.length > 0 ? `eval worker importing ${imports.join(', ')}` : code.slice(0, 200);
}

function currentFile(): string {
  return expect.getState().testPath ?? '?';
}

const live = install();

/** Forgets the workers that have exited (a Worker's `threadId` is -1 once its thread ended). */
function forgetExited(): void {
  for (const worker of live.keys()) if (worker.threadId === -1) live.delete(worker);
}

afterAll(async () => {
  const started = Date.now();
  forgetExited();
  while (live.size > 0 && Date.now() - started < EXIT_GRACE_MS) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    forgetExited();
  }
  if (live.size === 0) return;
  const left = [...live.values()].map((t) => `  ${t.what} (started in ${t.file})`);
  for (const worker of live.keys()) void worker.terminate();
  live.clear();
  throw new Error(
    `@zactor/testing: ${left.length} worker thread(s) still running ${EXIT_GRACE_MS / 1000} s after this file's tests (terminated now):\n${left.join('\n')}`,
  );
}, EXIT_GRACE_MS + 10_000);
