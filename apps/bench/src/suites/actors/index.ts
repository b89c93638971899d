import type { Suite } from '../../harness/scenario.js';
import { askScenario } from './ask.js';
import {
  clusterFanInScenario,
  clusterFanOutScenario,
  clusterLocalPairsScenario,
} from './cluster.js';
import { clusterBulkScenario } from './cluster-bulk.js';
import { clusterRoundTripWithErlang, clusterSplitPairsWithErlang } from './cluster-erlang.js';
import { fanOutScenario } from './fan-out.js';
import { machineCoresScenario } from './machine-cores.js';
import { pingPongScenario, pingPongThroughputScenario } from './ping-pong.js';
import { spawnScenario } from './spawn.js';

export const actorsSuite: Suite = {
  name: 'actors',
  description:
    'ZActor against nact and xstate on one event loop: Proto.Actor ping-pong (pairs x in-flight), spawn, ask, fan-out/fan-in; then ZActor across 2 workers (ActorCluster), against Erlang/OTP on 2 schedulers where they share a shape',
  scenarios: [
    // Base sizes of about 20k messages; the run loop scales them to the target run time.
    pingPongScenario(32, 100, { tiny: 100, quick: 300, full: 300 }),
    pingPongScenario(1, 1, { tiny: 200, quick: 10_000, full: 10_000 }),
    pingPongScenario(1, 100, { tiny: 200, quick: 10_000, full: 10_000 }),
    pingPongScenario(256, 10, { tiny: 10, quick: 40, full: 40 }),
    pingPongThroughputScenario({ tiny: 100, quick: 300, full: 300 }),
    spawnScenario,
    askScenario,
    fanOutScenario,
    machineCoresScenario,
    clusterLocalPairsScenario,
    // With Erlang/OTP as a peer (skipped, with the reason, when erl is not installed).
    clusterSplitPairsWithErlang,
    clusterRoundTripWithErlang,
    clusterFanOutScenario,
    clusterFanInScenario,
    clusterBulkScenario,
  ],
};
