import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts the benchmark's worker modules from wherever this code runs:
 * - from the built CLI (dist/cli.js, this module bundled into it) each worker is a sibling
 *   bundle, dist/workers/<name>.js, built by tsup from src/workers/<name>.ts;
 * - from source (vitest, or `tsx src/cli.ts`) this file's URL ends in `.ts`, and the worker is
 *   src/workers/<name>.ts started through the TypeScript bootstrap of `@zactor/testing` (a dev
 *   dependency, kept out of the bundle: tsup marks it external and the built CLI never reaches
 *   this branch).
 */

/** The modules in src/workers (one tsup entry each). */
export type WorkerModuleName =
  | 'ring-throughput'
  | 'latency-pingpong'
  | 'scheduler-task'
  | 'stress-transfer'
  | 'bench-cluster'
  | 'pinned-bare-pairs'
  | 'remote-cluster'
  | 'bulk-port'
  | 'skew-cluster'
  | 'skew-piscina'
  | 'skew-tasks';

/** True when this module is running as TypeScript source rather than from dist. */
export function runningFromSource(moduleUrl: string = import.meta.url): boolean {
  return moduleUrl.endsWith('.ts');
}

/** The file a worker module is started from, given the URL of the module asking. */
export function workerModuleUrl(name: WorkerModuleName, moduleUrl: string = import.meta.url): URL {
  return runningFromSource(moduleUrl)
    ? new URL(`../workers/${name}.ts`, moduleUrl)
    : new URL(`./workers/${name}.js`, moduleUrl);
}

/** Starts a worker module with the given options (workerData, resource limits...). */
export async function launchWorker(
  name: WorkerModuleName,
  options: WorkerOptions = {},
): Promise<Worker> {
  const url = workerModuleUrl(name);
  if (runningFromSource()) {
    const { startTsWorker } = await import('@zactor/testing');
    return startTsWorker(url, options);
  }
  return new Worker(url, options);
}

/**
 * For libraries that start workers themselves from an entry URL (the scheduler's WorkerPool):
 * the tsx bootstrap when running from source, `undefined` (their default `new Worker`) from dist.
 */
export async function sourceWorkerFactory(): Promise<
  ((entry: URL, options: WorkerOptions) => Worker) | undefined
> {
  if (!runningFromSource()) return undefined;
  const { startTsWorker } = await import('@zactor/testing');
  return (entry, options) => startTsWorker(entry, options);
}

/**
 * For piscina, which imports its worker file itself: the built bundle's path, or from source a
 * temporary ES module that registers tsx and re-exports the TypeScript module's default export
 * (piscina's workers start with no loader of ours).
 */
export async function piscinaFilename(name: WorkerModuleName): Promise<string> {
  const url = workerModuleUrl(name);
  if (!runningFromSource()) return fileURLToPath(url);
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(
    join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  ).href;
  const file = join(tmpdir(), `zactor-bench-${name}-${process.pid}.mjs`);
  writeFileSync(
    file,
    `const tsx = await import(${JSON.stringify(tsxApi)});\ntsx.register();\n` +
      `const module = await import(${JSON.stringify(url.href)});\nexport default module.default;\n`,
  );
  return file;
}
