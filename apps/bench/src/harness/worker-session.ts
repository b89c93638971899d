import type { Transferable, Worker } from 'node:worker_threads';
import { BenchError } from '../errors.js';
import type { WorkerReply } from './worker-host.js';
import { launchWorker, type WorkerModuleName } from './worker-launcher.js';

/**
 * The main thread's handle on one long-lived benchmark worker: it is started once per
 * implementation (so start-up and compilation stay out of the measurements), then asked to do one
 * run per request. A worker that throws, exits or stops answering fails the pending request
 * instead of hanging the session.
 */
export class WorkerSession {
  readonly label: string;
  private readonly worker: Worker;
  private pending:
    | { resolve: (value: unknown) => void; reject: (error: Error) => void }
    | undefined;
  private failure: Error | undefined;

  private constructor(worker: Worker, label: string) {
    this.worker = worker;
    this.label = label;
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) =>
      this.fail(
        new BenchError('WorkerSession', 'WORKER_EXIT', `${label} exited with code ${code}`),
      ),
    );
  }

  /** Starts the worker module and waits until it is ready for requests. */
  static async start(
    name: WorkerModuleName,
    label: string,
    workerData?: unknown,
  ): Promise<WorkerSession> {
    const worker = await launchWorker(name, { workerData });
    const session = new WorkerSession(worker, label);
    await session.await<unknown>();
    return session;
  }

  private onReply(reply: WorkerReply): void {
    const p = this.pending;
    this.pending = undefined;
    if (p === undefined) return;
    if (reply.ok) p.resolve(reply.value);
    else
      p.reject(new BenchError('WorkerSession', 'WORKER_FAILED', `${this.label}: ${reply.error}`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const p = this.pending;
    this.pending = undefined;
    p?.reject(error);
  }

  private await<T>(): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      this.pending = { resolve: resolve as (value: unknown) => void, reject };
    });
  }

  /**
   * Sends one request (transferring `transfer`, e.g. MessagePorts) and resolves with the
   * worker's answer. One request at a time.
   */
  request<T>(message: unknown, transfer: readonly Transferable[] = []): Promise<T> {
    if (this.pending !== undefined) {
      return Promise.reject(
        new BenchError('WorkerSession.request', 'BUSY', `${this.label} already has a request`),
      );
    }
    const answer = this.await<T>();
    if (this.failure === undefined) this.worker.postMessage(message, [...transfer]);
    return answer;
  }

  /** Stops the worker (also mid-run: a spinning worker is interrupted). */
  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    this.failure ??= new BenchError('WorkerSession', 'CLOSED', `${this.label} is closed`);
    await this.worker.terminate();
  }
}
