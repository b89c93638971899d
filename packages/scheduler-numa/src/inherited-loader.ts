/**
 * The pool's default WorkerFactory: a worker runs under the module loader the main thread runs
 * under. Workers inherit `process.execArgv`, but on Node < 22.2 an `--import` preload (tsx's
 * `node --import tsx`, the `tsx` CLI's own `--import`) runs on the main thread only, and hooks
 * it registered there do not reach a worker. There the worker starts from a small bootstrap
 * that replays those preloads first (tsx through its `register()` API, since its `--import`
 * entry only registers on the main thread), then imports the pool's entry. On newer Node the
 * inherited flags do it, so the worker starts from the entry directly.
 *
 * Thread contract: the pool's thread, at every spawn.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { WorkerFactory } from './worker-pool-options.js';

/** `--import` values in `args` (both `--import x` and `--import=x`), in order. */
export function importsIn(args: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--import' && i + 1 < args.length) found.push(args[++i]!);
    else if (arg.startsWith('--import=')) found.push(arg.slice('--import='.length));
  }
  return found;
}

/** NODE_OPTIONS split as Node splits it: on spaces, with double quotes and backslash escapes. */
export function splitNodeOptions(value: string | undefined): string[] {
  const args: string[] = [];
  for (const match of (value ?? '').matchAll(/"((?:\\.|[^"\\])*)"|(\S+)/g)) {
    args.push(match[1] === undefined ? match[2]! : match[1].replace(/\\(.)/g, '$1'));
  }
  return args;
}

/** The main thread's preloads: NODE_OPTIONS' come first, as Node runs them. */
export function mainThreadImports(): string[] {
  return [...importsIn(splitNodeOptions(process.env.NODE_OPTIONS)), ...importsIn(process.execArgv)];
}

/** Whether this Node runs `--import` preloads, or the main thread's hooks, in workers too. */
export function workersInheritHooks(version = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 2);
}

const TSX_DIST = /^(.*[\\/]tsx[\\/]dist)[\\/]/;

/**
 * The worker-side statement that replays one preload. tsx (the bare `tsx`, `tsx/esm`, or a file
 * of its dist, as the CLI passes) registers through its API; anything else is imported again.
 */
function replay(specifier: string): string {
  const dist = TSX_DIST.exec(specifier);
  const tsxApi =
    dist !== null
      ? `${dist[1]}/esm/api/index.mjs`
      : /^tsx(\/esm)?$/.test(specifier)
        ? 'tsx/esm/api'
        : undefined;
  if (tsxApi === undefined) return `await import(${JSON.stringify(specifier)});`;
  return `(await import(${JSON.stringify(tsxApi)})).register();`;
}

/**
 * A CommonJS script for an eval worker. Its dynamic imports resolve from the current directory,
 * as Node resolves `--import` values. A failure is rethrown outside the promise, so it reaches
 * the Worker's 'error' event like a failure of the entry itself.
 */
export function bootstrapSource(imports: readonly string[], entry: URL): string {
  return [
    '(async () => {',
    ...imports.map(replay),
    `await import(${JSON.stringify(entry.href)});`,
    '})().catch((error) => setImmediate(() => { throw error; }));',
  ].join('\n');
}

/** Starts `entry` in a Worker with the main thread's loader. */
export const inheritLoaderWorker: WorkerFactory = (entry: URL, options: WorkerOptions) => {
  const imports = workersInheritHooks() ? [] : mainThreadImports();
  if (imports.length === 0) return new Worker(entry, options);
  return new Worker(bootstrapSource(imports, entry), { ...options, eval: true });
};
