import { parentPort } from 'node:worker_threads';

/** What a benchmark worker answers to each request (and once, with no value, when ready). */
export type WorkerReply = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * The worker side of `WorkerSession`: answers each request with `handle`'s result, reports a
 * thrown error as a failed reply (with its stack), and says "ready" once listening.
 */
export function serveRequests<Req>(handle: (request: Req) => unknown): void {
  const port = parentPort;
  if (port === null) throw new Error('zactor-bench/worker-host: not running in a worker');
  port.on('message', (request: Req) => {
    Promise.resolve()
      .then(() => handle(request))
      .then(
        (value) => port.postMessage({ ok: true, value } satisfies WorkerReply),
        (error: unknown) =>
          port.postMessage({
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          } satisfies WorkerReply),
      );
  });
  port.postMessage({ ok: true, value: 'ready' } satisfies WorkerReply);
}
