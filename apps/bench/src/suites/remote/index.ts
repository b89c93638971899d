import type { Suite } from '../../harness/scenario.js';
import { rawPublishBatchedScenario, rawPublishSmallScenario } from './raw-nats.js';
import { remoteRoundTripScenario } from './round-trip.js';
import { remoteSplitPairsScenario } from './split-pairs.js';

export const remoteSuite: Suite = {
  name: 'remote',
  description:
    '@zactor/remote between two Node processes through one nats-server (started by the suite): split ping-pong pairs and a one-pair round trip, beside raw NATS request-reply and publish/subscribe with the same client, and Erlang/OTP distribution between two erl nodes',
  scenarios: [
    remoteSplitPairsScenario,
    remoteRoundTripScenario,
    rawPublishSmallScenario,
    rawPublishBatchedScenario,
  ],
};
