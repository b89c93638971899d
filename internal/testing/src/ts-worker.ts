import { Worker, type WorkerOptions } from 'node:worker_threads';

// The worker registers loader/ts-hooks.mjs (esbuild transforms of the TypeScript sources,
// cached on disk) before it imports its module; the custom condition makes `@zactor/*` imports
// inside the worker resolve to sibling sources, as they do in the tests themselves, so no
// package has to be built before its tests run. On Node 20 hooks registered on the main thread
// do not reach a worker, so each worker starts from a tiny bootstrap that registers them.
// (tsx did this until 2026-12-05; its start-up was ~40% of a test worker's start. Tests of
// running under tsx itself start tsx explicitly: scheduler-numa's typescript-workers.test.ts,
// actor-core's typescript-cluster.test.ts.)
const hooks = new URL('../loader/ts-hooks.mjs', import.meta.url).href;

/** Node flags every TypeScript test worker runs with. */
export const tsWorkerExecArgv: readonly string[] = ['--conditions=@zactor/source'];

function bootstrap(file: URL): string {
  // Source maps on (as tsx turns them on): a stack names the .ts line, not the transform's.
  return `process.setSourceMapsEnabled(true); require('node:module').register(${JSON.stringify(hooks)}); import(${JSON.stringify(file.href)});`;
}

/** Starts a real `Worker` on a TypeScript module. */
export function startTsWorker(file: URL, options: WorkerOptions = {}): Worker {
  return new Worker(bootstrap(file), {
    ...options,
    eval: true,
    execArgv: [...tsWorkerExecArgv, ...(options.execArgv ?? [])],
  });
}

/**
 * Runs a TypeScript worker to completion and resolves with the last message it
 * posted. Rejects when the worker throws or exits with a non-zero code, so a
 * broken worker fails the test instead of hanging it.
 */
export function runTsWorker<T>(
  file: URL,
  workerData?: unknown,
  options: WorkerOptions = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startTsWorker(file, { ...options, workerData });
    let last: { value: T } | undefined;
    worker.on('message', (value: T) => {
      last = { value };
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker ${file.pathname} exited with code ${code}`));
      else if (last === undefined)
        reject(new Error(`worker ${file.pathname} exited without a result`));
      else resolve(last.value);
    });
  });
}
