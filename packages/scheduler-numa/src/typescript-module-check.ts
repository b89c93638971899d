/**
 * A worker module written in TypeScript needs a loader in every worker. The pool checks before
 * it starts any (a `.ts`, `.mts` or `.cts` module, no loader in sight: SchedulerError
 * `TS_LOADER_MISSING`), and turns a worker's own "Unknown file extension" into the same error,
 * which says what to run instead.
 *
 * Thread contract: the pool's thread, in `WorkerPool.start`.
 */
import { SchedulerError } from './errors.js';
import { splitNodeOptions } from './inherited-loader.js';

const TS_EXTENSION = /\.[cm]?tsx?$/i;

/** Flags after which a worker may load TypeScript: a preload or a loader that may register one. */
const LOADER_FLAGS = [
  '--import',
  '--require',
  '-r',
  '--loader',
  '--experimental-loader',
  '--experimental-strip-types',
  '--experimental-transform-types',
];

/** Whether `moduleUrl`'s path ends in a TypeScript extension. */
export function isTypeScriptModule(moduleUrl: string): boolean {
  try {
    return TS_EXTENSION.test(new URL(moduleUrl).pathname);
  } catch {
    return TS_EXTENSION.test(moduleUrl);
  }
}

/** Whether Node itself strips types, or a flag the workers inherit may bring a loader. */
export function typeScriptLoaderInSight(
  args: readonly string[] = [...splitNodeOptions(process.env.NODE_OPTIONS), ...process.execArgv],
  features: { readonly typescript?: unknown } = process.features as { typescript?: unknown },
): boolean {
  if (features.typescript) return true;
  return args.some((arg) =>
    LOADER_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)),
  );
}

/** SchedulerError `TS_LOADER_MISSING` for `moduleUrl`, with what was seen (if anything). */
export function typeScriptLoaderMissing(moduleUrl: string, seen?: string): SchedulerError {
  return new SchedulerError(
    'WorkerPool.start',
    'TS_LOADER_MISSING',
    `${moduleUrl} is TypeScript and the workers have no loader for it${seen === undefined ? '' : ` (${seen})`}. ` +
      'Run the main thread under tsx (`node --import tsx main.ts` or `tsx main.ts`), or under ' +
      'Node >= 22.6 with --experimental-strip-types (the default from Node 23.6); or build the ' +
      'module to .js; or pass a workerFactory that registers a loader in each worker',
  );
}

/** Throws `TS_LOADER_MISSING` when `moduleUrl` is TypeScript and no loader is in sight. */
export function checkTypeScriptModule(moduleUrl: string): void {
  if (isTypeScriptModule(moduleUrl) && !typeScriptLoaderInSight()) {
    throw typeScriptLoaderMissing(moduleUrl, 'this process runs no TypeScript loader');
  }
}

/** Whether a worker's start failure is Node refusing a TypeScript file. */
export function isUnknownTypeScriptExtension(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    (code === 'ERR_UNKNOWN_FILE_EXTENSION' || error.message.includes('Unknown file extension')) &&
    /\.[cm]?tsx?"/i.test(error.message)
  );
}
