export { seededRandom, stressMode, testSeed } from './seeded-random.js';
export { runTsWorker, startTsWorker, tsWorkerExecArgv } from './ts-worker.js';
