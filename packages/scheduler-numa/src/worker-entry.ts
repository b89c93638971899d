/**
 * The module every pool worker starts from: pins the thread, imports the user's worker module,
 * runs it through WorkerRuntime and answers the pool's messages. Not part of the public API;
 * the pool starts it by URL.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type AffinityResult, currentCpu, pinCurrentThread } from './affinity.js';
import { SchedulerError } from './errors.js';
import type { WorkerDefinition } from './worker-definition.js';
import type { PoolMessage, WorkerBootData, WorkerMessage } from './worker-protocol.js';
import { WorkerRuntime } from './worker-runtime.js';

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) {
    throw new SchedulerError('worker-entry', 'NOT_A_WORKER', 'must run in a worker thread');
  }
  const boot = workerData as WorkerBootData;
  // Pin before anything else runs, so even the module's import happens on the right cpu.
  let pinned: AffinityResult = { ok: false, reason: 'pinning is off' };
  if (boot.pin && boot.cpu >= 0) pinned = pinCurrentThread([boot.cpu]);
  const module = (await import(boot.moduleUrl)) as { default?: WorkerDefinition };
  if (module.default === undefined || typeof module.default !== 'object') {
    throw new SchedulerError(
      'worker-entry',
      'INVALID_WORKER_MODULE',
      `${boot.moduleUrl} has no default export made with defineWorker(...)`,
    );
  }
  const runtime = new WorkerRuntime(boot, module.default, pinned, (message) =>
    port.postMessage(message),
  );
  await runtime.start();
  // Listening only now is safe: the port queues messages until a listener is attached.
  port.on('message', (message: PoolMessage) => {
    if (message.type !== 'stop') return;
    runtime.stop().then(() => {
      port.postMessage({ type: 'stopped' } satisfies WorkerMessage);
      // With the port closed the event loop empties and the thread exits with code 0.
      port.close();
    });
  });
  port.postMessage({ type: 'ready', pinned, cpu: currentCpu() } satisfies WorkerMessage);
}

main().catch((error: unknown) => {
  // Rethrown outside the promise chain, so it surfaces as the Worker's 'error' event.
  setImmediate(() => {
    throw error;
  });
});
