import { parentPort, workerData } from 'node:worker_threads';
import { HEAD, offer } from '../support/shared-int-ring.js';

// Offers 0..count-1 in order; while the ring is full it sleeps briefly on the head word.
const { sab, count } = workerData as { sab: SharedArrayBuffer; count: number };
const header = new Int32Array(sab, 0, 64);
let fullSpins = 0;
for (let value = 0; value < count; value++) {
  while (!offer(sab, value)) {
    fullSpins++;
    Atomics.wait(header, HEAD, Atomics.load(header, HEAD), 1);
  }
}
parentPort?.postMessage({ sent: count, fullSpins });
