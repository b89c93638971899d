import { parentPort, workerData } from 'node:worker_threads';
import { NO_BLOCK, SharedSlabPool, SizeClassAllocator } from '@zactor/mempool';
import { seededRandom } from '@zactor/testing';
import { waitForAll } from './start-line.js';

export interface ChurnJob {
  readonly kind: 'slab' | 'classes';
  readonly buffer: SharedArrayBuffer;
  readonly startLine: SharedArrayBuffer;
  readonly parties: number;
  /** Owner id written into every block this worker holds; never 0. */
  readonly id: number;
  /** Successful allocs + frees to perform. */
  readonly ops: number;
  /** Most blocks held at once. */
  readonly hold: number;
  readonly seed: number;
}

export interface ChurnResult {
  readonly allocs: number;
  readonly frees: number;
  readonly failures: number;
  /** Blocks that still carried another owner's id when handed to this worker. */
  readonly duplicates: number;
  /** Blocks whose owner id or serials changed while this worker held them. */
  readonly corruptions: number;
}

const job = workerData as ChurnJob;
const allocator =
  job.kind === 'slab' ? SharedSlabPool.attach(job.buffer) : SizeClassAllocator.attach(job.buffer);
const maxBytes = allocator instanceof SharedSlabPool ? allocator.blockSize : allocator.maxBlockSize;
const words = new Int32Array(job.buffer);
const random = seededRandom(job.seed);

// Held blocks: offset, serial and the word index of the trailing stamp.
const heldOffset = new Int32Array(job.hold);
const heldSerial = new Int32Array(job.hold);
const heldTail = new Int32Array(job.hold);
let held = 0;
let serial = 0;
let allocs = 0;
let frees = 0;
let failures = 0;
let duplicates = 0;
let corruptions = 0;

function release(i: number): void {
  const offset = heldOffset[i]!;
  const head = offset >> 2;
  const mark = heldSerial[i]!;
  if (
    Atomics.load(words, head) !== job.id ||
    words[head + 1] !== mark ||
    words[heldTail[i]!] !== (mark ^ job.id)
  ) {
    corruptions++;
  }
  // Clears the owner before the free, whose CAS publishes it to the next owner.
  Atomics.store(words, head, 0);
  allocator.free(offset);
  frees++;
  held--;
  heldOffset[i] = heldOffset[held]!;
  heldSerial[i] = heldSerial[held]!;
  heldTail[i] = heldTail[held]!;
}

waitForAll(new Int32Array(job.startLine), 0, job.parties);
while (allocs + frees < job.ops) {
  if (held === 0 || (held < job.hold && random() < 0.5)) {
    // Log-uniform sizes, so every size class sees traffic; at least 12 bytes: owner, serial and
    // a separate trailing stamp.
    const bytes = Math.max(12, Math.floor(2 ** (random() * Math.log2(maxBytes + 1))));
    const offset = allocator.alloc(bytes);
    if (offset === NO_BLOCK) {
      failures++;
      if (held > 0) release(Math.floor(random() * held));
      continue;
    }
    const head = offset >> 2;
    if (Atomics.load(words, head) !== 0) duplicates++;
    serial++;
    Atomics.store(words, head, job.id);
    words[head + 1] = serial;
    // The last whole word of the requested bytes: proves the capacity is really ours.
    const tail = (offset + bytes - 4) >> 2;
    words[tail] = serial ^ job.id;
    heldOffset[held] = offset;
    heldSerial[held] = serial;
    heldTail[held] = tail;
    held++;
    allocs++;
  } else {
    release(Math.floor(random() * held));
  }
}
while (held > 0) release(held - 1);

parentPort?.postMessage({ allocs, frees, failures, duplicates, corruptions } satisfies ChurnResult);
