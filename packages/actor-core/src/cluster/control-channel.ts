/**
 * The main thread's end of the control channel to the pool workers (postMessage; rare traffic,
 * so not on the rings): numbered requests (spawn, metrics, shutdown) and their replies, the
 * notices it sends (worker-died, acknowledged; worker-up), and the spawn requests workers send
 * it, which it hands to a SpawnRequestHandler.
 *
 * Thread contract: the main thread only; the workers' 'message' events arrive there too.
 */
import type { Worker } from 'node:worker_threads';
import type { WorkerPool } from '@zactor/scheduler-numa';
import { ActorError } from '../errors.js';
import type { SpawnRequest, SpawnResult } from './cluster-handle.js';
import type { ControlReply, ControlRequest } from './cluster-protocol.js';
import type { NodeNotice, NodeNoticeMessage } from './node-notices.js';
import { PendingRequests } from './pending-requests.js';

/** A worker asked the main thread to spawn; `respond` posts the result back to that worker. */
export type SpawnRequestHandler = (
  request: SpawnRequest,
  respond: (result: SpawnResult) => void,
) => void;

export class ControlChannel {
  private readonly pool: WorkerPool;
  private readonly workerCount: number;
  private readonly defaultTimeoutMs: number;
  private readonly onSpawnRequest: SpawnRequestHandler;
  private readonly onNotice: (notice: NodeNotice) => void;
  private readonly pending = new PendingRequests<ControlReply>();
  /** The Worker objects whose messages are handled already (a restart brings a new one). */
  private readonly listening = new WeakSet<Worker>();

  constructor(
    pool: WorkerPool,
    workerCount: number,
    /** The timeout of a request that names none. */
    defaultTimeoutMs: number,
    onSpawnRequest: SpawnRequestHandler,
    /** What a worker told without being asked (node-notices.ts). */
    onNotice: (notice: NodeNotice) => void,
  ) {
    this.onNotice = onNotice;
    this.pool = pool;
    this.workerCount = workerCount;
    this.defaultTimeoutMs = defaultTimeoutMs;
    this.onSpawnRequest = onSpawnRequest;
  }

  /** Handles the messages of worker `worker`'s current Worker (once per Worker object). */
  listen(worker: number): void {
    const w = this.pool.worker(worker);
    if (w === undefined || this.listening.has(w)) return;
    this.listening.add(w);
    w.on('message', (message: ControlReply | NodeNoticeMessage) => {
      if (message === null || typeof message !== 'object' || !('zactor' in message)) return;
      if (message.zactor === 'spawn-request') {
        this.onSpawnRequest(message, (result) => w.postMessage(result));
        return;
      }
      if (message.zactor === 'notice') {
        this.onNotice(message.notice);
        return;
      }
      this.pending.answer(message.req, message);
    });
  }

  /**
   * Sends worker `worker` the request `make` builds around its number; resolves with the reply.
   * Rejects with ActorError `WORKER_DEAD` (no worker, or it died first) or `SPAWN_TIMEOUT`.
   */
  request(
    worker: number,
    make: (req: number) => ControlRequest,
    timeoutMs = this.defaultTimeoutMs,
  ): Promise<ControlReply> {
    const w = this.pool.worker(worker);
    if (w === undefined) {
      return Promise.reject(
        new ActorError('ActorCluster', 'WORKER_DEAD', `worker ${worker} is not running`),
      );
    }
    return this.pending.start(
      worker,
      timeoutMs,
      () =>
        new ActorError(
          'ActorCluster',
          'SPAWN_TIMEOUT',
          `worker ${worker} did not answer in ${timeoutMs} ms`,
        ),
      (req) => w.postMessage(make(req)),
    );
  }

  /** Sends the request to every live worker; the replies that came (failures are left out). */
  async requestAlive(
    make: (req: number) => ControlRequest,
    timeoutMs?: number,
  ): Promise<ControlReply[]> {
    return (await this.requestEach(make, timeoutMs, -1)).replies;
  }

  /**
   * Sends the request to every live worker but `except` (of `only`, when given); resolves once
   * each has answered or failed, with the replies and the workers that did not answer within
   * `timeoutMs` (a worker that died meanwhile is not among them).
   */
  async requestEach(
    make: (req: number) => ControlRequest,
    timeoutMs: number | undefined,
    except: number,
    only?: readonly number[],
  ): Promise<{ readonly replies: ControlReply[]; readonly silent: number[] }> {
    const replies: ControlReply[] = [];
    const silent: number[] = [];
    const asks: Promise<void>[] = [];
    for (let i = 0; i < this.workerCount; i++) {
      if (i === except || !this.pool.isAlive(i)) continue;
      if (only !== undefined && !only.includes(i)) continue;
      asks.push(
        this.request(i, make, timeoutMs).then(
          (reply) => {
            replies.push(reply);
          },
          (error: unknown) => {
            if (error instanceof ActorError && error.code === 'SPAWN_TIMEOUT') silent.push(i);
          },
        ),
      );
    }
    await Promise.all(asks);
    return { replies, silent };
  }

  /**
   * Tells every other worker (those of `only`, when given) that worker `worker` is dead, and
   * resolves once each running one has acknowledged it (so none publishes to that worker's ring
   * any more) or `timeoutMs` passed, with those that did not acknowledge in time; a worker still
   * starting gets the notice without waiting for it.
   */
  async noticeDeath(
    worker: number,
    timeoutMs: number,
    only?: readonly number[],
  ): Promise<number[]> {
    for (let i = 0; i < this.workerCount; i++) {
      if (i !== worker && !this.pool.isAlive(i) && (only === undefined || only.includes(i))) {
        this.pool
          .worker(i)
          ?.postMessage({ zactor: 'worker-died', worker } satisfies ControlRequest);
      }
    }
    const make = (req: number): ControlRequest => ({ zactor: 'worker-died', worker, req });
    return (await this.requestEach(make, timeoutMs, worker, only)).silent;
  }

  /** Posts `message` to every worker but `except`. */
  broadcast(message: ControlRequest, except: number): void {
    for (let i = 0; i < this.workerCount; i++) {
      if (i !== except) this.pool.worker(i)?.postMessage(message);
    }
  }

  /** Worker `worker` died: its open requests reject with `WORKER_DEAD`. */
  failWorker(worker: number): void {
    this.pending.failPeer(
      worker,
      () => new ActorError('ActorCluster', 'WORKER_DEAD', `worker ${worker} died before answering`),
    );
  }

  /** The cluster shut down: every open request rejects with `NOT_RUNNING`. */
  close(): void {
    this.pending.failAll(
      () => new ActorError('ActorCluster', 'NOT_RUNNING', 'the cluster shut down'),
    );
  }
}
