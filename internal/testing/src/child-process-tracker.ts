/**
 * Tracks the child processes a test file starts (a nats-server, an Erlang VM, a `node` child),
 * for the leak check (leak-check.ts). It wraps `node:child_process`' `spawn`, `fork`,
 * `execFile` and `exec` (each starts a process on its own, not through the exported `spawn`)
 * and `syncBuiltinESMExports` makes named imports see the wrappers; `execFile` and `exec` keep
 * their `util.promisify` form (resolving with `{ stdout, stderr }`), tracked through the
 * promise's `child`. `spawnSync` and the like cannot outlive their call.
 */
import childProcess, { type ChildProcess } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { promisify } from 'node:util';
import { currentTestFile, type LeakWatch, trackOnce } from './leak-wait.js';

const STARTERS = ['spawn', 'fork', 'execFile', 'exec'] as const;

function patch(live: Map<ChildProcess, string>): void {
  const track = (child: ChildProcess | undefined, args: unknown[]): void => {
    if (child === undefined || child === null) return;
    const what = args.filter((a) => typeof a === 'string' || Array.isArray(a)).flat();
    const line = `pid ${child.pid}: ${what.join(' ').slice(0, 200)} (started in ${currentTestFile()})`;
    live.set(child, line);
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
}

/** Whether `child` may still run: it started (has a pid) and has not been seen to exit. */
function running(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/** Starts tracking (once per process) and returns what the leak check waits for. */
export function childProcessWatch(): LeakWatch<ChildProcess> {
  const live = trackOnce('zactor.testing.liveChildProcesses', patch);
  return {
    live,
    isRunning: running,
    stop: (child) => child.kill('SIGKILL'),
    what: 'child process(es)',
    stopped: 'killed',
  };
}
