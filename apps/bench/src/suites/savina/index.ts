import type { Params, Suite } from '../../harness/scenario.js';
import { big } from './big.js';
import { chameneos } from './chameneos.js';
import { counting } from './counting.js';
import { forkJoinCreation } from './fork-join-creation.js';
import { forkJoinThroughput } from './fork-join-throughput.js';
import { pingPong } from './ping-pong.js';
import type { SavinaBenchmark } from './savina-benchmark.js';
import { savinaScenario } from './savina-scenario.js';
import { skynet } from './skynet.js';
import { threadRing } from './thread-ring.js';

/** The Savina benchmarks in the suite's order, Skynet last (it is not Savina's). */
export const SAVINA_BENCHMARKS: readonly SavinaBenchmark<Params>[] = [
  pingPong,
  counting,
  forkJoinThroughput,
  forkJoinCreation,
  threadRing,
  chameneos,
  big,
  skynet,
];

export const savinaSuite: Suite = {
  name: 'savina',
  description:
    "Savina's seven micro-benchmarks (PingPong, Counting, Fork-join throughput and creation, Thread ring, Chameneos, Big) and Skynet: ZActor on one event loop against nact, xstate and Erlang/OTP on 1 and 2 schedulers; --full runs Savina's default parameters",
  scenarios: SAVINA_BENCHMARKS.map((b) => savinaScenario(b)),
};
