import { parentPort, workerData } from 'node:worker_threads';
import { BumpArena, NO_BLOCK } from '@zactor/mempool';
import { seededRandom } from '@zactor/testing';
import { waitForAll } from './start-line.js';

export interface ArenaJob {
  readonly buffer: SharedArrayBuffer;
  readonly startLine: SharedArrayBuffer;
  readonly parties: number;
  readonly id: number;
  readonly seed: number;
}

export interface ArenaResult {
  readonly ranges: number;
  readonly bytes: number;
  readonly misaligned: number;
  readonly overwritten: number;
}

const job = workerData as ArenaJob;
const arena = BumpArena.attach(job.buffer);
const memory = new Uint8Array(job.buffer);
const random = seededRandom(job.seed);
const starts: number[] = [];
const lengths: number[] = [];
let bytes = 0;
let misaligned = 0;
let misses = 0;

const startLine = new Int32Array(job.startLine);
waitForAll(startLine, 0, job.parties);
// Bump until a few requests in a row do not fit, filling each range with this worker's id.
while (misses < 8) {
  const length = 1 + Math.floor(random() * 64);
  const align = 2 ** Math.floor(random() * 7);
  const offset = arena.alloc(length, align);
  if (offset === NO_BLOCK) {
    misses++;
    continue;
  }
  if (offset % align !== 0) misaligned++;
  memory.fill(job.id, offset, offset + length);
  starts.push(offset);
  lengths.push(length);
  bytes += length;
}
// Check only after every worker has finished writing: an overlap shows as a foreign id.
waitForAll(startLine, 1, job.parties);
let overwritten = 0;
for (let r = 0; r < starts.length; r++) {
  const start = starts[r]!;
  for (let i = start; i < start + lengths[r]!; i++) {
    if (memory[i] !== job.id) {
      overwritten++;
      break;
    }
  }
}
parentPort?.postMessage({
  ranges: starts.length,
  bytes,
  misaligned,
  overwritten,
} satisfies ArenaResult);
