/**
 * What a dead worker left half done in a balancing pool's queue, finished by the main thread
 * (ringbuffer's MpmcOrphans): a cell it claimed and never published (a worker terminated while
 * its routee or sender wrote a message into the queue) is published as a `POOL_SKIP` record,
 * which routees release and ignore, so the messages behind it flow again; a cell it acquired and
 * never released (terminated between taking a record and handing it to its routee) gives its
 * message to dead letters (`worker-dead`: it never reached the routee) and is released, so
 * producers get the cell back. Without this either one stopped the pool for good.
 *
 * While another thread's claim or acquire may hold the same position (the dead worker lost that
 * CAS to it), the settling is retried every millisecond; that thread is between its CAS and its
 * publish (a word copy) or its release (a decode), and moves on at once.
 *
 * Thread contract: the main thread, when it learns of the death (before the worker's
 * replacement starts: the dead worker's positions are read first).
 */
import { type MpmcClaimLog, MpmcOrphans, type MpmcQueue } from '@zactor/ringbuffer';
import type { ClusterCodec } from '../wire/cluster-codec.js';
import { ENV_U32_HEAD } from '../wire/envelope-layout.js';
import { POOL_SKIP, type PoolQueueWords, readPoolRecord } from './pool-record.js';

const RETRY_MS = 1;

export interface PoolOrphanParts {
  /** The main thread's views of the pool's queue. */
  readonly words: PoolQueueWords;
  readonly claims: MpmcClaimLog;
  readonly codec: ClusterCodec;
  /** Dead-letters a message taken from the dead worker's unreleased cell. */
  readonly deadLetter: (message: unknown, senderId: number) => void;
}

/**
 * Worker `worker` (its slot in the claim log) died: reads what it may have left in the pool's
 * queue now, and settles it now or on a timer. The promise resolves, once settled, with how
 * many cells were published as skips (the hosting workers may have parked in front of them).
 * The message of an unreleased cell is dead-lettered after the cell is released (no user code,
 * a dead-letter listener, runs while the cell is held).
 */
export function settlePoolOrphans(parts: PoolOrphanParts, worker: number): Promise<number> {
  const queue: MpmcQueue = parts.words.queue;
  const orphans = MpmcOrphans.of(queue, parts.claims, worker);
  const read = { message: undefined as unknown, senderId: -1 };
  const letters: [unknown, number][] = [];
  const skip = (_view: DataView, at: number): void => {
    parts.words.u32[(at >>> 2) + ENV_U32_HEAD] = POOL_SKIP;
  };
  const take = (_view: DataView, at: number): void => {
    if (readPoolRecord(parts.words, parts.codec, at, read) !== 'message') return;
    letters.push([read.message, read.senderId]);
    read.message = undefined;
  };
  return new Promise((resolve) => {
    const attempt = (): void => {
      const outcome = orphans.settle(skip, take);
      for (const [message, senderId] of letters.splice(0)) {
        try {
          parts.deadLetter(message, senderId);
        } catch {
          // A throwing dead-letter listener must not stop the settling.
        }
      }
      if (outcome === 'settled') resolve(orphans.skipped);
      else setTimeout(attempt, RETRY_MS);
    };
    attempt();
  });
}
