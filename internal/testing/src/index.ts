export {
  NATS_INSTALL_HINT,
  type NatsServerHandle,
  type NatsServerOptions,
  natsRequired,
  natsServerBinary,
  startNatsServer,
} from './nats-server.js';
export { type NodeChildResult, runNodeChild, tsxCli } from './node-child.js';
export { seededRandom, stressMode, testSeed } from './seeded-random.js';
export { runTsWorker, startTsWorker, tsWorkerExecArgv } from './ts-worker.js';
