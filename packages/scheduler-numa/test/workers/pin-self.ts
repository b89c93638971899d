import { parentPort, workerData } from 'node:worker_threads';
import { currentAffinity, currentCpu, pinCurrentThread } from '../../src/index.js';

// Pins this worker thread to one cpu, spins so the kernel has to honour the mask, and reports
// where it ran. Also tries a cpu that does not exist, which the kernel must refuse.
const { cpu } = workerData as { cpu: number };
const impossible = pinCurrentThread([1023]);
const result = pinCurrentThread([cpu]);
const seen = new Set<number>();
const until = Date.now() + 50;
while (Date.now() < until) seen.add(currentCpu());
parentPort?.postMessage({ result, impossible, seen: [...seen], mask: currentAffinity() });
