/**
 * Worker: a fixed integer loop on one pinned cpu, the machine's own figure beside the
 * two-worker actor rows (see suites/actors/machine-cores.ts). The loop is a linear congruential
 * generator: no memory traffic, no allocation, nothing shared, so two of them at once run as
 * fast as one alone unless the host takes time from a core.
 */
import { pinCurrentThread } from '@zactor/scheduler-numa';
import { serveRequests } from '../harness/worker-host.js';

export interface CoreLoopRequest {
  readonly cpu: number;
  readonly iterations: number;
}

export interface CoreLoopReply {
  /** Seconds the loop took. */
  readonly seconds: number;
  /** The generator's last value, returned so the loop cannot be optimised away. */
  readonly state: number;
}

let pinnedTo = -1;

serveRequests<CoreLoopRequest>((req): CoreLoopReply => {
  if (pinnedTo !== req.cpu) {
    const pinned = pinCurrentThread([req.cpu]);
    if (!pinned.ok) throw new Error(`core-loop: cannot pin to cpu ${req.cpu}: ${pinned.reason}`);
    pinnedTo = req.cpu;
  }
  let x = req.cpu + 1;
  const start = performance.now();
  for (let i = 0; i < req.iterations; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
  return { seconds: (performance.now() - start) / 1000, state: x };
});
