/**
 * Requests sent by postMessage whose answers come back, matched by a request number: each ends
 * exactly once, by its answer, its timeout, or a rejection of the requests of one peer (a
 * worker that died) or of all (shutdown). ActorCluster uses it for main -> worker requests
 * (spawn, metrics, shutdown), a worker's cluster handle for worker -> main spawn requests.
 *
 * Thread contract: owned by one thread.
 */
interface OpenRequest<T> {
  /** Who was asked (a worker index, or -1 for the main thread). */
  readonly peer: number;
  readonly resolve: (answer: T) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class PendingRequests<T> {
  private nextReq = 1;
  private readonly open = new Map<number, OpenRequest<T>>();

  /**
   * Numbers a request, hands the number to `send`, and resolves with the answer given to
   * `answer`, or rejects with `timeout()` after `timeoutMs`.
   */
  start(
    peer: number,
    timeoutMs: number,
    timeout: () => Error,
    send: (req: number) => void,
  ): Promise<T> {
    const req = this.nextReq++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.open.delete(req);
        reject(timeout());
      }, timeoutMs);
      this.open.set(req, { peer, resolve, reject, timer });
      send(req);
    });
  }

  /** The answer to request `req`; ignored when that request has ended already. */
  answer(req: number, answer: T): void {
    this.take(req)?.resolve(answer);
  }

  /** The answer to `req` is a failure. */
  fail(req: number, error: Error): void {
    this.take(req)?.reject(error);
  }

  /** Rejects every open request to `peer` with `error()`. */
  failPeer(peer: number, error: () => Error): void {
    for (const [req, open] of this.open) if (open.peer === peer) this.fail(req, error());
  }

  /** Rejects every open request with `error()`. */
  failAll(error: () => Error): void {
    for (const req of [...this.open.keys()]) this.fail(req, error());
  }

  private take(req: number): OpenRequest<T> | undefined {
    const open = this.open.get(req);
    if (open === undefined) return undefined;
    this.open.delete(req);
    clearTimeout(open.timer);
    return open;
  }
}
