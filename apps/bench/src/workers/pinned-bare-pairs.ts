/**
 * Worker: the ping-pong pattern on bare actors (baselines/bare-pairs.ts, the limit row of the
 * ping-pong scenarios) on one pinned cpu: what the machine gives that cpu for actor-like work
 * at the time of the run (see suites/actors/machine-cores.ts). The runs of one request start
 * together (a barrier on the run's control block).
 *
 * Thread contract: one request at a time; the worker pins itself to the request's cpu first.
 */
import { type BarePairsResult, runBarePairs } from '../baselines/bare-pairs.js';
import { pinThisThread } from '../harness/cluster-cpus.js';
import { arriveAndWait } from '../harness/run-control.js';
import { serveRequests } from '../harness/worker-host.js';

export interface PinnedBarePairsRequest {
  readonly cpu: number;
  readonly pairs: number;
  readonly inFlight: number;
  readonly perPair: number;
  /** Messages per actor turn (the limit row's 300). */
  readonly turnMessages: number;
  /** Run control block: every worker of the run waits at its barrier, then starts. */
  readonly control: SharedArrayBuffer;
  /** How many workers the run starts together. */
  readonly parties: number;
}

serveRequests<PinnedBarePairsRequest>((req): Promise<BarePairsResult> => {
  pinThisThread(req.cpu, 'pinned-bare-pairs');
  arriveAndWait(new Int32Array(req.control), req.parties);
  return runBarePairs(req, req.turnMessages);
});
