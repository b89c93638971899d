import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection on demand, without asking the user to start Node with
 * `--expose-gc`: the flag is set at run time and the `gc` function taken from a fresh context
 * (the flag only affects contexts created after it is set).
 */
let gcFunction: (() => void) | undefined;

export function collectGarbage(): void {
  if (gcFunction === undefined) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
}

/** Heap in use after a full collection, in bytes. */
export function settledHeapBytes(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}
