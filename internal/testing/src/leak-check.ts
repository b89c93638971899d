/**
 * A vitest setup file (vitest.config.ts `setupFiles`): fails a test file that leaves a worker
 * thread or a child process running when its tests are done. The suite runs with
 * `isolate: false`, so a fork runs file after file in one process: what one file forgot would
 * spin, hold memory or a port under the files after it (and a cluster left running may hide a
 * shutdown bug). Both are waited for in one hook (vitest runs no `afterAll` after one that
 * throws), at the same time, so a file that leaks both gets both stopped and named.
 */
import { afterAll } from 'vitest';
import { childProcessWatch } from './child-process-tracker.js';
import { awaitNoLeaks, EXIT_GRACE_MS } from './leak-wait.js';
import { workerWatch } from './worker-tracker.js';

// Installed now, before the file's tests start anything.
const workers = workerWatch();
const children = childProcessWatch();

afterAll(async () => {
  const outcomes = await Promise.allSettled([awaitNoLeaks(workers), awaitNoLeaks(children)]);
  const errors = outcomes.flatMap((o) =>
    o.status === 'rejected'
      ? [o.reason instanceof Error ? o.reason.message : String(o.reason)]
      : [],
  );
  if (errors.length > 0) throw new Error(errors.join('\n'));
}, EXIT_GRACE_MS + 10_000);
