import { BumpArena, NO_BLOCK, ObjectPool, SharedSlabPool } from '@zactor/mempool';
import { BenchError } from '../../errors.js';
import { consume } from '../../harness/blackhole.js';
import {
  defineScenario,
  type Implementation,
  type RunResult,
  type Scenario,
  type Suite,
} from '../../harness/scenario.js';

/**
 * Memory reuse against letting the garbage collector do it. Every iteration obtains an object or
 * block, writes to it, keeps it in a ring of live ones (so the JIT cannot elide the allocation)
 * and retires the one it replaces; the GC's cost lands inside the timed loop for the
 * implementations that allocate. One loop function per implementation keeps call sites
 * monomorphic.
 */

type ReuseParams = { readonly iterations: number; readonly live: number };

interface Vec {
  x: number;
  y: number;
  z: number;
}

function finish(p: ReuseParams, start: number, sum: number): RunResult {
  const seconds = (performance.now() - start) / 1000;
  consume(sum);
  return { operations: p.iterations, seconds };
}

// --- objects ----------------------------------------------------------------------------------

function pooledObjects(p: ReuseParams): RunResult {
  const pool = new ObjectPool<Vec>({ create: () => ({ x: 0, y: 0, z: 0 }), maxSize: 1024 });
  const ring: Vec[] = [];
  for (let i = 0; i < p.live; i++) ring.push(pool.acquire());
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.iterations; i++) {
    const slot = i % p.live;
    pool.release(ring[slot]!);
    const v = pool.acquire();
    v.x = i;
    v.y = i + 1;
    v.z = i + 2;
    ring[slot] = v;
    sum += v.y;
  }
  return finish(p, start, sum);
}

function plainObjects(p: ReuseParams): RunResult {
  const ring: Vec[] = [];
  for (let i = 0; i < p.live; i++) ring.push({ x: 0, y: 0, z: 0 });
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.iterations; i++) {
    const v = { x: i, y: i + 1, z: i + 2 };
    ring[i % p.live] = v;
    sum += v.y;
  }
  return finish(p, start, sum);
}

export const objectReuse: Scenario = defineScenario<ReuseParams>({
  suite: 'mempool',
  name: 'object reuse, {x,y,z} with 256 live',
  countingRule:
    'one operation = one object obtained, its 3 fields written, kept live in a ring of 256 and the one it replaces retired (released to the pool, or dropped for the GC)',
  kind: 'throughput',
  unit: 'ops/s',
  sizes: {
    tiny: { iterations: 10_000, live: 256 },
    quick: { iterations: 1_000_000, live: 256 },
    full: { iterations: 1_000_000, live: 256 },
  },
  scaleKey: 'iterations',
  operations: (p) => p.iterations,
  implementations: () => [
    { name: 'ObjectPool', role: 'zactor', run: pooledObjects },
    { name: 'new object (GC)', role: 'baseline', run: plainObjects },
  ],
});

// --- 1 KB shareable blocks --------------------------------------------------------------------

const BLOCK = 1024;

function slabBlocks(p: ReuseParams): RunResult {
  const pool = SharedSlabPool.create({ blockSize: BLOCK, blockCount: 1024 });
  const bytes = new Uint8Array(pool.buffer);
  const ring = new Int32Array(p.live).fill(NO_BLOCK);
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.iterations; i++) {
    const slot = i % p.live;
    const old = ring[slot]!;
    if (old !== NO_BLOCK) pool.free(old);
    const offset = pool.alloc(BLOCK);
    if (offset === NO_BLOCK) throw new BenchError('mempool', 'POOL_EMPTY', 'slab pool ran dry');
    bytes[offset] = i;
    bytes[offset + BLOCK - 1] = i;
    ring[slot] = offset;
    sum += bytes[offset]!;
  }
  return finish(p, start, sum);
}

function heapBlocks(p: ReuseParams): RunResult {
  const ring: Uint8Array[] = [];
  for (let i = 0; i < p.live; i++) ring.push(new Uint8Array(0));
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.iterations; i++) {
    const block = new Uint8Array(BLOCK);
    block[0] = i;
    block[BLOCK - 1] = i;
    ring[i % p.live] = block;
    sum += block[0]!;
  }
  return finish(p, start, sum);
}

function sharedBufferBlocks(p: ReuseParams): RunResult {
  const ring: Uint8Array[] = [];
  for (let i = 0; i < p.live; i++) ring.push(new Uint8Array(0));
  let sum = 0;
  const start = performance.now();
  for (let i = 0; i < p.iterations; i++) {
    const block = new Uint8Array(new SharedArrayBuffer(BLOCK));
    block[0] = i;
    block[BLOCK - 1] = i;
    ring[i % p.live] = block;
    sum += block[0]!;
  }
  return finish(p, start, sum);
}

export const sharedBlocks: Scenario = defineScenario<ReuseParams>({
  suite: 'mempool',
  name: '1 KB blocks with 64 live',
  countingRule:
    'one operation = one 1 KB block obtained, its first and last bytes written, kept live in a ring of 64 and the one it replaces retired (freed to the slab, or dropped for the GC); only the slab and SharedArrayBuffer blocks can be shared with another worker',
  kind: 'throughput',
  unit: 'ops/s',
  sizes: {
    tiny: { iterations: 2_000, live: 64 },
    quick: { iterations: 100_000, live: 64 },
    full: { iterations: 100_000, live: 64 },
  },
  scaleKey: 'iterations',
  operations: (p) => p.iterations,
  implementations: () => [
    { name: 'SharedSlabPool', role: 'zactor', run: slabBlocks },
    { name: 'new Uint8Array (GC)', role: 'baseline', run: heapBlocks },
    { name: 'new SharedArrayBuffer (GC)', role: 'baseline', run: sharedBufferBlocks },
  ],
});

// --- per-batch scratch allocation ----------------------------------------------------------

type ArenaParams = { readonly batches: number; readonly perBatch: number };

function arenaScratch(p: ArenaParams): RunResult {
  const arena = BumpArena.create({ capacity: p.perBatch * 64 });
  const bytes = new Uint8Array(arena.buffer);
  let count = 0;
  let sum = 0;
  const start = performance.now();
  for (let b = 0; b < p.batches; b++) {
    for (let i = 0; i < p.perBatch; i++) {
      const offset = arena.alloc(64);
      bytes[offset] = i;
      sum += bytes[offset]!;
      count++;
    }
    arena.reset();
  }
  const seconds = (performance.now() - start) / 1000;
  consume(sum);
  return { operations: count, seconds };
}

function heapScratch(p: ArenaParams): RunResult {
  const batch: Uint8Array[] = new Array(p.perBatch);
  let count = 0;
  let sum = 0;
  const start = performance.now();
  for (let b = 0; b < p.batches; b++) {
    for (let i = 0; i < p.perBatch; i++) {
      const block = new Uint8Array(64);
      block[0] = i;
      batch[i] = block;
      sum += block[0]!;
      count++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  consume(sum);
  return { operations: count, seconds };
}

export const arenaScenario: Scenario = defineScenario<ArenaParams>({
  suite: 'mempool',
  name: 'scratch blocks, 64 B x 1000 per batch',
  countingRule:
    'one operation = one 64-byte block obtained and written; a batch of 1000 stays live until the next batch (BumpArena: one reset per batch; Uint8Array: dropped for the GC)',
  kind: 'throughput',
  unit: 'ops/s',
  sizes: {
    tiny: { batches: 10, perBatch: 1000 },
    quick: { batches: 200, perBatch: 1000 },
    full: { batches: 200, perBatch: 1000 },
  },
  scaleKey: 'batches',
  operations: (p) => p.batches * p.perBatch,
  implementations: (): Implementation<ArenaParams>[] => [
    { name: 'BumpArena', role: 'zactor', run: arenaScratch },
    { name: 'new Uint8Array (GC)', role: 'baseline', run: heapScratch },
  ],
});

export const mempoolSuite: Suite = {
  name: 'mempool',
  description: 'object pool, shared slab blocks and bump arena against plain allocation and the GC',
  scenarios: [objectReuse, sharedBlocks, arenaScenario],
};
