/**
 * The cluster module of the remote suite's ActorCluster nodes (`ZActor RemoteNode of
 * ActorClusters`): the same kinds and schemas as the single-thread nodes
 * (suites/remote/remote-actors.ts), loaded by every thread of both processes.
 */
import { defineCluster } from '@zactor/actor-core';
import { REMOTE_ACTORS, REMOTE_MESSAGES } from '../suites/remote/remote-actors.js';

export default defineCluster({ actors: REMOTE_ACTORS, messages: REMOTE_MESSAGES });
