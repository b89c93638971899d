/**
 * A vitest setup file (vitest.config.ts `setupFiles`), the child-process twin of
 * worker-leak-check.ts: fails a test file that leaves a child process running when its tests are
 * done (a nats-server, an Erlang VM, a `node` child). The suite runs with `isolate: false`, so the
 * files after it would share the machine (and maybe a port) with what it forgot.
 *
 * It wraps `node:child_process`' `spawn`, `fork`, `execFile` and `exec` (each of which starts a
 * process on its own, not through the exported `spawn`), keeps every process started, and
 * `syncBuiltinESMExports` makes named imports see the wrappers. `execFile` and `exec` keep their
 * `util.promisify` form (it resolves with `{ stdout, stderr }`), tracked through the promise's
 * `child`. After a file's tests it waits a bounded time for them to exit, then kills the rest
 * (SIGKILL) and fails the file naming them. `spawnSync` and the like cannot outlive their call.
 */
import childProcess, { type ChildProcess } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, expect } from 'vitest';

/** How long a file's processes may take to exit after its last test (a loaded machine). */
const EXIT_GRACE_MS = 15_000;

interface Tracked {
  readonly what: string;
  readonly file: string;
}

type Live = Map<ChildProcess, Tracked>;
const GLOBAL_KEY = Symbol.for('zactor.testing.liveChildProcesses');
const STARTERS = ['spawn', 'fork', 'execFile', 'exec'] as const;

function install(): Live {
  const existing = (globalThis as Record<symbol, Live | undefined>)[GLOBAL_KEY];
  if (existing !== undefined) return existing;
  const live: Live = new Map();
  (globalThis as Record<symbol, Live>)[GLOBAL_KEY] = live;
  const track = (child: ChildProcess | undefined, args: unknown[]): void => {
    if (child === undefined || child === null) return;
    const what = args.filter((a) => typeof a === 'string' || Array.isArray(a)).flat();
    live.set(child, { what: what.join(' ').slice(0, 200), file: currentFile() });
  };
  const starters = childProcess as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of STARTERS) {
    const original = starters[name]!;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      const child = original.apply(this, args) as ChildProcess;
      track(child, args);
      return child;
    };
    const custom = (original as unknown as Record<symbol, unknown>)[promisify.custom];
    if (typeof custom === 'function') {
      Object.defineProperty(wrapped, promisify.custom, {
        value: (...args: unknown[]) => {
          const promise = custom(...args) as Promise<unknown> & { child?: ChildProcess };
          track(promise.child, args);
          return promise;
        },
      });
    }
    starters[name] = wrapped;
  }
  syncBuiltinESMExports();
  return live;
}

function currentFile(): string {
  return expect.getState().testPath ?? '?';
}

/** Whether `child` may still run: it started (has a pid) and has not been seen to exit. */
function running(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

const live = install();

function forgetExited(): void {
  for (const child of live.keys()) if (!running(child)) live.delete(child);
}

afterAll(async () => {
  const started = Date.now();
  forgetExited();
  while (live.size > 0 && Date.now() - started < EXIT_GRACE_MS) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    forgetExited();
  }
  if (live.size === 0) return;
  const left = [...live.entries()].map(
    ([c, t]) => `  pid ${c.pid}: ${t.what} (started in ${t.file})`,
  );
  for (const child of live.keys()) child.kill('SIGKILL');
  live.clear();
  throw new Error(
    `@zactor/testing: ${left.length} child process(es) still running ${EXIT_GRACE_MS / 1000} s after this file's tests (killed now):\n${left.join('\n')}`,
  );
}, EXIT_GRACE_MS + 10_000);
