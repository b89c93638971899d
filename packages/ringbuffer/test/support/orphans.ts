/** Shared by the MpmcOrphans tests: a queue near the Int32 wrap with a claim log, and a skip. */
import { MpmcClaimLog, MpmcQueue } from '../../src/index.js';

/** Payload word 0 of a skip record (ids are >= 0). */
export const SKIP = -1;

/** The `skip` handler of `MpmcOrphans.settle`: marks the payload as a skip record. */
export const skip = (view: DataView, offset: number): void => view.setInt32(offset, SKIP, true);

/** A queue of 8-byte records starting just below 2^31, a claim log and every thread's slot. */
export function setup(capacity: number, threads: number) {
  const queue = MpmcQueue.create({ capacity, recordBytes: 8, startPosition: 2 ** 31 - 3 });
  const log = MpmcClaimLog.create(threads);
  const slots = Array.from({ length: threads }, (_, t) => log.slot(t));
  return { queue, log, slots };
}
