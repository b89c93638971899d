import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const require = createRequire(import.meta.url);
// tsx compiles the worker's TypeScript on the fly; the custom condition makes
// `@zactor/*` imports inside the worker resolve to sibling sources, as they do
// in the tests themselves, so no package has to be built before its tests run.
// On Node 20 `--import tsx` in a Worker's execArgv does not reach the worker's
// entry module, so the worker starts from a tiny bootstrap that registers the
// tsx hooks first and then imports the real module.
const tsxApi = pathToFileURL(
  join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
).href;

/** Node flags every TypeScript test worker runs with. */
export const tsWorkerExecArgv: readonly string[] = ['--conditions=@zactor/source'];

function bootstrap(file: URL): string {
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); });`;
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
