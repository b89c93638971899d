/**
 * Tracks the worker threads a test file starts, for the leak check (leak-check.ts): it swaps
 * `node:worker_threads`' `Worker` for a subclass that keeps every worker started (and
 * `syncBuiltinESMExports` makes `import { Worker }` see it). A worker has ended when its
 * `threadId` is -1, which no code under test can hide (it may remove 'exit' listeners).
 */
import { syncBuiltinESMExports } from 'node:module';
import workerThreads, { type WorkerOptions } from 'node:worker_threads';
import { currentTestFile, type LeakWatch, trackOnce } from './leak-wait.js';

function patch(live: Map<workerThreads.Worker, string>): void {
  const Base = workerThreads.Worker;
  class TrackedWorker extends Base {
    constructor(filename: string | URL, options?: WorkerOptions) {
      super(filename, options);
      const what = options?.eval === true ? describeEval(String(filename)) : String(filename);
      live.set(this, `${what} (started in ${currentTestFile()})`);
    }
  }
  workerThreads.Worker = TrackedWorker;
  syncBuiltinESMExports();
}

/** An eval worker by the modules its code imports (startTsWorker's bootstrap), else its code. */
function describeEval(code: string): string {
  const imports = [...code.matchAll(/import\("([^"]+)"\)/g)].map((m) => m[1]);
  return imports.length > 0 ? `eval worker importing ${imports.join(', ')}` : code.slice(0, 200);
}

/** Starts tracking (once per process) and returns what the leak check waits for. */
export function workerWatch(): LeakWatch<workerThreads.Worker> {
  const live = trackOnce('zactor.testing.liveWorkers', patch);
  return {
    live,
    // A Worker's `threadId` is -1 once its thread ended.
    isRunning: (worker) => worker.threadId !== -1,
    stop: (worker) => void worker.terminate(),
    what: 'worker thread(s)',
    stopped: 'terminated',
  };
}
