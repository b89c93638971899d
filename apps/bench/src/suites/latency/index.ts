import type { Suite } from '../../harness/scenario.js';
import { crossThreadRoundTrip } from './cross-thread-latency.js';
import { sameWorkerTell } from './same-worker-latency.js';

export const latencySuite: Suite = {
  name: 'latency',
  description:
    'latency percentiles the Disruptor way: 1 us pacing, HDR histogram, P50/P95/P99/P99.9/max corrected for coordinated omission',
  scenarios: [crossThreadRoundTrip, sameWorkerTell],
};
