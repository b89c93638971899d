/**
 * How a corrupt inbound ring reaches the pool's `ring-corrupt` event. A corrupt ring drains
 * nothing and reads as empty, so its worker would idle in front of it silently: the worker
 * checks when it is about to park and posts one `ring-corrupt` message, and the pool turns that
 * message into the event with a SchedulerError `RING_CORRUPT`.
 */
import { SchedulerError } from './errors.js';
import type { InboundRing } from './inbound-ring.js';
import type { RingCorruptEvent } from './worker-pool-options.js';
import type { WorkerMessage } from './worker-protocol.js';

/** The worker's side: reports its inbox's corruption once. */
export class RingCorruptWatch {
  private readonly ring: InboundRing | undefined;
  private readonly report: (message: WorkerMessage) => void;
  private reported = false;

  /** `ring`: the worker's inbox (undefined: nothing to watch); `report` posts to the pool. */
  constructor(ring: InboundRing | undefined, report: (message: WorkerMessage) => void) {
    this.ring = ring;
    this.report = report;
  }

  /**
   * The worker only (the ring's consumer, which alone sees what its drains found), when it is
   * about to park. Posts the first corruption found, once; a no-op otherwise.
   */
  check(): void {
    if (this.reported || this.ring === undefined) return;
    const error = this.ring.corruption();
    if (error === undefined) return;
    this.reported = true;
    this.report({ type: 'ring-corrupt', message: error.message });
  }
}

/** The pool thread's side: the event for a `ring-corrupt` message of worker `workerIndex`. */
export function ringCorruptEvent(
  workerIndex: number,
  generation: number,
  message: string,
): RingCorruptEvent {
  return {
    workerIndex,
    generation,
    error: new SchedulerError(
      'WorkerPool',
      'RING_CORRUPT',
      `worker ${workerIndex}'s inbound ring is corrupt and drains nothing more: ${message}`,
    ),
  };
}
