/**
 * What the main thread does with a worker the LivenessMonitor found silent, per the user's
 * UnresponsivePolicy. `report-only`: the `worker-unresponsive` event and nothing else. The
 * terminating policies (and every silent worker once the cluster is shutting down) terminate
 * its thread; the rest is the death path of any worker (worker-deaths.ts: every node counts it
 * dead, asks to its actors reject with `WORKER_DIED`, watchers get Terminated, its ring is
 * drained), which calls `settle`: for a death this caused, that reports the event with what
 * was lost, before `worker-died`.
 *
 * Thread contract: the main thread only.
 */
import { ActorError } from '../../errors.js';
import type { WorkerUnresponsiveInfo } from '../cluster-events.js';
import type { ActorClusterOptions, UnresponsivePolicy } from '../cluster-options.js';
import type { LostInbox } from '../node/staged-dead-letters.js';

/** Role: the threads of the pool workers (the WorkerPool satisfies it). */
export interface WorkerThreads {
  /** The thread running worker `worker`, if any. */
  worker(worker: number): { terminate(): Promise<number> } | undefined;
}

export interface UnresponsiveParts {
  readonly threads: WorkerThreads;
  readonly policy: UnresponsivePolicy;
  /** Whether the cluster is shutting down (a silent worker is terminated then, and not restarted). */
  readonly isClosing: () => boolean;
  /** The cluster's `worker-unresponsive` event. */
  readonly report: (info: WorkerUnresponsiveInfo) => void;
}

const POLICIES: readonly UnresponsivePolicy[] = [
  'terminate-and-restart',
  'terminate',
  'report-only',
];

/**
 * `unresponsivePolicy`, resolved (by default it follows `restartWorkers`) and checked:
 * ActorError `INVALID_OPTION` before any worker starts.
 */
export function unresponsivePolicyOf(options: ActorClusterOptions): UnresponsivePolicy {
  const policy =
    options.unresponsivePolicy ??
    (options.restartWorkers === false ? 'terminate' : 'terminate-and-restart');
  if (!POLICIES.includes(policy)) {
    throw new ActorError(
      'ActorCluster.start',
      'INVALID_OPTION',
      `unresponsivePolicy (${String(policy)}) must be one of ${POLICIES.map((p) => `'${p}'`).join(', ')}`,
    );
  }
  return policy;
}

/** A termination for silence, until its death is settled. */
interface Termination {
  readonly silentMs: number;
  readonly action: 'terminate' | 'terminate-and-restart';
}

export class UnresponsiveWorkers {
  private readonly parts: UnresponsiveParts;
  private readonly terminating = new Map<number, Termination>();

  constructor(parts: UnresponsiveParts) {
    this.parts = parts;
  }

  /** Worker `worker`'s loop has not turned for `silentMs` (the monitor's verdict). */
  silent(worker: number, silentMs: number): void {
    const { threads, policy } = this.parts;
    const action = this.parts.isClosing() ? 'terminate' : policy;
    if (action === 'report-only') {
      this.parts.report({ worker, silentMs, action, lost: undefined });
      return;
    }
    const thread = threads.worker(worker);
    if (thread === undefined || this.terminating.has(worker)) return;
    this.terminating.set(worker, { silentMs, action });
    // Its exit reaches the death path (worker-deaths.ts) through the pool's `worker-died` event:
    // every node marks it dead there (asks fail, watchers hear), as for any death.
    void thread.terminate();
  }

  /**
   * The death path, for every death of worker `worker` once its inbox is drained: when this
   * terminated it, reports the event with `lost` and returns whether to restart it per the
   * policy; otherwise (a crash, or `kill`) returns undefined.
   */
  settle(worker: number, lost: LostInbox): boolean | undefined {
    const termination = this.terminating.get(worker);
    if (termination === undefined) return undefined;
    this.terminating.delete(worker);
    const { silentMs, action } = termination;
    this.parts.report({ worker, silentMs, action, lost });
    return action === 'terminate-and-restart';
  }
}
