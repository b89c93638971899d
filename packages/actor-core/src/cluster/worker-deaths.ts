/**
 * What the main thread does when a pool worker dies (a crash, `kill`, or a termination for
 * silence): count it, tell the main node (asks to its actors reject with `WORKER_DIED`, their
 * refs there become dead) and the other workers, reject the requests it will never answer, wait
 * until every other running worker counts it dead (so none publishes to its ring any more),
 * drain what its inbound ring still holds (dead letters; the large-message blocks it references
 * are freed) and report that, and unless the cluster is closing or the policy says otherwise,
 * start a new worker in its place and announce it. A worker not replaced has its inbox drained
 * again once the workers that were slow to acknowledge have (`drainLate`), and at shutdown
 * `sweepDead` reads the inboxes of the dead workers no one replaced once more.
 *
 * Thread contract: the main thread only (it handles the pool's `worker-died` events).
 */
import { MpscRing } from '@zactor/ringbuffer';
import type { WorkerPool } from '@zactor/scheduler-numa';
import type { LostInbox, WorkerDiedInfo } from './cluster-events.js';
import type { ControlRequest } from './cluster-protocol.js';
import type { ControlChannel } from './control-channel.js';
import type { UnresponsiveWorkers } from './liveness/unresponsive-workers.js';
import type { ClusterNode } from './node/cluster-node.js';

export interface WorkerDeathsParts {
  readonly pool: WorkerPool;
  /** The main thread's node. */
  readonly node: ClusterNode;
  readonly channel: ControlChannel;
  /** `ActorClusterOptions.restartWorkers`, resolved (for deaths the liveness watch did not cause). */
  readonly restartWorkers: boolean;
  /** The liveness watch's terminations (it reports those and decides their restart). */
  readonly unresponsive: UnresponsiveWorkers;
  /** How long the other workers have to acknowledge a death before its inbox is drained. */
  readonly noticeMs: number;
  /** Whether the cluster is shutting down (no restart then). */
  readonly isClosing: () => boolean;
  /** Reports the death (the cluster's `worker-died` event). */
  readonly report: (info: WorkerDiedInfo) => void;
  /**
   * Frees the large-message blocks the dead worker held unpublished or was decoding
   * (large/block-holds.ts); after its thread stopped, before a new one takes its place.
   */
  readonly reclaimBlocks: (worker: number) => number;
  /**
   * Called first, as soon as the death is known (before a replacement starts): the balancing
   * pools finish what the dead worker left half done in their queues.
   */
  readonly died?: (worker: number) => Promise<void>;
  /** A new worker runs in the dead one's place (its balancing-pool routees are spawned again). */
  readonly restarted?: (worker: number) => void;
}

/** The longest wait for a late acknowledgement, in `noticeMs` (see `drainLate`). */
const LATE_NOTICE_MAX = 64;

const NOTHING_LOST: LostInbox = Object.freeze({
  records: 0,
  messages: 0,
  largeMessages: 0,
  systemMessages: 0,
});

export class WorkerDeaths {
  private readonly parts: WorkerDeathsParts;
  private deaths = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(parts: WorkerDeathsParts) {
    this.parts = parts;
  }

  /** Workers that died since the cluster started. */
  get count(): number {
    return this.deaths;
  }

  /** Resolves once every death reported so far has been dealt with (restart included). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /**
   * Shutdown, once no node sends any more: drains again the inbox of every worker that died
   * and was not replaced. A worker that had not acknowledged a death in time may have published
   * into the dead one's ring after its first drain; with no new worker to read it, that would be
   * lost uncounted. Returns the user messages found (dead letters `worker-dead`).
   */
  sweepDead(): number {
    const { pool, node } = this.parts;
    let found = 0;
    for (let worker = 0; worker < pool.workerCount; worker++) {
      if (pool.metrics(worker).state !== 'dead') continue;
      const inbox = pool.inbound(worker);
      if (inbox !== undefined) {
        found += node.losses.drainDeadInbox(MpscRing.attach(inbox.buffer)).messages;
      }
    }
    return found;
  }

  /** Worker `worker` died with exit `code` (and `error`, when it threw). */
  died(worker: number, code: number, error: Error | undefined): void {
    // First (synchronously: the pools read the dead worker's claims before anything restarts it),
    // and awaited with the rest (`settled`).
    const settling = this.parts.died?.(worker);
    // Settled, not all: neither may end `settled()` early or go unhandled when the other fails;
    // a failure is reported on stderr.
    const handled = Promise.allSettled([this.handle(worker, code, error), settling]).then(
      (results) => {
        for (const result of results) {
          if (result.status === 'rejected')
            reportFailure(worker, 'handling its death', result.reason);
        }
      },
    );
    this.inFlight.add(handled);
    void handled.finally(() => this.inFlight.delete(handled));
  }

  /** Dead-letters what dead worker `worker`'s inbox holds (no thread reads it now), and counts it. */
  private drainInbox(worker: number): LostInbox {
    const inbox = this.parts.pool.inbound(worker);
    return inbox === undefined
      ? NOTHING_LOST
      : this.parts.node.losses.drainDeadInbox(MpscRing.attach(inbox.buffer));
  }

  /**
   * Dead worker `worker` is not replaced, and the workers in `silent` had not acknowledged its
   * death when its inbox was drained: they may have published into it since. They are asked
   * again until each has acknowledged or died, with a wait that doubles from `noticeMs` up to
   * `LATE_NOTICE_MAX` times it (a worker stuck in a long receive gets a few requests, not one per
   * `noticeMs`); then the inbox is drained once more, so what they sent becomes `worker-dead`
   * dead letters now rather than at shutdown (counted as dead letters, not in the event's
   * `lost`, which was reported already). Ends when the cluster closes: `sweepDead` reads the
   * inbox then, and a worker still silent at shutdown is terminated, which ends its request.
   */
  private async drainLate(worker: number, silent: number[]): Promise<void> {
    const { channel, noticeMs, isClosing } = this.parts;
    let waiting = silent;
    let waitMs = noticeMs;
    while (waiting.length !== 0) {
      if (isClosing()) return;
      waitMs = Math.min(waitMs * 2, noticeMs * LATE_NOTICE_MAX);
      waiting = await channel.noticeDeath(worker, waitMs, waiting);
    }
    if (!isClosing()) this.drainInbox(worker);
  }

  private async handle(worker: number, code: number, error: Error | undefined): Promise<void> {
    const { pool, node, channel } = this.parts;
    this.deaths++;
    // Node ids of this process start at `node.base` (0 unless it is joined to others).
    node.workerDied(node.base + worker);
    channel.failWorker(worker);
    const silent = await channel.noticeDeath(worker, this.parts.noticeMs);
    // No thread consumes the ring now (the old one exited, the new one is not started): the
    // main thread may. A worker that did not acknowledge in time may still publish into it; a
    // restarted worker drains that; without a restart, `drainLate` does once they all have.
    const lost = this.drainInbox(worker);
    this.parts.reclaimBlocks(worker);
    const policy = this.parts.unresponsive.settle(worker, lost);
    const restart = !this.parts.isClosing() && (policy ?? this.parts.restartWorkers);
    this.parts.report({ worker, code, error, restarted: restart, lost });
    if (!restart) {
      if (silent.length !== 0) await this.drainLate(worker, silent);
      return;
    }
    try {
      await pool.restart(worker);
    } catch (failure) {
      reportFailure(worker, 'its restart', failure);
      return;
    }
    channel.listen(worker);
    node.workerRestarted(node.base + worker);
    channel.broadcast({ zactor: 'worker-up', worker }, worker);
    this.parts.restarted?.(worker);
    // The new worker's node starts with every node alive: tell it of those that are not.
    for (let other = 0; other < pool.workerCount; other++) {
      if (other !== worker && pool.metrics(other).state === 'dead') {
        const notice: ControlRequest = { zactor: 'worker-died', worker: other };
        pool.worker(worker)?.postMessage(notice);
      }
    }
  }
}

/** A failure in the main thread's handling of a worker's death, which has nobody to throw to. */
function reportFailure(worker: number, what: string, failure: unknown): void {
  console.error(`@zactor/actor-core/ActorCluster: worker ${worker} died; ${what} failed:`, failure);
}
